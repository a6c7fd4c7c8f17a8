/// Proof of the consent state at the time of a past send: the send, the ledger as it
/// stood then (the records up to the head the send recorded), whether that part of the
/// chain verifies, and the standing re-derived from it.
public struct SendProof: Hashable, Sendable, Codable {
    /// The send.
    public var send: SendRecord
    /// The ledger records up to the send's recorded head.
    public var records: [ConsentRecord]
    /// Verification of those records against the recorded head.
    public var verification: ChainVerification
    /// The standing of the send's purpose and channel re-derived at send time
    /// (`nil` for service messages).
    public var standing: ConsentStanding?

    /// Creates a proof.
    public init(send: SendRecord, records: [ConsentRecord], verification: ChainVerification, standing: ConsentStanding?) {
        self.send = send
        self.records = records
        self.verification = verification
        self.standing = standing
    }

    /// True when the chain verifies up to the recorded head and the re-derived standing
    /// still supports the recorded basis.
    public var holds: Bool {
        guard verification.isIntact else { return false }
        switch send.basis {
        case .contract, .legalObligation, .legitimateInterest:
            return standing?.objectedAt == nil
        case .consent(let sequence, _, _):
            if case .granted(_, _, let grantedBy) = standing?.status { return grantedBy == sequence }
            return false
        case .softOptIn(let sequence, _):
            return standing?.softOptIn?.sequence == sequence
        }
    }
}
