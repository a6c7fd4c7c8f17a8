import Foundation

/// The per-customer hash chain of the consent ledger: how a record's hash is computed and
/// how a ledger is verified.
///
/// A record's hash is the SHA-256 of a canonical, length-prefixed encoding of every field
/// (customer, sequence and the previous record's hash included). The first record links
/// to a genesis hash derived from the customer ID, so a ledger cannot be moved to another
/// customer either.
public enum LedgerChain {
    /// The hash the first record of `customer`'s ledger links to.
    public static func genesisHash(of customer: CustomerID) -> Digest256 {
        Digest256.sha256(Array("clientele.consent.genesis.v1|\(customer.rawValue)".utf8))
    }

    /// The head of an empty ledger.
    public static func emptyHead(of customer: CustomerID) -> LedgerHead {
        LedgerHead(count: 0, hash: genesisHash(of: customer))
    }

    /// The head of `records` (the last record's), or the empty head.
    public static func head(of records: [ConsentRecord], customer: CustomerID) -> LedgerHead {
        records.last?.head ?? emptyHead(of: customer)
    }

    /// The hash `record` should carry, computed from all its other fields.
    ///
    /// - Complexity: O(size of the record).
    public static func computeHash(of record: ConsentRecord) -> Digest256 {
        var encoder = CanonicalEncoder()
        encoder.string("clientele.consent.record.v1")
        encoder.string(record.customer.rawValue)
        encoder.integer(Int64(record.sequence))
        encoder.raw(record.previousHash.bytes)
        encoder.string(record.id.uuidString.lowercased())
        encoder.integer(StoredInstant.milliseconds(record.at))
        encoder.string(record.action.rawValue)
        encoder.optional(record.purpose?.rawValue)
        encoder.optional(record.purposeVersion.map { Int64($0) })
        encoder.optional(record.channel?.rawValue)
        encoder.string(record.source)
        encoder.string(record.actor.rawValue)
        encoder.optional(record.evidence.formID)
        encoder.optional(record.evidence.ipAddressDigest?.hex)
        encoder.optional(record.evidence.userAgentDigest?.hex)
        encoder.optional(record.confirmBy.map(StoredInstant.milliseconds))
        encoder.optional(record.confirms.map { Int64($0) })
        if let soft = record.softOptIn {
            encoder.byte(1)
            encoder.string(soft.orderReference)
            encoder.integer(Int64(soft.productCategories.count))
            for category in soft.productCategories { encoder.string(category) }
            encoder.optional(soft.expiresAt.map(StoredInstant.milliseconds))
        } else {
            encoder.byte(0)
        }
        return Digest256.sha256(encoder.bytes)
    }

    /// Checks that `records` are `customer`'s intact ledger: gap-free sequences in order,
    /// each record's hash matching its content, each linked to its predecessor, and (when
    /// an `expectedHead` is known, such as the head recorded with the latest send) nothing
    /// cut off the end.
    ///
    /// - Returns: The verification, naming the first position where the chain breaks.
    /// - Complexity: O(total size of the records).
    public static func verify(
        _ records: [ConsentRecord], of customer: CustomerID, expectedHead: LedgerHead? = nil
    ) -> ChainVerification {
        var previous = genesisHash(of: customer)
        for (position, record) in records.enumerated() {
            func broken(_ kind: ChainProblem.Kind, _ explanation: String) -> ChainVerification {
                ChainVerification(
                    recordCount: records.count, head: head(of: records, customer: customer),
                    problem: ChainProblem(kind: kind, position: position, sequence: record.sequence, explanation: explanation))
            }
            if record.customer != customer {
                return broken(.foreignRecord, "Record \(position) belongs to another customer's ledger.")
            }
            if record.sequence != position {
                let laterHasExpected = records[(position + 1)...].contains { $0.sequence == position }
                if record.sequence < position || laterHasExpected {
                    return broken(.reordered, "Record \(position) carries sequence \(record.sequence): records were reordered.")
                }
                return broken(
                    .missing,
                    "Records \(position)..<\(record.sequence) are missing: the ledger jumps from sequence \(position - 1) to \(record.sequence).")
            }
            if computeHash(of: record) != record.hash {
                return broken(.altered, "Record \(position) does not match its hash: its content was changed.")
            }
            if record.previousHash != previous {
                return broken(
                    .linkBroken,
                    position == 0
                        ? "Record 0 does not link to the start of this customer's ledger."
                        : "Record \(position) does not link to record \(position - 1): a record before it was changed and re-hashed, or records were removed and renumbered.")
            }
            previous = record.hash
        }
        if let expectedHead {
            let position = min(records.count, max(expectedHead.count - 1, 0))
            if records.count < expectedHead.count {
                return ChainVerification(
                    recordCount: records.count, head: head(of: records, customer: customer),
                    problem: ChainProblem(
                        kind: .truncated, position: records.count, sequence: nil,
                        explanation: "The ledger ends after \(records.count) records, but a send recorded a head of \(expectedHead.count) records."))
            }
            if expectedHead.count > 0, records[position].hash != expectedHead.hash {
                return ChainVerification(
                    recordCount: records.count, head: head(of: records, customer: customer),
                    problem: ChainProblem(
                        kind: .linkBroken, position: position, sequence: records[position].sequence,
                        explanation: "Record \(position) differs from the one a send recorded as the ledger head: the ledger was rewritten."))
            }
        }
        return ChainVerification(recordCount: records.count, head: head(of: records, customer: customer), problem: nil)
    }
}

/// A length-prefixed, unambiguous byte encoding for hashing.
struct CanonicalEncoder {
    private(set) var bytes: [UInt8] = []

    mutating func byte(_ value: UInt8) { bytes.append(value) }

    mutating func raw(_ value: [UInt8]) { bytes.append(contentsOf: value) }

    mutating func integer(_ value: Int64) {
        withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        let utf8 = Array(value.utf8)
        integer(Int64(utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func optional(_ value: String?) {
        if let value { byte(1); string(value) } else { byte(0) }
    }

    mutating func optional(_ value: Int64?) {
        if let value { byte(1); integer(value) } else { byte(0) }
    }
}
