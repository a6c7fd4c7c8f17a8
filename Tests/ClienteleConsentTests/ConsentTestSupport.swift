import ClienteleConsent
import ClienteleTestKit
import Foundation

/// The purposes, configuration and service the consent tests share.
enum Fixture {
    static let alice = CustomerID(rawValue: "alice") ?? CustomerID(using: .incrementing())
    static let bob = CustomerID(rawValue: "bob") ?? CustomerID(using: .incrementing())

    /// Double opt-in, soft opt-in allowed, e-mail and SMS.
    static let newsletter = Purpose(
        id: "newsletter", title: "Newsletter", textDigest: Purpose.digest(ofText: "Weekly offers by mail."),
        legalBasis: .consent, category: .marketing, channels: [.email, .sms], requiresConfirmation: true,
        allowsSoftOptIn: true)
    /// Plain consent, no double opt-in, e-mail, SMS and post.
    static let offers = Purpose(
        id: "offers", title: "Personal offers", textDigest: Purpose.digest(ofText: "Offers for you."),
        legalBasis: .consent, category: .marketing, channels: [.email, .sms, .post])
    /// Legitimate interest: review invitations.
    static let reviews = Purpose(
        id: "reviews", title: "Review invitations", textDigest: Purpose.digest(ofText: "Tell us what you think."),
        legalBasis: .legitimateInterest, category: .marketing, channels: [.email])
    /// Legal obligation: product recalls.
    static let recall = Purpose(
        id: "recall", title: "Product recalls", textDigest: Purpose.digest(ofText: "Safety recalls."),
        legalBasis: .legalObligation, category: .service, channels: [.email, .post])
    /// Consent for personalisation, not marketing.
    static let recommendations = Purpose(
        id: "recommendations", title: "Recommendations", textDigest: Purpose.digest(ofText: "Tailored suggestions."),
        legalBasis: .consent, category: .personalisation, channels: [.email, .push])

    static func catalog(extra: [Purpose] = []) -> PurposeCatalog {
        (try? PurposeCatalog([newsletter, offers, reviews, recall, recommendations] + extra)) ?? PurposeCatalog()
    }

    static let controller = ReceiptController(
        name: "Voorbeeld Webwinkel B.V.", contact: "Privacy desk", email: "privacy@voorbeeld.example",
        privacyPolicyURL: "https://voorbeeld.example/privacy", jurisdiction: "NL")

    static func key(_ id: String, fill: UInt8) throws -> TokenKey {
        try TokenKey(id: id, secret: [UInt8](repeating: fill, count: 32))
    }

    static func configuration(
        keys: TokenKeyRing? = nil, policy: ContactPolicy = ContactPolicy(), unsubscribeValidity: Duration? = nil
    ) throws -> ConsentConfiguration {
        try ConsentConfiguration(
            tokenKeys: try keys ?? TokenKeyRing(signingKey: key("k1", fill: 1)),
            digestSalt: [UInt8](repeating: 7, count: 16), policy: policy, unsubscribeValidity: unsubscribeValidity,
            controller: controller)
    }

    static let form = CollectionContext(
        source: "newsletter-footer", formID: "footer-v2", ipAddress: "203.0.113.7", userAgent: "Mozilla/5.0 (Test)")
}

/// A service over a fresh in-memory store with a manual clock and counting IDs.
struct Harness {
    let clock = ManualClock()
    let store: any ConsentStore
    let service: ConsentService

    init(
        store: any ConsentStore = ReferenceConsentStore.inMemory(), catalog: PurposeCatalog = Fixture.catalog(),
        configuration: ConsentConfiguration? = nil, events: EventBroadcaster? = nil
    ) throws {
        self.store = store
        self.service = ConsentService(
            store: store, clock: clock, ids: .incrementing(), events: events,
            configuration: try configuration ?? Fixture.configuration(), catalog: catalog)
    }

    /// Gives and confirms newsletter consent on e-mail.
    func subscribeToNewsletter(_ customer: CustomerID = Fixture.alice) async throws {
        let given = try await service.give("newsletter", channel: .email, for: customer, context: Fixture.form)
        let token = try requireToken(given.confirmationToken)
        try await service.confirm(token: token, context: CollectionContext(source: "confirmation-link"))
    }

    func advance(minutes: Int) { clock.advance(by: .seconds(minutes * 60)) }
    func advance(days: Int) { clock.advance(by: .seconds(days * 86_400)) }
}

struct MissingToken: Error {}

func requireToken(_ token: String?) throws -> String {
    guard let token else { throw MissingToken() }
    return token
}
