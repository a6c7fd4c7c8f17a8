import Clientele
import Foundation

/// `clientele compact DIR`: snapshots every store and truncates its journal.
enum CompactCommand {
    static let command = Command(
        name: "compact", summary: "snapshot every store and truncate its journal; prints sizes before and after",
        usage: "compact DIR", details: "", shape: Arguments.Shape(positionals: ["DIR"]), run: run)

    private static func run(_ arguments: Arguments) async throws -> Int32 {
        let folder = try StoreFolder(arguments.positionals[0])
        try folder.checkNotLocked()
        let before = try StoreFolder.modules.map(folder.size(of:))
        try await folder.withHub { hub in
            try await ReferenceStores(hub).compact()
        }
        let after = try StoreFolder.modules.map(folder.size(of:))
        for (index, module) in StoreFolder.modules.enumerated() {
            print("\(module): \(Format.bytes(before[index])) -> \(Format.bytes(after[index]))")
        }
        print("total: \(Format.bytes(before.reduce(0, +))) -> \(Format.bytes(after.reduce(0, +)))")
        return 0
    }
}
