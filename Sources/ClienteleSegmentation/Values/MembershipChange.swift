/// A customer entering or leaving a segment: what incremental evaluation reports, for the
/// host to turn into `segmentation.entered` / `segmentation.exited` events or triggers.
public struct MembershipChange: Sendable, Hashable, CustomStringConvertible {
    /// Whether the customer entered or left.
    public enum Kind: String, Sendable, Hashable {
        /// The query became true for the customer.
        case entered
        /// The query stopped being true (false or unknown) for the customer, or the customer left.
        case exited
    }

    /// The segment's name.
    public var segment: String
    /// The customer.
    public var customer: CustomerID
    /// Entered or exited.
    public var kind: Kind

    /// A change.
    public init(segment: String, customer: CustomerID, kind: Kind) {
        self.segment = segment
        self.customer = customer
        self.kind = kind
    }

    /// `entered vip-lapsed: C0000042`.
    public var description: String { "\(kind.rawValue) \(segment): \(customer.rawValue)" }
}
