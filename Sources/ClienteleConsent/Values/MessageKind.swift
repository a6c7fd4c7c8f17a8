/// What a message is, for a contact decision: a service message or a purpose.
public enum MessageKind: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A message the contract needs (exempt from consent, caps and quiet periods).
    case service(ServiceMessage)
    /// A message for a purpose in the catalog, such as the newsletter.
    case purpose(PurposeID)

    /// `service:invoice` or `purpose:newsletter`.
    public var description: String {
        switch self {
        case .service(let message): "service:\(message.rawValue)"
        case .purpose(let id): "purpose:\(id.rawValue)"
        }
    }
}
