/// A shop's account settings, passed to ``AccountService/init(store:clock:ids:events:configuration:hasher:)``.
public struct AccountConfiguration: Sendable {
    /// How new self-registered accounts become active. Default ``ActivationPolicy/open``.
    public var activation: ActivationPolicy
    /// Requirements checked at registration and conversion (for example ``KvKNumberValidator``).
    public var requirements: [any RequirementValidator]
    /// What new passwords must satisfy.
    public var passwordPolicy: PasswordPolicy
    /// Failed-login throttling per login name.
    public var throttle: LoginThrottle
    /// Session lifetimes.
    public var sessions: SessionPolicy
    /// How long an e-mail verification token works. Default 24 hours.
    public var verificationTokenLifetime: Duration
    /// How long a password-reset token works: default 30 minutes, never more than 60.
    public var resetTokenLifetime: Duration {
        get { storedResetTokenLifetime }
        set { storedResetTokenLifetime = min(max(newValue, .seconds(60)), Self.longestResetTokenLifetime) }
    }
    /// How long a guest-order claim token works. Default 24 hours.
    public var claimTokenLifetime: Duration
    /// How long the token confirming a new e-mail address works. Default 24 hours.
    public var emailChangeTokenLifetime: Duration
    /// Outstanding one-time tokens kept per customer and purpose; issuing more drops the oldest. Default 5.
    public var maximumTokensPerPurpose: Int

    /// The cap on ``resetTokenLifetime``.
    public static let longestResetTokenLifetime = Duration.seconds(3_600)

    private var storedResetTokenLifetime: Duration = .seconds(1_800)

    /// Creates a configuration; every parameter has the documented default.
    public init(
        activation: ActivationPolicy = .open,
        requirements: [any RequirementValidator] = [],
        passwordPolicy: PasswordPolicy = PasswordPolicy(),
        throttle: LoginThrottle = LoginThrottle(),
        sessions: SessionPolicy = SessionPolicy(),
        verificationTokenLifetime: Duration = .seconds(24 * 3_600),
        resetTokenLifetime: Duration = .seconds(1_800),
        claimTokenLifetime: Duration = .seconds(24 * 3_600),
        emailChangeTokenLifetime: Duration = .seconds(24 * 3_600),
        maximumTokensPerPurpose: Int = 5
    ) {
        self.activation = activation
        self.requirements = requirements
        self.passwordPolicy = passwordPolicy
        self.throttle = throttle
        self.sessions = sessions
        self.verificationTokenLifetime = max(verificationTokenLifetime, .seconds(60))
        self.claimTokenLifetime = max(claimTokenLifetime, .seconds(60))
        self.emailChangeTokenLifetime = max(emailChangeTokenLifetime, .seconds(60))
        self.maximumTokensPerPurpose = max(maximumTokensPerPurpose, 1)
        self.resetTokenLifetime = resetTokenLifetime
    }

    /// The lifetime of tokens of `purpose`.
    public func lifetime(of purpose: TokenPurpose) -> Duration {
        switch purpose {
        case .verifyEmail: verificationTokenLifetime
        case .resetPassword: resetTokenLifetime
        case .claimGuestOrders: claimTokenLifetime
        case .changeEmail: emailChangeTokenLifetime
        }
    }
}
