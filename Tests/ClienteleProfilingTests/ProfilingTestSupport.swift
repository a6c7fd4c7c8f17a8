import ClienteleProfiling
import ClienteleTestKit
import Foundation

/// The catalog, instants and profiles the profiling tests share.
enum Fixture {
    /// 2026-03-01T12:00:00Z: every test's "now".
    static let now = Date(timeIntervalSince1970: 1_772_366_400)
    static let day: TimeInterval = 86_400
    static let alice = CustomerID(rawValue: "alice") ?? CustomerID(using: .incrementing())

    static func daysAgo(_ days: Double) -> Date { now.addingTimeInterval(-days * day) }

    /// A shop's catalog: begin small (e-mail), then name, contact, personal details.
    static let fields: [FieldDefinition] = [
        FieldDefinition(
            key: "email", labelKey: "profile.email", type: .email, rules: FieldRules(required: true), priority: 100,
            moments: [.registrationStep1]),
        FieldDefinition(
            key: "first-name", labelKey: "profile.firstName", type: .text, rules: FieldRules(maximumLength: 50), priority: 90,
            weight: 2, moments: [.registrationStep2, .checkout, .accountPage]),
        FieldDefinition(
            key: "last-name", labelKey: "profile.lastName", type: .text, rules: FieldRules(minimumLength: 2), priority: 90,
            moments: [.registrationStep2, .checkout, .accountPage]),
        FieldDefinition(key: "phone", labelKey: "profile.phone", type: .phone, priority: 50, moments: [.checkout, .accountPage]),
        FieldDefinition(
            key: "birth-date", labelKey: "profile.birthDate", type: .date,
            rules: FieldRules(earliest: CalendarDate(year: 1900, month: 1, day: 1), minimumYearsBefore: 16),
            purpose: "personalisation", priority: 40, moments: [.afterFirstOrder, .accountPage, .login(3)]),
        FieldDefinition(
            key: "has-pets", labelKey: "profile.hasPets", type: .boolean, priority: 30, moments: [.afterFirstOrder, .accountPage],
            declineCoolDown: .seconds(30 * 86_400)),
        FieldDefinition(
            key: "pet-kind", labelKey: "profile.petKind", type: .singleChoice,
            rules: FieldRules(choices: ["dog", "cat", "other"], defaultChoice: "dog"), priority: 30,
            prerequisites: [.equals("has-pets", .boolean(true))], moments: [.afterFirstOrder, .accountPage]),
        FieldDefinition(
            key: "interests", labelKey: "profile.interests", type: .multipleChoice,
            rules: FieldRules(choices: ["garden", "books", "kitchen", "sports"], maximumChoices: 3), purpose: "personalisation",
            priority: 20, moments: [.newsletterSignUp, .accountPage]),
        FieldDefinition(
            key: "household-size", labelKey: "profile.householdSize", type: .number,
            rules: FieldRules(minimum: 1, maximum: 20, wholeNumber: true), priority: 10, moments: [.afterOrder(3), .accountPage]),
        FieldDefinition(
            key: "delivery-address", labelKey: "profile.deliveryAddress", type: .address, priority: 60, moments: [.checkout]),
        FieldDefinition(
            key: "customer-tier", labelKey: "profile.tier", type: .singleChoice, rules: FieldRules(choices: ["regular", "vip"]),
            editableByCustomer: false, weight: 0, moments: []),
        FieldDefinition(
            key: "health-notes", labelKey: "profile.healthNotes", type: .text, purpose: "health", sensitivity: .sensitive,
            priority: 5, moments: [.accountPage]),
    ]

    static func catalog() throws -> FieldCatalog { try FieldCatalog(fields) }

    static let provenance = Provenance(source: .customer, collectionPoint: "account-page", at: now)

    /// A profile of Alice with `values`, `declines` (field, days ago) and `prompts` (days ago).
    static func profile(
        _ values: [FieldKey: ProfileValue] = [:], declines: [(FieldKey, Double)] = [], prompts: [Double] = []
    ) -> CustomerProfile {
        CustomerProfile(
            customer: alice,
            entries: values.map { ProfileEntry(field: $0.key, value: $0.value, provenance: provenance) },
            declines: declines.map { FieldDecline(field: $0.0, at: daysAgo($0.1)) },
            prompts: prompts.map(daysAgo))
    }
}
