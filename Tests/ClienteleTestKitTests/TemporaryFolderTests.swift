import ClienteleTestKit
import Foundation
import Testing

@Suite struct TemporaryFolderTests {
    @Test func aTemporaryFolderIsNewEmptyOwnerOnlyAndRemoved() throws {
        let first = try TemporaryFolder(prefix: "clientele-kit-test")
        let second = try TemporaryFolder(prefix: "clientele-kit-test")
        #expect(first.url != second.url)
        #expect(first.url.path.hasPrefix(FileManager.default.temporaryDirectory.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: first.url.path).isEmpty)
        let permissions = try FileManager.default.attributesOfItem(atPath: first.url.path)[.posixPermissions] as? Int
        #expect(permissions == 0o700)
        #expect(!FileManager.default.fileExists(atPath: first.subfolder("store").path))
        try Data([1]).write(to: first.url.appendingPathComponent("file"))
        first.remove()
        second.remove()
        #expect(!FileManager.default.fileExists(atPath: first.url.path))
        #expect(!FileManager.default.fileExists(atPath: second.url.path))
    }
}
