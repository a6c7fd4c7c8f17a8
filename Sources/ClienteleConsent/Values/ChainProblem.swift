/// Where and how a ledger chain breaks.
public struct ChainProblem: Hashable, Sendable, Codable {
    /// The kinds of tampering a chain reveals.
    public enum Kind: String, Hashable, Sendable, Codable, CaseIterable {
        /// A record's content no longer matches its own hash: it was edited.
        case altered
        /// A record does not link to its predecessor: the predecessor was edited and
        /// re-hashed, or records were removed and renumbered.
        case linkBroken
        /// Sequences jump: records were deleted.
        case missing
        /// Sequences go backwards or out of order: records were reordered.
        case reordered
        /// A record of another customer sits in this ledger.
        case foreignRecord
        /// Records were cut off the end (found against a known head).
        case truncated
    }

    /// What is wrong.
    public var kind: Kind
    /// The zero-based position in the list where the problem was found.
    public var position: Int
    /// The sequence number the record there carries, if there is a record there.
    public var sequence: Int?
    /// A sentence for the shop's records officer, without personal data.
    public var explanation: String

    /// Creates a problem description.
    public init(kind: Kind, position: Int, sequence: Int?, explanation: String) {
        self.kind = kind
        self.position = position
        self.sequence = sequence
        self.explanation = explanation
    }
}
