/// How a ``ConsentService`` works for one shop: its keys, salt, contact policy and the
/// details that go into receipts. Checked when it is made, so a configuration that exists
/// can work.
public struct ConsentConfiguration: Sendable {
    /// The keys tokens are signed and verified with.
    public let tokenKeys: TokenKeyRing
    /// The secret salt (at least 16 bytes) for the digests of e-mail keys (suppression
    /// list), IP addresses and user agents. Keep it stable: a new salt makes existing
    /// suppression entries unfindable.
    public let digestSalt: [UInt8]
    /// Frequency caps and quiet periods.
    public let policy: ContactPolicy
    /// How long a double opt-in may wait for its confirmation.
    public let confirmationValidity: Duration
    /// How long an unsubscribe link works; `nil` (the default) for as long as its key is
    /// kept, since people unsubscribe from old mails too.
    public let unsubscribeValidity: Duration?
    /// The controller named in receipts.
    public let controller: ReceiptController
    /// How many times a ledger append or a send is attempted when concurrent writers move
    /// the customer's ledger or send log on (see `ConflictRetry`); at least 1.
    public let maximumConflictAttempts: Int

    /// The shortest salt accepted, in bytes.
    public static let minimumSaltLength = 16

    /// Creates a configuration, checking the salt, the validity periods and the attempts
    /// (the policy checked itself when it was made).
    ///
    /// - Throws: ``ConsentErrorCode/invalidConfiguration`` naming the field (`digestSalt`,
    ///   `confirmationValidity`, `unsubscribeValidity`, `maximumConflictAttempts`).
    public init(
        tokenKeys: TokenKeyRing, digestSalt: [UInt8], policy: ContactPolicy = ContactPolicy(),
        confirmationValidity: Duration = .seconds(48 * 3600), unsubscribeValidity: Duration? = nil,
        controller: ReceiptController, maximumConflictAttempts: Int = ConflictRetry.defaultMaximumAttempts
    ) throws(ConsentError) {
        guard digestSalt.count >= Self.minimumSaltLength else {
            throw ConsentError(
                .invalidConfiguration, "The digest salt needs at least \(Self.minimumSaltLength) secret random bytes.",
                context: ErrorContext(field: "digestSalt"))
        }
        guard StoredInstant.milliseconds(confirmationValidity) > 0 else {
            throw ConsentError(.invalidConfiguration, "The confirmation validity must be positive.", context: ErrorContext(field: "confirmationValidity"))
        }
        if let unsubscribeValidity, StoredInstant.milliseconds(unsubscribeValidity) <= 0 {
            throw ConsentError(.invalidConfiguration, "The unsubscribe validity must be positive, or nil for no expiry.", context: ErrorContext(field: "unsubscribeValidity"))
        }
        guard maximumConflictAttempts >= 1 else {
            throw ConsentError(
                .invalidConfiguration, "At least one attempt is needed for a write that may conflict.",
                context: ErrorContext(field: "maximumConflictAttempts"))
        }
        self.tokenKeys = tokenKeys
        self.digestSalt = digestSalt
        self.policy = policy
        self.confirmationValidity = confirmationValidity
        self.unsubscribeValidity = unsubscribeValidity
        self.controller = controller
        self.maximumConflictAttempts = maximumConflictAttempts
    }
}
