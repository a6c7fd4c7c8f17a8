/// The outcome of verifying a customer's ledger chain.
public struct ChainVerification: Hashable, Sendable, Codable {
    /// How many records were checked.
    public var recordCount: Int
    /// The head of the records as given.
    public var head: LedgerHead
    /// The first break found, or `nil` when the chain is intact.
    public var problem: ChainProblem?

    /// Creates a verification outcome.
    public init(recordCount: Int, head: LedgerHead, problem: ChainProblem?) {
        self.recordCount = recordCount
        self.head = head
        self.problem = problem
    }

    /// True when no break was found.
    public var isIntact: Bool { problem == nil }
}
