public import ClienteleProfiling
import ClienteleTestKitCore
public import Foundation

/// Builders for customer profiles, for store conformance checks and host tests.
///
/// Everything is deterministic: values and instants derive from the numbers given, and time
/// starts at ``start`` (the ``ManualClock`` default).
///
/// ```swift
/// let profile = ProfileFixtures.richProfile(of: ProfileFixtures.customerID("alice"))
/// let stored = try await store.save(profile, expectedRevision: 0)
/// #expect(ProfileFixtures.differences(between: stored, and: try await store.profile(of: stored.customer)!).isEmpty)
/// ```
public enum ProfileFixtures {
    /// The instant fixtures count from: ``ManualClock/defaultStart``.
    public static let start = ManualClock.defaultStart

    /// A customer identifier with the given text; `name` must be a valid identifier
    /// (fixtures are written by hand), otherwise a generated one is returned.
    public static func customerID(_ name: String) -> CustomerID {
        CustomerID(rawValue: name) ?? CustomerID(using: .incrementing())
    }

    /// An instant `milliseconds` after ``start``, at the stored precision (``StoredInstant``):
    /// the rich profile uses sub-second parts such as `instant(123)`, so that an adapter that
    /// keeps whole seconds fails.
    public static func instant(_ milliseconds: Int64) -> Date {
        StoredInstant.date(milliseconds: StoredInstant.milliseconds(start) + milliseconds)
    }

    /// A plain profile numbered `index`: one text value (`first-name`, "Name `index`") given by
    /// the customer at the registration form, `index` seconds after ``start``, at revision 0.
    public static func profile(of customer: CustomerID, _ index: Int = 0) -> CustomerProfile {
        let provenance = Provenance(source: .customer, collectionPoint: "registration", at: start.addingTimeInterval(Double(index)))
        return CustomerProfile(
            customer: customer, entries: [ProfileEntry(field: "first-name", value: .text("Name \(index)"), provenance: provenance)])
    }

    /// Text of exactly ``FieldRules/defaultMaximumLength`` characters (the longest a text field
    /// accepts without its own maximum), made of multi-byte characters: accented letters,
    /// CJK, a flag and a family emoji (one character each, up to 18 bytes of UTF-8). Over 700
    /// bytes, so a column limited to that many bytes, or one that counts UTF-16 units or
    /// Unicode scalars, cuts it.
    public static let longestText: String = {
        let pieces = ["Zoë ", "日本", "🇳🇱", "ß", "Ω", "👩‍👩‍👧", "é", "—", "\u{10348}", " "]
        var text = ""
        var index = 0
        while text.count < FieldRules.defaultMaximumLength {
            text += pieces[index % pieces.count]
            index += 1
        }
        return String(text.prefix(FieldRules.defaultMaximumLength))
    }()

    /// The complete delivery address of the rich profile: both optional lines set, non-ASCII text.
    public static let richAddress = PostalAddress(
        line1: "Keizersgracht 123-Ⅱ", line2: "3e verdieping, achterhuis", postalCode: "1015 CJ", city: "Amsterdam",
        region: "Noord-Holland", country: "NL")

    /// The sparse billing address of the rich profile: no second line, no region.
    public static let sparseAddress = PostalAddress(line1: "Rue de l'Église 7", postalCode: "75001", city: "Paris", country: "FR")

