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
    // MARK: Rich fixtures

    /// An instant `milliseconds` after ``start``, at the stored precision (``StoredInstant``):
    /// rich fixtures use sub-second parts such as `instant(123)`, so that an adapter that keeps
    /// whole seconds fails.
    public static func instant(_ milliseconds: Int64) -> Date {
        StoredInstant.date(milliseconds: StoredInstant.milliseconds(start) + milliseconds)
    }

    /// The product categories of the rich soft opt-in: several, not in sorted order as given,
    /// one of them non-ASCII.
    public static let richSoftOptInCategories: Set<String> = ["shoes", "bags", "öko-textiel"]

    /// Five entries that together set and unset every optional field of ``ConsentEntry``,
    /// each at a sub-second instant: consent given with full evidence and a `confirmBy`
    /// deadline (purpose version `Int.max`), its confirmation (`confirms`), a soft opt-in with
    /// ``richSoftOptInCategories`` and an expiry, a soft opt-in without expiry or categories,
    /// and an objection with no purpose, channel or evidence.
    public static func richEntries() -> [ConsentEntry] {
        func id(_ last: UInt8) -> UUID { UUID(uuid: (2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last)) }
        let evidence = ConsentEvidence(formID: "Formulier-É-1", ipAddressDigest: digest(0xa1), userAgentDigest: digest(0xa2))
        return [
            ConsentEntry(
                id: id(1), at: instant(123), action: .given, purpose: "newsletter", purposeVersion: Int.max,
                channel: .email, source: "checkout/Ünïcode", actor: .customer, evidence: evidence,
                confirmBy: instant(86_400_123)),
            ConsentEntry(
                id: id(2), at: instant(1_456), action: .confirmed, purpose: "newsletter", purposeVersion: Int.max,
                channel: .email, source: "confirmation-link", actor: .customer,
                evidence: ConsentEvidence(formID: nil, ipAddressDigest: digest(0xa3), userAgentDigest: nil), confirms: 0),
            ConsentEntry(
                id: id(3), at: instant(2_789), action: .softOptIn, purpose: "offers", purposeVersion: 1, channel: .email,
                source: "order", actor: .shop,
                softOptIn: SoftOptIn(orderReference: "order-Ω-1", productCategories: richSoftOptInCategories, expiresAt: instant(63_072_000_999))),
            ConsentEntry(
                id: id(4), at: instant(3_001), action: .softOptIn, purpose: "offers", purposeVersion: 2, channel: .sms,
                source: "order", actor: .shop, softOptIn: SoftOptIn(orderReference: "order-2", productCategories: [])),
            ConsentEntry(id: id(5), at: instant(4_999), action: .objected, purpose: nil, source: "import", actor: .import),
        ]
    }

    /// ``richEntries()`` sealed in order into `customer`'s ledger.
    public static func richLedger(of customer: CustomerID) -> [ConsentRecord] {
        var records: [ConsentRecord] = []
        for entry in richEntries() {
            records.append(ConsentRecord(sealing: entry, customer: customer, after: records.last))
        }
        return records
    }

    /// Four sends of `customer` (sequences 0–3) at sub-second instants, with every basis that
    /// carries values, a service message and purposes, with and without a reference and a
    /// purpose version, and a ledger head with the largest count.
    public static func richSends(for customer: CustomerID) -> [SendRecord] {
        func id(_ last: UInt8) -> UUID { UUID(uuid: (3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, last)) }
        return [
            SendRecord(
                id: id(1), customer: customer, sequence: 0, at: instant(10_123), kind: .purpose("newsletter"), channel: .email,
                category: .marketing, purposeVersion: Int.max, basis: .consent(sequence: 0, version: Int.max, since: instant(1_456)),
                ledgerHead: LedgerHead(count: Int.max, hash: digest(0xc1)), reference: "Mail-Ü-1"),
            SendRecord(
                id: id(2), customer: customer, sequence: 1, at: instant(10_124), kind: .purpose("offers"), channel: .sms,
                category: .marketing, purposeVersion: 1, basis: .softOptIn(sequence: 2, orderReference: "order-Ω-1"),
                ledgerHead: LedgerHead(count: 3, hash: digest(0xc2))),
            SendRecord(
                id: id(3), customer: customer, sequence: 2, at: instant(10_124), kind: .service(.invoice), channel: .post,
                category: .service, purposeVersion: nil, basis: .contract, ledgerHead: LedgerChain.emptyHead(of: customer),
                reference: "invoice-7"),
            SendRecord(
                id: id(4), customer: customer, sequence: 3, at: instant(20_999), kind: .service(.accountSecurity), channel: .push,
                category: .service, purposeVersion: nil, basis: .legalObligation, ledgerHead: LedgerHead(count: 0, hash: digest(0xc3))),
        ]
    }

    /// A suppression entry of `digest` at a sub-second instant.
    public static func richSuppression(_ digest: Digest256) -> SuppressionEntry {
        SuppressionEntry(digest: digest, since: instant(7_007), reason: .manual)
    }
}
