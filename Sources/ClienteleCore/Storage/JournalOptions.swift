/// How a file-backed ``StateStore`` behaves; pass to ``StateStore/open(folder:options:)``.
public struct JournalOptions: Sendable, Hashable {
    /// What to do when a store file has a bad record followed by good ones.
    public enum CorruptionPolicy: Sendable, Hashable {
        /// Refuse to open, with an error that names the file and offset (the default).
        case refuse
        /// Keep every change up to the last good record before the damage, drop the rest,
        /// and describe what was dropped in ``RecoveryReport/truncations``.
        case salvage
    }

    /// Journal bytes after which a commit also writes a snapshot and restarts the journal.
    /// Bigger means fewer snapshots but a longer replay at open. Default 64 MiB.
    public var snapshotThreshold: Int
    /// What to do with corruption in the middle of a journal. Default ``CorruptionPolicy/refuse``.
    public var corruption: CorruptionPolicy

    /// Creates options.
    ///
    /// - Parameters:
    ///   - snapshotThreshold: Journal bytes that trigger a snapshot; `Int.max` for snapshots
    ///     only through ``StateStore/compact()``.
    ///   - corruption: Whether to refuse or salvage a store with damage in the middle.
    public init(snapshotThreshold: Int = 64 << 20, corruption: CorruptionPolicy = .refuse) {
        self.snapshotThreshold = snapshotThreshold
        self.corruption = corruption
    }
}
