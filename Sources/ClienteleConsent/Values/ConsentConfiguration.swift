/// How a ``ConsentService`` works for one shop: its keys, salt, contact policy and the
/// details that go into receipts.
public struct ConsentConfiguration: Sendable {
    /// The keys tokens are signed and verified with.
    public var tokenKeys: TokenKeyRing
    /// The secret salt (at least 16 bytes) for the digests of e-mail keys (suppression
    /// list), IP addresses and user agents. Keep it stable: a new salt makes existing
    /// suppression entries unfindable.
    public var digestSalt: [UInt8]
    /// Frequency caps and quiet periods.
    public var policy: ContactPolicy
    /// How long a double opt-in may wait for its confirmation.
    public var confirmationValidity: Duration
    /// How long an unsubscribe link works; `nil` (the default) for as long as its key is
    /// kept, since people unsubscribe from old mails too.
    public var unsubscribeValidity: Duration?
    /// The controller named in receipts.
    public var controller: ReceiptController
    /// How often an append is retried when concurrent writers move the ledger on.
    public var maximumAppendAttempts: Int

    /// The shortest salt accepted, in bytes.
    public static let minimumSaltLength = 16

    /// Creates a configuration.
    public init(
        tokenKeys: TokenKeyRing, digestSalt: [UInt8], policy: ContactPolicy = ContactPolicy(),
        confirmationValidity: Duration = .seconds(48 * 3600), unsubscribeValidity: Duration? = nil,
        controller: ReceiptController, maximumAppendAttempts: Int = 10_000
    ) {
        self.tokenKeys = tokenKeys
        self.digestSalt = digestSalt
        self.policy = policy
        self.confirmationValidity = confirmationValidity
        self.unsubscribeValidity = unsubscribeValidity
        self.controller = controller
        self.maximumAppendAttempts = maximumAppendAttempts
    }

    /// Checks the salt, the validity periods, the attempts and the policy.
    ///
    /// - Throws: ``ConsentErrorCode/invalidConfiguration`` naming the field.
    public func validate() throws(ConsentError) {
        guard digestSalt.count >= Self.minimumSaltLength else {
            throw ConsentError(
                .invalidConfiguration, "The digest salt needs at least \(Self.minimumSaltLength) secret random bytes.",
                context: ErrorContext(field: "digestSalt"))
        }
        guard Instant.milliseconds(confirmationValidity) > 0 else {
            throw ConsentError(.invalidConfiguration, "The confirmation validity must be positive.", context: ErrorContext(field: "confirmationValidity"))
        }
        if let unsubscribeValidity, Instant.milliseconds(unsubscribeValidity) <= 0 {
            throw ConsentError(.invalidConfiguration, "The unsubscribe validity must be positive, or nil for no expiry.", context: ErrorContext(field: "unsubscribeValidity"))
        }
        guard maximumAppendAttempts >= 1 else {
            throw ConsentError(.invalidConfiguration, "At least one append attempt is needed.", context: ErrorContext(field: "maximumAppendAttempts"))
        }
        try policy.validate()
    }
}
