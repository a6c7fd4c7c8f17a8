import ClienteleCore
import Foundation

/// Damages a copy of a cleanly closed store folder in many ways, opens it (with the default
/// options and with `corruption: .salvage`), and classifies each outcome.
///
/// The trial knows only the public file layout (Docs/Storage.md): files start with a
/// 32-byte header whose first 6 bytes say `CLJRNL` (journal) or `CLSNAP` (snapshot), and
/// journal records are framed as `UInt32 length | UInt32 CRC | payload`. It enumerates the
/// folder rather than naming files, so any other store file (a manifest) is attacked too.
package enum CorruptionTrial {
    /// The acceptable outcomes of opening a damaged store.
    package enum Outcome: String, Sendable, CaseIterable, Comparable {
        /// Opened, nothing acknowledged lost, data identical to the original.
        case identical = "a identical"
        /// Opened with `lostAcknowledgedChanges` and the damaged file named in the report.
        case lossReported = "b loss reported"
        /// Refused with `storeCorrupted` or `storeFormatUnsupported` naming the file.
        case refused = "c refused"

        package static func < (left: Self, right: Self) -> Bool { left.rawValue < right.rawValue }
    }

    /// One way of damaging a store folder.
    package struct Mutation: Sendable {
        /// The kind, for the table: `truncate journal at record boundary`, …
        package var kind: String
        /// This instance: file and offset.
        package var label: String
        package var apply: @Sendable (URL) throws -> Void
    }

    /// The outcome counts of a trial and what was unacceptable.
    package struct Figures: Sendable, CustomStringConvertible {
        package var kind: String
        /// Per mutation kind and options (`default`/`salvage`), per outcome.
        package var counts: [String: [Outcome: Int]] = [:]
        /// Per mutation kind and options, the unacceptable outcomes.
        package var failureCounts: [String: Int] = [:]
        /// One line per unacceptable outcome.
        package var failures: [String] = []
        /// Per mutation kind and options, the first unacceptable outcome.
        package var firstFailure: [String: String] = [:]

        /// A table: one row per mutation kind and options, one column per outcome.
        package var description: String {
            let rows = Set(counts.keys).union(failureCounts.keys).sorted()
            let width = max(44, (rows.map(\.count).max() ?? 0) + 2)
            func pad(_ text: String, _ size: Int) -> String { text + String(repeating: " ", count: max(0, size - text.count)) }
            var lines = ["corruption trial \(kind): " + (failures.isEmpty ? "no unacceptable outcome" : "\(failures.count) unacceptable outcome(s)")]
            lines.append(pad("mutation (options)", width) + Outcome.allCases.map { pad($0.rawValue, 17) }.joined() + "FAILED")
            for row in rows {
                let cells = Outcome.allCases.map { pad(String(counts[row]?[$0] ?? 0), 17) }.joined()
                lines.append(pad(row, width) + cells + String(failureCounts[row] ?? 0))
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Items written before the last snapshot, and after it (in the newest journal).
    package static let itemsBeforeSnapshot = 120
    package static let itemsAfterSnapshot = 40

    /// Builds a store of `store` (snapshot plus a journal of records after it), attacks it
    /// with every mutation, and returns the table.
    package static func run(_ store: any StoreUnderAttack.Type, seed: UInt64 = 12) async throws -> Figures {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-corruption-\(store.kind)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let original = root.appendingPathComponent("original")
        try await store.write(
            folder: original, options: JournalOptions(snapshotThreshold: 16 << 10), prefix: "before", count: itemsBeforeSnapshot,
            acknowledge: { _ in })
        try await store.write(
            folder: original, options: JournalOptions(snapshotThreshold: .max), prefix: "after", count: itemsAfterSnapshot,
            acknowledge: { _ in })
        let pristine = root.appendingPathComponent("pristine")
        try FileManager.default.copyItem(at: original, to: pristine)
        let reference = try await store.inspect(folder: pristine, options: JournalOptions())
        let originalNames = try FileManager.default.contentsOfDirectory(atPath: original.path)

        var figures = Figures(kind: store.kind)
        let trial = root.appendingPathComponent("trial")
        for mutation in try mutations(of: original, seed: seed) {
            for (name, options) in [("default", JournalOptions()), ("salvage", JournalOptions(corruption: .salvage))] {
                try? FileManager.default.removeItem(at: trial)
                try FileManager.default.copyItem(at: original, to: trial)
                try mutation.apply(trial)
                let names = Set(originalNames).union(try FileManager.default.contentsOfDirectory(atPath: trial.path))
                let row = "\(mutation.kind) (\(name))"
                switch await classify(store, folder: trial, options: options, reference: reference, names: names) {
                case .success(let outcome):
                    figures.counts[row, default: [:]][outcome, default: 0] += 1
                case .failure(let failure):
                    let line = "\(mutation.label): \(failure.description)"
                    figures.failureCounts[row, default: 0] += 1
                    figures.failures.append("\(row), \(line)")
                    if figures.firstFailure[row] == nil { figures.firstFailure[row] = line }
                }
            }
        }
        return figures
    }

    /// An unacceptable outcome.
    package struct Unacceptable: Error, CustomStringConvertible {
        package var description: String
    }

    static func classify(
        _ store: any StoreUnderAttack.Type, folder: URL, options: JournalOptions, reference: StoreInspection, names: Set<String>
    ) async -> Result<Outcome, Unacceptable> {
        do {
            let inspection = try await store.inspect(folder: folder, options: options)
            let report = inspection.report
            if report.lostAcknowledgedChanges {
                let named = report.truncations.filter { $0.reason != .tornTail }.map(\.file)
                guard !named.isEmpty, named.allSatisfy({ names.contains($0) }) else {
                    return .failure(Unacceptable(description: "loss reported without naming a store file: \(report)"))
                }
                return .success(.lossReported)
            }
            guard inspection.fingerprint == reference.fingerprint else {
                let missing = reference.keys.subtracting(inspection.keys).count
                return .failure(Unacceptable(
                    description: "opened with no loss reported but the data differ (\(missing) of \(reference.keys.count) items missing); report: \(report)"))
            }
            return .success(.identical)
        } catch let error as CoreError {
            guard error.code == .storeCorrupted || error.code == .storeFormatUnsupported else {
                return .failure(Unacceptable(description: "refused with \(error.code), not storeCorrupted or storeFormatUnsupported: \(error)"))
            }
            guard let file = error.context.file, names.contains(file) else {
                return .failure(Unacceptable(description: "refused without naming a store file: \(error)"))
            }
            return .success(.refused)
        } catch {
            return .failure(Unacceptable(description: "refused with an untyped error: \(error)"))
        }
    }

    // MARK: Mutations

    private enum FileRole { case journal, snapshot, other }

    private static func role(of bytes: Data) -> FileRole {
        if bytes.starts(with: Array("CLJRNL".utf8)) { return .journal }
        if bytes.starts(with: Array("CLSNAP".utf8)) { return .snapshot }
        return .other
    }

    /// The bytes of a file without its trailing zeros (space a journal writes ahead of time).
    private static func usedLength(_ bytes: Data) -> Int {
        var end = bytes.count
        while end > 0 && bytes[bytes.startIndex + end - 1] == 0 { end -= 1 }
        return end
    }

    /// The offsets where the journal records end (after the 32-byte header), oldest first.
    static func recordBoundaries(_ bytes: Data) -> [Int] {
        let raw = [UInt8](bytes)
        var boundaries: [Int] = []
        var offset = 32
        while offset + 8 <= raw.count {
            let length = Int(raw[offset]) | Int(raw[offset + 1]) << 8 | Int(raw[offset + 2]) << 16 | Int(raw[offset + 3]) << 24
            guard length > 0, offset + 8 + length <= raw.count else { break }
            offset += 8 + length
            boundaries.append(offset)
        }
        return boundaries
    }

    /// Every mutation of the folder at `folder`: deterministic for a seed.
    static func mutations(of folder: URL, seed: UInt64) throws -> [Mutation] {
        var random = SeededRandom(seed: seed)
        // LOCK is the folder lock, not data: it is deleted and swapped, not damaged.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        var files: [(name: String, bytes: Data, role: FileRole)] = []
        for name in names {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            files.append((name, bytes, role(of: bytes)))
        }
        var mutations: [Mutation] = []
        func roleName(_ role: FileRole) -> String {
            switch role {
            case .journal: "journal"
            case .snapshot: "snapshot"
            case .other: "other file"
            }
        }

        let journals = files.filter { $0.role == .journal }
        if let newest = journals.last {
            for boundary in recordBoundaries(newest.bytes) {
                mutations.append(Mutation(kind: "truncate newest journal at a record boundary", label: "\(newest.name)@\(boundary)") {
                    try truncate($0.appendingPathComponent(newest.name), to: boundary)
                })
            }
            mutations.append(Mutation(kind: "truncate newest journal to its header", label: newest.name) {
                try truncate($0.appendingPathComponent(newest.name), to: 32)
            })
            // The last acknowledged record damaged: not a torn write, since its commit returned.
            let boundaries = recordBoundaries(newest.bytes)
            if boundaries.count >= 2, let end = boundaries.last {
                let start = boundaries[boundaries.count - 2]
                for _ in 0..<4 {
                    let offset = start + random.next(below: end - start)
                    let mask = UInt8(1 + random.next(below: 255))
                    mutations.append(Mutation(kind: "flip a byte in the newest journal's last record", label: "\(newest.name)@\(offset)^\(mask)") {
                        try flip($0.appendingPathComponent(newest.name), at: offset, mask: mask)
                    })
                }
            }
        }
        for file in files where file.role != .other || file.bytes.count > 0 {
            let kind = roleName(file.role)
            let used = max(1, usedLength(file.bytes))
            for _ in 0..<8 {
                let offset = random.next(below: used)
                mutations.append(Mutation(kind: "truncate \(kind) at a random offset", label: "\(file.name)@\(offset)") {
                    try truncate($0.appendingPathComponent(file.name), to: offset)
                })
            }
            for offset in 0..<min(32, file.bytes.count) {
                let mask = UInt8(1 + random.next(below: 255))
                mutations.append(Mutation(kind: "flip a \(kind) header byte", label: "\(file.name)@\(offset)^\(mask)") {
                    try flip($0.appendingPathComponent(file.name), at: offset, mask: mask)
                })
            }
            if used > 32 {
                for _ in 0..<12 {
                    let offset = 32 + random.next(below: used - 32)
                    let mask = UInt8(1 + random.next(below: 255))
                    mutations.append(Mutation(kind: "flip a \(kind) byte at a random offset", label: "\(file.name)@\(offset)^\(mask)") {
                        try flip($0.appendingPathComponent(file.name), at: offset, mask: mask)
                    })
                }
            }
        }
        for file in files {
            let kind = file.name == "LOCK" ? "lock file" : roleName(file.role)
            mutations.append(Mutation(kind: "delete the \(kind)", label: file.name) {
                try FileManager.default.removeItem(at: $0.appendingPathComponent(file.name))
            })
        }
        for (index, first) in files.enumerated() {
            for second in files[(index + 1)...] {
                mutations.append(Mutation(kind: "swap two files' names", label: "\(first.name) <-> \(second.name)") {
                    let temporary = $0.appendingPathComponent("swap.tmp-name")
                    try FileManager.default.moveItem(at: $0.appendingPathComponent(first.name), to: temporary)
                    try FileManager.default.moveItem(at: $0.appendingPathComponent(second.name), to: $0.appendingPathComponent(first.name))
                    try FileManager.default.moveItem(at: temporary, to: $0.appendingPathComponent(second.name))
                })
            }
        }
        // One store file renamed over another (the older replaces the newer, and the other way
        // round), as a botched restore or `mv` would leave it. The renumbering below can do
        // the same by chance, depending on where the last snapshot fell; this makes it certain.
        let storeFiles = files.filter { $0.role != .other }
        for first in storeFiles {
            for second in storeFiles where second.name != first.name {
                mutations.append(Mutation(kind: "rename a \(roleName(first.role)) over a \(roleName(second.role))", label: "\(first.name) -> \(second.name)") {
                    try replace($0.appendingPathComponent(second.name), with: $0.appendingPathComponent(first.name))
                })
            }
        }
        // A journal or snapshot renamed to the next sequence number (`…-00000000000000000161.log`).
        // When a file of that name is already there (a journal started right after a
        // snapshot shares its number's successor), the rename replaces it, as `mv` would.
        for file in files where file.role != .other {
            guard let renamed = renumbered(file.name) else { continue }
            let replaces = files.contains { $0.name == renamed }
            let kind = "rename a \(roleName(file.role)) to the next sequence" + (replaces ? ", replacing the file there" : "")
            mutations.append(Mutation(kind: kind, label: "\(file.name) -> \(renamed)") {
                try replace($0.appendingPathComponent(renamed), with: $0.appendingPathComponent(file.name))
            })
        }
        return mutations
    }

    /// `name` with its run of 20 digits increased by one, or nil when it has none.
    private static func renumbered(_ name: String) -> String? {
        let characters = Array(name)
        var start = 0
        while start + 20 <= characters.count {
            let digits = characters[start..<(start + 20)]
            if digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber), let value = UInt64(String(digits)), value < UInt64.max {
                let next = String(value + 1)
                let padded = String(repeating: "0", count: 20 - next.count) + next
                return String(characters[..<start]) + padded + String(characters[(start + 20)...])
            }
            start += 1
        }
        return nil
    }

    /// Renames `source` to `destination`, replacing any file there (POSIX `rename`);
    /// `FileManager.moveItem` refuses an existing destination.
    private static func replace(_ destination: URL, with source: URL) throws {
        guard rename(source.path, destination.path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: source.path, "errno": errno])
        }
    }

    private static func truncate(_ file: URL, to size: Int) throws {
        let handle = try FileHandle(forWritingTo: file)
        defer { try? handle.close() }
        try handle.truncate(atOffset: UInt64(size))
    }

    private static func flip(_ file: URL, at offset: Int, mask: UInt8) throws {
        var bytes = try Data(contentsOf: file)
        bytes[bytes.startIndex + offset] ^= mask
        try bytes.write(to: file)
    }
}
