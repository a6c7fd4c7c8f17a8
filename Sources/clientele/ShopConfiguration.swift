import Clientele

/// The configuration the `clientele` commands open a store folder with.
///
/// A store folder holds data, not the shop's configuration: the consent purposes, the profile
/// catalog, the currency and the secrets (token keys, the digest salt of the suppression list)
/// live in the shop's code and secret store. The commands use this one, the demo shop's, so
/// they work on a folder made by `clientele demo --dir` or by any host with the same
/// configuration (Docs/CommandLine.md says what depends on it).
enum ShopConfiguration {
    /// The shop configuration every command opens a store with (the demo shop's): a
    /// newsletter with double opt-in (also the purpose of triggered marketing mail), the
    /// profile fields, open registration, euro.
    ///
    /// - Parameter accounts: The accounts configuration (the demo's B2B shop asks for approval).
    static func make(accounts: AccountConfiguration = AccountConfiguration(activation: .open)) throws -> CustomerHubConfiguration {
        let newsletter = Purpose(
            id: "newsletter", title: "Newsletter", textDigest: Purpose.digest(ofText: "Our weekly newsletter."),
            legalBasis: .consent, category: .marketing, channels: [.email], requiresConfirmation: true)
        return try CustomerHubConfiguration(
            consent: try ConsentConfiguration(
                tokenKeys: try TokenKeyRing(signingKey: TokenKey(id: "demo", secret: Array(repeating: 7, count: 32))),
                digestSalt: Array("demo salt, keep a real one secret".utf8),
                controller: ReceiptController(
                    name: "Voorbeeld Webwinkel B.V.", contact: "Privacy desk",
                    privacyPolicyURL: "https://voorbeeld.example/privacy", jurisdiction: "NL")),
            purposes: try PurposeCatalog([newsletter]), triggerPurpose: "newsletter", profileCatalog: try demoCatalog(),
            accounts: accounts)
    }

    /// The demo shop's profile fields: a first name and a pet question, asked after the first
    /// order and on the account page.
    static func demoCatalog() throws -> FieldCatalog {
        try FieldCatalog([
            FieldDefinition(
                key: "first-name", labelKey: "profile.firstName", type: .text, rules: FieldRules(maximumLength: 50),
                priority: 90, moments: [.registrationStep2, .afterFirstOrder, .accountPage]),
            FieldDefinition(
                key: "has-pets", labelKey: "profile.hasPets", type: .boolean, priority: 30,
                moments: [.afterFirstOrder, .accountPage]),
            FieldDefinition(
                key: "pet-kind", labelKey: "profile.petKind", type: .singleChoice,
                rules: FieldRules(choices: ["dog", "cat", "other"]), priority: 30,
                prerequisites: [.equals("has-pets", .boolean(true))], moments: [.accountPage]),
        ])
    }
}