    /// A profile that sets every stored field of ``CustomerProfile``, at revision 0:
    /// - values of every ``ProfileValue`` kind: ``longestText``, a negative fractional number
    ///   and a whole one, `true` and `false`, a leap-day date, a single choice, several choices
    ///   in unsorted order, ``richAddress`` and ``sparseAddress``;
    /// - provenance from every ``Provenance/Source``, verified and not, with sub-second instants
    ///   (two values collected at one instant) and non-ASCII collection points;
    /// - seven history entries in order, three of them first answers (old value `nil`) and one a
    ///   removal (new value `nil`), with two pairs at identical instants whose fields are not in
    ///   key order (so sorting by instant and field reorders them);
    /// - three declines, two at one instant;
    /// - four prompts, two at one instant.
    public static func richProfile(of customer: CustomerID) -> CustomerProfile {
        func provenance(_ source: Provenance.Source, _ point: String, _ milliseconds: Int64, verified: Bool = false) -> Provenance {
            Provenance(source: source, collectionPoint: point, at: instant(milliseconds), verified: verified)
        }
        let entries = [
            ProfileEntry(field: "bio", value: .text(longestText), provenance: provenance(.customer, "account-page/Ünïcode", 123)),
            ProfileEntry(
                field: "birth-date", value: .date(CalendarDate(year: 2000, month: 2, day: 29)),
                provenance: provenance(.checkout, "checkout-step-2", 1_001, verified: true)),
            ProfileEntry(
                field: "delivery-address", value: .address(richAddress),
                provenance: provenance(.import, "crm-import-2026", 1_999, verified: true)),
            ProfileEntry(field: "billing-address", value: .address(sparseAddress), provenance: provenance(.shop, "support-desk", 2_500)),
            ProfileEntry(field: "has-pets", value: .boolean(false), provenance: provenance(.inferred, "order-history", 2_500)),
            ProfileEntry(field: "newsletter-reader", value: .boolean(true), provenance: provenance(.customer, "newsletter", 2_501)),
            ProfileEntry(field: "balance", value: .number(-1_234.5678), provenance: provenance(.shop, "ledger", 2_502, verified: true)),
            ProfileEntry(field: "household-size", value: .number(3), provenance: provenance(.customer, "account-page", 2_999)),
            ProfileEntry(field: "pet-kind", value: .choice("cat"), provenance: provenance(.customer, "account-page", 1_001)),
            ProfileEntry(
                field: "interests", value: .choices(["kitchen", "garden", "books"]),
                provenance: provenance(.customer, "nieuwsbrief-aanmelding", 999)),
        ]
        let history = [
            ProfileChange(field: "interests", oldValue: nil, newValue: .choices(["garden"]), provenance: provenance(.customer, "newsletter", 100)),
            ProfileChange(field: "pet-kind", oldValue: nil, newValue: .choice("dog"), provenance: provenance(.customer, "account-page", 500)),
            ProfileChange(field: "has-pets", oldValue: nil, newValue: .boolean(true), provenance: provenance(.customer, "account-page", 500)),
            ProfileChange(
                field: "pet-kind", oldValue: .choice("dog"), newValue: .choice("cat"),
                provenance: provenance(.customer, "account-page", 1_001)),
            ProfileChange(
                field: "interests", oldValue: .choices(["garden"]), newValue: .choices(["kitchen", "garden", "books"]),
                provenance: provenance(.customer, "nieuwsbrief-aanmelding", 1_999, verified: true)),
            ProfileChange(field: "phone", oldValue: .text("+31612345678"), newValue: nil, provenance: provenance(.shop, "support-desk", 2_500)),
            ProfileChange(
                field: "has-pets", oldValue: .boolean(true), newValue: .boolean(false), provenance: provenance(.inferred, "order-history", 2_500)),
        ]
        let declines = [
            FieldDecline(field: "phone", at: instant(3_000)),
            FieldDecline(field: "health-notes", at: instant(3_000)),
            FieldDecline(field: "income", at: instant(456)),
        ]
        let prompts = [instant(100), instant(3_000), instant(3_000), instant(86_400_999)]
        return CustomerProfile(customer: customer, entries: entries, history: history, declines: declines, prompts: prompts)
    }

    /// The names of the fields in which `actual` differs from `expected`, such as
    /// `entries[bio].value`, `entries[has-pets].provenance.at`, `history[2].oldValue`,
    /// `declines` or `revision`; empty when they are equal.
    public static func differences(between expected: CustomerProfile, and actual: CustomerProfile) -> [String] {
        var fields: [String] = []
        func compare<Value: Equatable>(_ name: String, _ want: Value, _ got: Value) {
            if want != got { fields.append(name) }
        }
        compare("customer", expected.customer, actual.customer)
        compare("revision", expected.revision, actual.revision)
        compare("entries.fields", expected.entries.map(\.field), actual.entries.map(\.field))
        for want in expected.entries {
            guard let got = actual.entry(for: want.field) else { continue }
            let name = "entries[\(want.field.rawValue)]"
            compare("\(name).value", want.value, got.value)
            fields += provenanceDifferences(name, want.provenance, got.provenance)
        }
        compare("history.count", expected.history.count, actual.history.count)
        for (index, (want, got)) in zip(expected.history, actual.history).enumerated() {
            let name = "history[\(index)]"
            compare("\(name).field", want.field, got.field)
            compare("\(name).oldValue", want.oldValue, got.oldValue)
            compare("\(name).newValue", want.newValue, got.newValue)
            fields += provenanceDifferences(name, want.provenance, got.provenance)
        }
        compare("declines.fields", expected.declines.map(\.field), actual.declines.map(\.field))
        compare("declines.at", expected.declines.map(\.at), actual.declines.map(\.at))
        compare("prompts", expected.prompts, actual.prompts)
        if fields.isEmpty, expected != actual { fields.append("==") }
        return fields
    }

    private static func provenanceDifferences(_ name: String, _ want: Provenance, _ got: Provenance) -> [String] {
        [
            ("source", want.source != got.source), ("collectionPoint", want.collectionPoint != got.collectionPoint),
            ("at", want.at != got.at), ("verified", want.verified != got.verified),
        ].filter(\.1).map { "\(name).provenance.\($0.0)" }
    }
}
