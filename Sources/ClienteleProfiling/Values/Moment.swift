/// A point in the customer's journey where the shop may ask profile questions: where the
/// customer gets something back for answering. Two-step registration is two moments.
public enum Moment: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The first registration step: as little as possible (an e-mail address).
    case registrationStep1
    /// The second registration step, right after the first (name, preferences).
    case registrationStep2
    /// Checkout: details the order needs anyway.
    case checkout
    /// The confirmation page or mail after the first order.
    case afterFirstOrder
    /// After the customer's `n`-th order (counting from 1).
    case afterOrder(Int)
    /// The customer's own account page.
    case accountPage
    /// Signing up for a newsletter.
    case newsletterSignUp
    /// The customer's `n`-th login (counting from 1).
    case login(Int)

    /// The moments a prompt cap leaves out by default: both registration steps and checkout,
    /// where the customer is filling in a form anyway.
    public static let defaultCapExempt: Set<Moment> = [.registrationStep1, .registrationStep2, .checkout]

    /// `registrationStep1`, `afterOrder(3)`, `login(2)`.
    public var description: String {
        switch self {
        case .registrationStep1: "registrationStep1"
        case .registrationStep2: "registrationStep2"
        case .checkout: "checkout"
        case .afterFirstOrder: "afterFirstOrder"
        case .afterOrder(let n): "afterOrder(\(n))"
        case .accountPage: "accountPage"
        case .newsletterSignUp: "newsletterSignUp"
        case .login(let n): "login(\(n))"
        }
    }
}
