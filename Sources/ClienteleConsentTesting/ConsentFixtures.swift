public import ClienteleConsent
import ClienteleTestKitCore
public import Foundation

/// Builders for consent entries, sealed ledgers and send records, for store conformance
/// checks and host tests.
///
/// Everything is deterministic: identifiers and instants derive from the numbers given, and
/// time starts at ``start`` (the ``ManualClock`` default).
///
/// ```swift
/// let ledger = ConsentFixtures.ledger(of: ConsentFixtures.customerID("alice"), count: 3)
/// #expect(LedgerChain.verify(ledger, of: ConsentFixtures.customerID("alice")).isIntact)
/// ```
public enum ConsentFixtures {
    /// The instant fixtures count from: ``ManualClock/defaultStart``.
    public static let start = ManualClock.defaultStart

    /// A customer identifier with the given text; `name` must be a valid identifier
    /// (fixtures are written by hand), otherwise a generated one is returned.
    public static func customerID(_ name: String) -> CustomerID {
        CustomerID(rawValue: name) ?? CustomerID(using: .incrementing())
    }

    /// A digest of 32 bytes of `fill`.
    public static func digest(_ fill: UInt8) -> Digest256 {
        Digest256(bytes: [UInt8](repeating: fill, count: 32)) ?? Digest256.sha256([fill])
    }

    /// The entry numbered `index`: its id holds `index`, it is `index` seconds after
    /// ``start``, its action cycles through given, withdrawn, refused, given and expired, its
    /// purpose is `newsletter` (version 1), even entries are on e-mail, and its evidence
    /// carries a form and two digests.
    public static func entry(_ index: Int) -> ConsentEntry {
        let actions: [ConsentAction] = [.given, .withdrawn, .refused, .given, .expired]
        return ConsentEntry(
            id: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, UInt8(truncatingIfNeeded: index >> 24),
                UInt8(truncatingIfNeeded: index >> 16), UInt8(truncatingIfNeeded: index >> 8), UInt8(truncatingIfNeeded: index))),
            at: start.addingTimeInterval(Double(index)), action: actions[index % actions.count], purpose: "newsletter",
            purposeVersion: 1, channel: index % 2 == 0 ? .email : nil, source: "conformance", actor: .customer,
            evidence: ConsentEvidence(formID: "form-\(index)", ipAddressDigest: digest(0xaa), userAgentDigest: digest(0xbb)))
    }

    /// A gap-free, correctly linked ledger of `customer`: entries `0..<count`, sealed in order.
    public static func ledger(of customer: CustomerID, count: Int) -> [ConsentRecord] {
        var records: [ConsentRecord] = []
        for index in 0..<max(count, 0) {
            records.append(ConsentRecord(sealing: entry(index), customer: customer, after: records.last))
        }
        return records
    }

    /// A newsletter e-mail to `customer` at `sequence`, `minutes` after ``start``, on the
    /// basis of consent given at sequence 0.
    public static func send(for customer: CustomerID, sequence: Int, minutes: Int) -> SendRecord {
        SendRecord(
            id: UUID(uuid: (1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, UInt8(truncatingIfNeeded: minutes), UInt8(truncatingIfNeeded: sequence))),
            customer: customer, sequence: sequence, at: start.addingTimeInterval(Double(minutes * 60)),
            kind: .purpose("newsletter"), channel: .email, category: .marketing, purposeVersion: 1,
            basis: .consent(sequence: 0, version: 1, since: start), ledgerHead: LedgerChain.emptyHead(of: customer),
            reference: "mail-\(sequence)")
    }
}
