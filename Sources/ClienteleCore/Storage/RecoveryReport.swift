/// What opening a file-backed ``StateStore`` found and repaired; log it at start-up.
///
/// A store that was closed cleanly, or whose process died between commits, opens with
/// no ``truncations``. The report holds file names, offsets and counts only, never data.
public struct RecoveryReport: Sendable, Hashable, CustomStringConvertible {
    /// One piece of a file that was cut off at open.
    public struct Truncation: Sendable, Hashable, CustomStringConvertible {
        /// Why bytes were cut off.
        public enum Reason: String, Sendable, Hashable {
            /// An incomplete or unchecked record at the very end: a write that a crash
            /// interrupted. Its commit never returned, so no acknowledged change is lost.
            case tornTail
            /// Damage with good records after it, dropped because the options asked to
            /// salvage. Acknowledged changes may have been lost.
            case salvagedCorruption
            /// The folder's manifest says the store had more changes than its files hold:
            /// a journal was deleted or cut short outside the library, or the manifest
            /// itself is missing or damaged. Reported when opening with
            /// ``JournalOptions/CorruptionPolicy/salvage``; refused otherwise.
            case missingChanges
        }

        /// The file, by name inside the store folder.
        public var file: String
        /// The byte offset where the file was cut.
        public var offset: Int64
        /// How many bytes were cut off (including whole later files when salvaging).
        public var droppedBytes: Int64
        /// How many intact records were dropped with them (0 for a torn tail).
        public var droppedRecords: Int
        /// Why the bytes were cut off.
        public var reason: Reason

        /// Creates a truncation record.
        public init(file: String, offset: Int64, droppedBytes: Int64, droppedRecords: Int, reason: Reason) {
            self.file = file
            self.offset = offset
            self.droppedBytes = droppedBytes
            self.droppedRecords = droppedRecords
            self.reason = reason
        }

        /// `file@offset: reason, N bytes, M records`.
        public var description: String {
            "\(file)@\(offset): \(reason.rawValue), dropped \(droppedBytes) bytes and \(droppedRecords) intact records"
        }
    }

    /// The snapshot the state was loaded from, if any.
    public var snapshot: String?
    /// The journal files replayed after it, oldest first.
    public var journals: [String]
    /// How many journal records were replayed.
    public var replayedRecords: Int
    /// The number of changes committed to the store over its lifetime, after recovery.
    public var sequence: UInt64
    /// Damaged or incomplete data that was cut off.
    public var truncations: [Truncation]
    /// Leftovers of an interrupted snapshot (temporary and superseded files) that were removed.
    public var removedFiles: [String]

    /// Creates a report.
    public init(
        snapshot: String? = nil, journals: [String] = [], replayedRecords: Int = 0, sequence: UInt64 = 0,
        truncations: [Truncation] = [], removedFiles: [String] = []
    ) {
        self.snapshot = snapshot
        self.journals = journals
        self.replayedRecords = replayedRecords
        self.sequence = sequence
        self.truncations = truncations
        self.removedFiles = removedFiles
    }

    /// True when nothing had to be cut off.
    public var isClean: Bool { truncations.isEmpty }

    /// True when acknowledged changes may have been lost (only after salvaging).
    public var lostAcknowledgedChanges: Bool {
        truncations.contains { $0.reason != .tornTail }
    }

    /// A one-line summary for logs.
    public var description: String {
        var text = "snapshot \(snapshot ?? "none"), \(journals.count) journal(s), \(replayedRecords) record(s) replayed, sequence \(sequence)"
        if !truncations.isEmpty { text += "; cut: " + truncations.map(\.description).joined(separator: "; ") }
        if !removedFiles.isEmpty { text += "; removed: " + removedFiles.joined(separator: ", ") }
        return text
    }
}
