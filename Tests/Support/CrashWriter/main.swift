import ClienteleCore
import ClienteleStoreAttacks
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// `clientele-crash-writer`: test support for the crash loops, never shipped (no product).
//
//   clientele-crash-writer journal <folder> <count>
//   clientele-crash-writer <store kind> <folder> [--prefix P] [--snapshot-threshold BYTES]
//
// Prints `#opening` before it opens the store, then the key of each item on its own line
// only after the call that stored it returned (was durable), with one unbuffered write.
// The tests kill it with SIGKILL at seeded moments and check that every printed key survived.

/// Prints `line` with one unbuffered write, so a kill never loses a printed acknowledgement.
@Sendable func acknowledge(_ line: String) {
    let bytes = Array("\(line)\n".utf8)
    _ = bytes.withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
}

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("clientele-crash-writer: \(message)\n".utf8))
    exit(status)
}

let usage = "usage: clientele-crash-writer journal <folder> <count> | <\(StoresUnderAttack.all.map { $0.kind }.joined(separator: "|"))> <folder> [--prefix P] [--snapshot-threshold BYTES]"
var arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else { fail(usage, status: 64) }
let kind = arguments.removeFirst()
let folder = URL(fileURLWithPath: arguments.removeFirst())

do {
    if kind == "journal" {
        guard arguments.count == 1, let count = UInt64(arguments[0]) else { fail(usage, status: 64) }
        acknowledge("#opening")
        try await JournalCrashWriter.run(folder: folder, count: count)
    } else if let store = StoresUnderAttack.named(kind) {
        var prefix = "w"
        var threshold = 8 << 10
        while arguments.count >= 2 {
            let option = arguments.removeFirst()
            let value = arguments.removeFirst()
            switch option {
            case "--prefix": prefix = value
            case "--snapshot-threshold": threshold = Int(value) ?? threshold
            default: fail(usage, status: 64)
            }
        }
        guard arguments.isEmpty else { fail(usage, status: 64) }
        acknowledge("#opening")
        try await store.write(
            folder: folder, options: JournalOptions(snapshotThreshold: threshold), prefix: prefix, count: nil,
            acknowledge: acknowledge)
    } else {
        fail(usage, status: 64)
    }
} catch {
    fail("\(error)", status: 1)
}
