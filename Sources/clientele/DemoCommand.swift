import Foundation

/// `clientele demo [--dir DIR]`: the scripted shop scenario (``DemoScenario``).
enum DemoCommand {
    static let command = Command(
        name: "demo", summary: "run the end-to-end shop scenario on a file-backed store",
        usage: "demo [--dir DIR]",
        details: """
            options:
              --dir DIR   keep the store in DIR (new or empty) instead of a temporary folder
                          that is removed at the end
            """,
        shape: Arguments.Shape(options: ["--dir": "DIR"]),
        run: run)

    private static func run(_ arguments: Arguments) async throws -> Int32 {
        var folder: URL?
        if let path = arguments.value("--dir") {
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue || !contents.isEmpty {
                throw CommandFailure.failed("\(CommandFailure.quoted(path)) is not an empty folder; the demo needs a new or empty one")
            }
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            folder = URL(fileURLWithPath: path, isDirectory: true)
        }
        do {
            try await DemoScenario.run(in: folder)
        } catch {
            throw CommandFailure.failed("the demo failed: \(error)")
        }
        return 0
    }
}
