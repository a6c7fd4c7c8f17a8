/// A shop's account settings, passed to ``AccountService/init(store:clock:ids:events:configuration:hasher:)``.
///
/// A configuration is checked when it is made and cannot be changed afterwards, so a
/// service never runs with a value out of range. Settings that cannot be out of range
/// (the activation policy, the requirements and the already checked policies) have an
/// initializer that does not throw:
///
/// ```swift
/// let shop = AccountConfiguration(activation: .verifyEmail)
/// let strict = try AccountConfiguration(
///     activation: .verifyEmail, resetTokenLifetime: .seconds(15 * 60), maximumTokensPerPurpose: 3)
/// ```
public struct AccountConfiguration: Sendable {
    /// How new self-registered accounts become active. Default ``ActivationPolicy/open``.
    public let activation: ActivationPolicy
    /// Requirements checked at registration and conversion (for example ``KvKNumberValidator``).
    public let requirements: [any RequirementValidator]
    /// What new passwords must satisfy.
    public let passwordPolicy: PasswordPolicy
    /// Failed-login throttling per login name.
    public let throttle: LoginThrottle
    /// Session lifetimes.
    public let sessions: SessionPolicy
    /// How long an e-mail verification token works. Default 24 hours, at least 60 seconds.
    public let verificationTokenLifetime: Duration
    /// How long a password-reset token works. Default 30 minutes; 60 seconds to
    /// ``longestResetTokenLifetime`` (60 minutes).
    public let resetTokenLifetime: Duration
    /// How long a guest-order claim token works. Default 24 hours, at least 60 seconds.
    public let claimTokenLifetime: Duration
    /// How long the token confirming a new e-mail address works. Default 24 hours, at least 60 seconds.
    public let emailChangeTokenLifetime: Duration
    /// Outstanding one-time tokens kept per customer and purpose; issuing more drops the
    /// oldest. Default 5, at least 1.
    public let maximumTokensPerPurpose: Int
    /// How often the service tries a write that keeps losing an optimistic-concurrency race
    /// before it throws ``AccountErrorCode/conflict``. Default
    /// `ConflictRetry.defaultMaximumAttempts`, at least 1.
    public let maximumConflictAttempts: Int

    /// The cap on ``resetTokenLifetime``.
    public static let longestResetTokenLifetime = Duration.seconds(3_600)
    /// The shortest lifetime accepted for any one-time token.
    public static let shortestTokenLifetime = Duration.seconds(60)

    /// Creates a configuration from settings that are never out of range; everything else
    /// has its documented default.
    ///
    /// - Parameters:
    ///   - activation: How new self-registered accounts become active.
    ///   - requirements: Requirements checked at registration and conversion.
    ///   - passwordPolicy: What new passwords must satisfy.
    ///   - throttle: Failed-login throttling per login name.
    ///   - sessions: Session lifetimes.
    public init(
        activation: ActivationPolicy = .open,
        requirements: [any RequirementValidator] = [],
        passwordPolicy: PasswordPolicy = PasswordPolicy(),
        throttle: LoginThrottle = LoginThrottle(),
        sessions: SessionPolicy = SessionPolicy()
    ) {
        self.activation = activation
        self.requirements = requirements
        self.passwordPolicy = passwordPolicy
        self.throttle = throttle
        self.sessions = sessions
        self.verificationTokenLifetime = .seconds(24 * 3_600)
        self.resetTokenLifetime = .seconds(1_800)
        self.claimTokenLifetime = .seconds(24 * 3_600)
        self.emailChangeTokenLifetime = .seconds(24 * 3_600)
        self.maximumTokensPerPurpose = 5
        self.maximumConflictAttempts = ConflictRetry.defaultMaximumAttempts
    }

    /// Creates a configuration, checking every value against its documented range; every
    /// parameter has the documented default.
    ///
    /// - Throws: ``AccountErrorCode/invalidConfiguration`` with `context.field` naming the
    ///   first value out of range: a token lifetime below ``shortestTokenLifetime``, a
    ///   `resetTokenLifetime` above ``longestResetTokenLifetime``, or
    ///   `maximumTokensPerPurpose` or `maximumConflictAttempts` below 1. Nothing is adjusted.
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
        maximumTokensPerPurpose: Int = 5,
        maximumConflictAttempts: Int = ConflictRetry.defaultMaximumAttempts
    ) throws(AccountError) {
        let lifetimes = [
            ("verificationTokenLifetime", verificationTokenLifetime), ("resetTokenLifetime", resetTokenLifetime),
            ("claimTokenLifetime", claimTokenLifetime), ("emailChangeTokenLifetime", emailChangeTokenLifetime),
        ]
        for (field, lifetime) in lifetimes where lifetime < Self.shortestTokenLifetime {
            throw AccountError.invalidConfiguration(field, "A one-time token must work for at least 60 seconds.")
        }
        guard resetTokenLifetime <= Self.longestResetTokenLifetime else {
            throw AccountError.invalidConfiguration(
                "resetTokenLifetime", "A password-reset token may work for at most 60 minutes.")
        }
        guard maximumTokensPerPurpose >= 1 else {
            throw AccountError.invalidConfiguration(
                "maximumTokensPerPurpose", "At least one outstanding token per purpose is needed.")
        }
        guard maximumConflictAttempts >= 1 else {
            throw AccountError.invalidConfiguration("maximumConflictAttempts", "At least one write attempt is needed.")
        }
        self.init(
            activation: activation, requirements: requirements, passwordPolicy: passwordPolicy, throttle: throttle,
            sessions: sessions, checkedVerification: verificationTokenLifetime, reset: resetTokenLifetime,
            claim: claimTokenLifetime, emailChange: emailChangeTokenLifetime, tokens: maximumTokensPerPurpose,
            attempts: maximumConflictAttempts)
    }

    private init(
        activation: ActivationPolicy, requirements: [any RequirementValidator], passwordPolicy: PasswordPolicy,
        throttle: LoginThrottle, sessions: SessionPolicy, checkedVerification: Duration, reset: Duration,
        claim: Duration, emailChange: Duration, tokens: Int, attempts: Int
    ) {
        self.activation = activation
        self.requirements = requirements
        self.passwordPolicy = passwordPolicy
        self.throttle = throttle
        self.sessions = sessions
        self.verificationTokenLifetime = checkedVerification
        self.resetTokenLifetime = reset
        self.claimTokenLifetime = claim
        self.emailChangeTokenLifetime = emailChange
        self.maximumTokensPerPurpose = tokens
        self.maximumConflictAttempts = attempts
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

extension ClienteleError where Code == AccountErrorCode {
    /// An ``AccountErrorCode/invalidConfiguration`` error naming `field`.
    static func invalidConfiguration(_ field: String, _ message: String) -> AccountError {
        AccountError(.invalidConfiguration, message, context: ErrorContext(field: field))
    }
}
