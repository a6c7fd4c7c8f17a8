/// The end of a customer's ledger at some moment: how many records it had and the hash
/// of the last one. Kept in every send record, so the consent state at send time can be
/// proven later and a truncated ledger is detected.
public struct LedgerHead: Hashable, Sendable, Codable {
    /// The number of records.
    public var count: Int
    /// The hash of the last record, or the genesis hash of an empty ledger.
    public var hash: Digest256

    /// Creates a head.
    public init(count: Int, hash: Digest256) {
        self.count = count
        self.hash = hash
    }
}
