/// The way a message reaches the customer.
public enum ContactChannel: String, Hashable, Sendable, Codable, CaseIterable, Comparable {
    /// E-mail.
    case email
    /// Text message.
    case sms
    /// A phone call.
    case phone
    /// Paper mail.
    case post
    /// A push notification to the shop's app.
    case push

    /// True for electronic mail in the sense of the ePrivacy directive (e-mail and SMS),
    /// the channels a soft opt-in may be used on.
    public var isElectronicMail: Bool { self == .email || self == .sms }

    /// Orders channels by their name, for stable listings.
    public static func < (lhs: ContactChannel, rhs: ContactChannel) -> Bool { lhs.rawValue < rhs.rawValue }
}
