public import Foundation

/// Something that happened to a customer that a host may want to react to: an account
/// was activated, consent was withdrawn, a customer entered a segment.
///
/// Events carry identifiers and names, never personal data, so a host can log them or
/// put them on a queue as they are.
public struct ClienteleEvent: Sendable, Hashable, Codable {
    /// The kind of event, namespaced by module, such as `accounts.activated`.
    public var name: String
    /// The customer concerned, if any.
    public var customer: CustomerID?
    /// When it happened, from the service's injected clock.
    public var at: Date
    /// Further non-personal details, such as a segment id or a consent purpose.
    public var attributes: [String: String]

    /// Creates an event.
    public init(name: String, customer: CustomerID? = nil, at: Date, attributes: [String: String] = [:]) {
        self.name = name
        self.customer = customer
        self.at = at
        self.attributes = attributes
    }
}
