/// The result of using a one-click unsubscribe token.
public struct UnsubscribeOutcome: Hashable, Sendable, Codable {
    /// What the token said.
    public var link: UnsubscribeLink
    /// The `withdrawn` record appended, or `nil` when the customer was already unsubscribed.
    public var record: ConsentRecord?

    /// Creates an outcome.
    public init(link: UnsubscribeLink, record: ConsentRecord?) {
        self.link = link
        self.record = record
    }
}
