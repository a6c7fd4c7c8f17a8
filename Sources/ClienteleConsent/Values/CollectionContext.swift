/// Where and how a consent statement was collected, as the host knows it at the request.
///
/// The service turns the raw IP address and user agent into salted digests before
/// anything is stored; the raw values go no further than ``ConsentService``.
public struct CollectionContext: Sendable, Hashable {
    /// The collection point, such as `checkout`, `newsletter-footer` or `unsubscribe-link`.
    public var source: String
    /// Who acted.
    public var actor: ConsentActor
    /// The form or page identifier, such as `checkout-v3`.
    public var formID: String?
    /// The requester's IP address, digested before storage.
    public var ipAddress: String?
    /// The requester's user agent, digested before storage.
    public var userAgent: String?

    /// Creates a collection context.
    public init(
        source: String, actor: ConsentActor = .customer, formID: String? = nil, ipAddress: String? = nil,
        userAgent: String? = nil
    ) {
        self.source = source
        self.actor = actor
        self.formID = formID
        self.ipAddress = ipAddress
        self.userAgent = userAgent
    }
}
