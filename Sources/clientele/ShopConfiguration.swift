import Clientele
import ClienteleCore
import Foundation

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
    static func make(
        accounts: AccountConfiguration = AccountConfiguration(activation: .open), digestSalt: [UInt8] = demoDigestSalt
    ) throws -> CustomerHubConfiguration {
        let newsletter = Purpose(
            id: "newsletter", title: "Newsletter", textDigest: Purpose.digest(ofText: "Our weekly newsletter."),
            legalBasis: .consent, category: .marketing, channels: [.email], requiresConfirmation: true)
        return try CustomerHubConfiguration(
            consent: try ConsentConfiguration(
                tokenKeys: try TokenKeyRing(signingKey: TokenKey(id: "demo", secret: Array(repeating: 7, count: 32))),
                digestSalt: digestSalt,
                controller: ReceiptController(
                    name: "Voorbeeld Webwinkel B.V.", contact: "Privacy desk",
                    privacyPolicyURL: "https://voorbeeld.example/privacy", jurisdiction: "NL")),
            purposes: try PurposeCatalog([newsletter]), triggerPurpose: "newsletter", profileCatalog: try demoCatalog(),
            accounts: accounts)
    }

    /// The demo shop's suppression digest salt.
    static let demoDigestSalt = Array("demo salt, keep a real one secret".utf8)

    /// The environment variable holding the shop's suppression digest salt, as hex.
    static let digestSaltVariable = "CLIENTELE_DIGEST_SALT"

    /// The shop's own digest salt from ``digestSaltVariable``, for the commands that put an
    /// address on the suppression list or look one up (`erase`): with another salt the entry
    /// would not match the shop's lookups, and the erased address could be mailed or
    /// imported again (`erase`, `import`). Without the variable, `demo: true` gives the demo shop's salt.
    ///
    /// - Throws: ``CommandFailure`` (usage) when the variable is missing (and not `demo`),
    ///   not hex, or shorter than 16 bytes; the message never holds the value.
    static func digestSalt(
        environment: [String: String] = ProcessInfo.processInfo.environment, demo: Bool
    ) throws(CommandFailure) -> [UInt8] {
        guard let text = environment[digestSaltVariable] else {
            if demo { return demoDigestSalt }
            throw .usage(
                "set \(digestSaltVariable) to the shop's suppression digest salt (hex): with another salt the shop's "
                    + "suppression list does not match; add --demo-salt for a folder made by 'clientele demo'")
        }
        guard let salt = Hex.decode(text), salt.count >= 16 else {
            throw .usage("\(digestSaltVariable) must be at least 32 hex digits (16 bytes)")
        }
        return salt
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
