import Clientele
import ClienteleBenchSupport
import Foundation

/// The customers and segments the facade's commands (`memory`, `open`, `order-flow`) put
/// in a ``CustomerHub``, the same for each so their figures add up.
///
/// Per customer `number`:
/// - an account registered through ``AccountService/register(email:password:requirements:id:)``
///   (`customer<number>@example.nl`, id `P0000042` for 42) with a 1-iteration PBKDF2
///   hasher: hashing is not what these commands measure, and the stored record has the
///   same shape as with 600,000 iterations;
/// - a profile of five fields with their provenance (`ProfilingWorkload.fiveFieldProfile`:
///   e-mail, first name, birth date, language, loyalty opt-in), saved into the profile
///   store directly, as `clientele-bench profiling` does: the value the profiling service
///   would store after five answers, without its question selection;
/// - two consent records through ``ConsentService/give(_:channel:for:context:)``:
///   `newsletter` and `offers` on the e-mail channel, with IP and user-agent evidence.
enum HubWorkload {
    /// Two marketing purposes, `newsletter` (the trigger purpose) and `offers`; the five
    /// profile fields of `fiveFieldProfile`, `birth-date` the birthday; open activation.
    static func configuration() throws -> CustomerHubConfiguration {
        let newsletter = Purpose(
            id: "newsletter", title: "Newsletter", textDigest: Purpose.digest(ofText: "Our weekly newsletter."),
            legalBasis: .consent, category: .marketing, channels: [.email])
        let offers = Purpose(
            id: "offers", title: "Personal offers", textDigest: Purpose.digest(ofText: "Offers for you."),
            legalBasis: .consent, category: .marketing, channels: [.email, .sms, .post])
        return try CustomerHubConfiguration(
            consent: try ConsentConfiguration(
                tokenKeys: try TokenKeyRing(signingKey: try TokenKey(id: "k1", secret: [UInt8](repeating: 1, count: 32))),
                digestSalt: [UInt8](repeating: 7, count: 16),
                controller: ReceiptController(
                    name: "Bench shop", contact: "Privacy desk", email: "privacy@bench.example",
                    privacyPolicyURL: "https://bench.example/privacy", jurisdiction: "NL")),
            purposes: try PurposeCatalog([newsletter, offers]),
            triggerPurpose: "newsletter",
            profileCatalog: try FieldCatalog([
                FieldDefinition(key: "email", labelKey: "email", type: .email, moments: [.registrationStep1]),
                FieldDefinition(key: "first-name", labelKey: "firstName", type: .text, moments: [.registrationStep1]),
                FieldDefinition(key: "birth-date", labelKey: "birthDate", type: .date, moments: [.accountPage]),
                FieldDefinition(
                    key: "language", labelKey: "language", type: .singleChoice,
                    rules: FieldRules(choices: ["nl", "en", "de", "fr"]), moments: [.accountPage]),
                FieldDefinition(key: "loyalty-opt-in", labelKey: "loyaltyOptIn", type: .boolean, moments: [.accountPage]),
            ]),
            birthDateField: "birth-date",
            accounts: AccountConfiguration(activation: .open))
    }

    /// The hasher the commands use: one iteration (see the type's comment).
    static func hasher() throws -> PBKDF2PasswordHasher {
        try PBKDF2PasswordHasher(iterations: 1)
    }

    /// Where the commands' consents were collected.
    static let context = CollectionContext(
        source: "checkout", formID: "checkout-v3", ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0 (bench)")

    /// Adds customer `number`: its account, five-field profile and two consent records.
    static func addCustomer(_ number: Int, to hub: CustomerHub) async throws {
        try await addAccount(number, to: hub)
        try await addProfile(number, to: hub)
        try await addConsents(number, to: hub)
    }

    /// Registers customer `number`'s account.
    static func addAccount(_ number: Int, to hub: CustomerHub) async throws {
        let id = try ProfilingWorkload.customerID(number)
        _ = try await hub.accounts.register(email: "customer\(number)@example.nl", password: LoginCommand.password, id: id)
    }

    /// Saves customer `number`'s five-field profile.
    static func addProfile(_ number: Int, to hub: CustomerHub) async throws {
        _ = try await hub.stores.profiles.save(try ProfilingWorkload.fiveFieldProfile(number: number), expectedRevision: 0)
    }

    /// Gives customer `number`'s two consents.
    static func addConsents(_ number: Int, to hub: CustomerHub) async throws {
        let id = try ProfilingWorkload.customerID(number)
        _ = try await hub.consent.give("newsletter", channel: .email, for: id, context: context)
        _ = try await hub.consent.give("offers", channel: .email, for: id, context: context)
    }

    /// Twenty segments: the ten of `Tests/ClienteleSegmentationTests/Fixtures/segments.tsv`
    /// (the peers' `segments.tsv`) and ten over the profile, consent, e-mail domain,
    /// birthday and account status, so that every kind of attribute is evaluated.
    static let segments: [(name: String, query: String)] = [
        ("repeat", "number_of_orders >= 2"),
        ("loyal", "number_of_orders >= 10 AND amount_spent >= 500.00"),
        ("at_risk", "number_of_orders >= 2 AND last_order_date < -180d"),
        ("inactive", "last_visit_date < -56d OR last_visit_date IS NULL"),
        ("nl_newsletter", "consent.newsletter = 'granted' AND country = 'NL'"),
        ("b2b_big", "(groups CONTAINS 'b2b' OR groups CONTAINS 'wholesale') AND amount_spent > 10000.00"),
        ("new_30d", "created_at >= -30d"),
        ("never_ordered", "number_of_orders = 0 AND created_at < -14d"),
        ("big_no_consent", "NOT consent.newsletter = 'granted' AND amount_spent >= 1000.00"),
        ("lapsed_vip", "groups CONTAINS 'vip' AND NOT last_order_date >= -365d"),
        ("first_order", "number_of_orders = 1"),
        ("spent_200", "amount_spent >= 200.00"),
        ("big_basket", "average_order_value >= 75.00"),
        ("dutch_speaking", "profile.language = 'nl'"),
        ("loyalty_members", "profile.loyalty-opt-in = TRUE AND number_of_orders >= 1"),
        ("born_before_1970", "profile.birth-date < '1970-01-01'"),
        ("birthday_week", "days_until_birthday BETWEEN 0 AND 6"),
        ("offers_by_mail", "consent.offers = 'granted' AND consent.newsletter != 'withdrawn'"),
        ("shop_domain", "email_domain = 'example.nl' AND account_status = 'active'"),
        ("recent_buyer", "last_order_date >= -30d"),
    ]

    /// Defines ``segments`` in a hub whose segment store has none yet.
    static func defineSegments(in hub: CustomerHub) async throws {
        for segment in segments {
            _ = try await hub.segmentation.define(segment.name, query: segment.query, expectedRevision: 0)
        }
    }

    /// Adds customers `0..<count` from `writers` concurrent tasks.
    static func addCustomers(_ count: Int, to hub: CustomerHub, writers: Int) async throws {
        try await ReopenCommand.forEach(count, writers: writers) { number in
            try await addCustomer(number, to: hub)
        }
    }
}
