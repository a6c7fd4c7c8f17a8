/// The result of recording a consent: the record, and for a purpose that needs a double
/// opt-in, the confirmation token to put in the confirmation mail.
public struct GivenConsent: Hashable, Sendable {
    /// The `given` record.
    public var record: ConsentRecord
    /// The signed confirmation token, when the consent is pending; never stored.
    public var confirmationToken: String?

    /// Creates the result.
    public init(record: ConsentRecord, confirmationToken: String?) {
        self.record = record
        self.confirmationToken = confirmationToken
    }
}
