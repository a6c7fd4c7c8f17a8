/// The result of creating an account: the customer and, where the flow needs one, the
/// e-mail verification token for the host to send.
public struct Registration: Sendable, Hashable {
    /// The new account (``AccountStatus/active`` or ``AccountStatus/pending`` per policy).
    public var customer: Customer
    /// Present under ``ActivationPolicy/verifyEmail``: mail it to the customer.
    public var verificationToken: OneTimeToken?

    /// Creates the value.
    public init(customer: Customer, verificationToken: OneTimeToken?) {
        self.customer = customer
        self.verificationToken = verificationToken
    }
}
