public import Foundation

/// A new, empty folder of its own under the system's temporary directory, readable and
/// writable by the owner only, for tests of file-backed stores.
///
/// ```swift
/// let temporary = try TemporaryFolder(prefix: "my-store-tests")
/// defer { temporary.remove() }
/// let store = try await ReferenceAccountStore.open(folder: temporary.subfolder("accounts"))
/// ```
///
/// Every instance is a different folder (`<prefix>-<UUID>`), so tests running in parallel
/// never share one.
public struct TemporaryFolder: Sendable, Hashable {
    /// Why a temporary folder could not be made.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The folder that could not be made.
        public var path: String
        /// What the file system said.
        public var reason: String

        /// `Could not create the temporary folder <path>: <reason>`.
        public var description: String { "Could not create the temporary folder \(path): \(reason)" }
    }

    /// The folder; it exists, empty, with owner-only permissions (0700), until ``remove()``.
    public let url: URL

    /// Creates a new, empty folder named `<prefix>-<UUID>` in
    /// `FileManager.default.temporaryDirectory`, with owner-only permissions.
    ///
    /// - Throws: ``Failure`` when the file system refuses.
    public init(prefix: String = "clientele") throws(Failure) {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw Failure(path: url.path, reason: "\(error)")
        }
        self.url = url
    }

    /// The path `name` inside this folder, not created: where a file-backed store opens (and
    /// creates) its own folder.
    public func subfolder(_ name: String) -> URL {
        url.appendingPathComponent(name, isDirectory: true)
    }

    /// Removes the folder and everything in it; a folder already gone is not an error.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
