import Foundation

extension AccountService {
    /// Records a guest: a customer with only an e-mail address, for a checkout without an account.
    ///
    /// Every guest checkout makes a new guest customer, so that a later account only gets
    /// earlier orders after proving the mailbox (``claimGuestOrders(for:token:)``).
    ///
    /// - Throws: ``AccountErrorCode/invalidEmail``.
    public func recordGuest(email: String) async throws -> Customer {
        let address = try Self.parseEmail(email)
        let now = clock.storedNow()
        let customer = Customer(
            id: CustomerID(using: ids), kind: .guest, email: address, status: .active,
            statusLog: [StatusChange(from: nil, to: .active, at: now, reason: "guest checkout", actor: "customer")],
            createdAt: now)
        let stored = try await store.insert(AccountRecord(customer: customer))
        emit("guestRecorded", customer.id, at: now)
        return stored.customer
    }

    /// Step 1 of registration: creates an account from an e-mail address and a password.
    ///
    /// The account exists after this call, active or pending per the shop's
    /// ``ActivationPolicy``. Further profile data (step 2) belongs to profiling.
    ///
    /// - Parameters:
    ///   - email: The login name.
    ///   - password: The chosen password (NFKC-normalized, checked against the policy).
    ///   - requirements: Values for the shop's requirement validators, such as `["kvk": "12345678"]`.
    ///   - id: The new customer's identifier; `nil` (the default) makes one with `ids`. A
    ///     host that retries a registration keyed by its request passes the same id each
    ///     time, so a retry after a lost answer fails with
    ///     ``AccountErrorCode/duplicateCustomer`` instead of making a second account.
    /// - Returns: The account and, under ``ActivationPolicy/verifyEmail``, the token to mail.
    /// - Throws: ``AccountErrorCode/selfRegistrationClosed``, ``AccountErrorCode/invalidEmail``,
    ///   a password-policy code, a requirement code, ``AccountErrorCode/duplicateCustomer``
    ///   or ``AccountErrorCode/emailTaken``.
    public func register(
        email: String, password: String, requirements: [String: String] = [:], id: CustomerID? = nil
    ) async throws -> Registration {
        try requireSelfRegistration()
        let address = try Self.parseEmail(email)
        let checked = try validateRequirements(requirements)
        let hash = try hashNewPassword(password)
        let now = clock.storedNow()
        let status = initialStatus()
        var record = AccountRecord(
            customer: Customer(
                id: id ?? CustomerID(using: ids), kind: .account, email: address, status: status,
                statusLog: [StatusChange(from: nil, to: status, at: now, reason: "registered", actor: "customer")],
                requirements: checked, createdAt: now),
            credentials: Credentials(passwordHash: hash, changedAt: now))
        let token = configuration.activation == .verifyEmail ? issueToken(.verifyEmail, in: &record, at: now) : nil
        let stored = try await store.insert(record)
        emit("registered", stored.customer.id, at: now, ["status": status.rawValue])
        return Registration(customer: stored.customer, verificationToken: token)
    }

    /// Turns a guest into an account at the end of checkout: only a password is needed.
    ///
    /// The guest's own (current) orders stay with it. Orders of *earlier* guest checkouts
    /// with the same address are not attached: that takes a mailbox proof
    /// (``requestGuestOrderClaim(for:)``), because addresses get recycled.
    ///
    /// - Throws: ``AccountErrorCode/selfRegistrationClosed``, ``AccountErrorCode/notAGuest``,
    ///   ``AccountErrorCode/forbiddenTransition`` (a closed guest), a password-policy or requirement code, ``AccountErrorCode/emailTaken`` (an account
    ///   with this address exists: offer login instead), ``AccountErrorCode/customerNotFound``.
    public func convertGuest(_ guest: CustomerID, password: String, requirements: [String: String] = [:]) async throws -> Registration {
        try requireSelfRegistration()
        let checked = try validateRequirements(requirements)
        let hash = try hashNewPassword(password)
        let status = initialStatus()
        let (stored, token) = try await modify(guest) { (record, now) throws(AccountError) -> OneTimeToken? in
            guard record.customer.kind == .guest else {
                throw AccountError(
                    .notAGuest, "This customer already has an account.", context: ErrorContext(item: guest.rawValue))
            }
            guard record.customer.status != .closed else {
                throw AccountError(
                    .forbiddenTransition, "A closed customer cannot become an account; record a new guest.",
                    context: ErrorContext(field: "status", item: guest.rawValue))
            }
            record.customer.kind = .account
            record.customer.status = status
            record.customer.requirements = checked
            record.customer.statusLog.append(
                StatusChange(from: nil, to: status, at: now, reason: "converted from guest checkout", actor: "customer"))
            record.credentials = Credentials(passwordHash: hash, changedAt: now)
            return configuration.activation == .verifyEmail ? issueToken(.verifyEmail, in: &record, at: now) : nil
        }
        emit("registered", guest, at: clock.storedNow(), ["status": status.rawValue, "from": "guest"])
        return Registration(customer: stored.customer, verificationToken: token)
    }

    /// Creates an account on behalf of the shop (the only way under
    /// ``ActivationPolicy/shopCreatedOnly``). The account is active at once.
    ///
    /// Without a password the account cannot log in until the customer chooses one through
    /// ``passwordSetupToken(for:)`` (an invitation mail) and ``resetPassword(token:newPassword:)``.
    ///
    /// - Parameters:
    ///   - actor: Who at the shop created it, for the status log.
    /// - Throws: ``AccountErrorCode/invalidEmail``, a password-policy or requirement code,
    ///   ``AccountErrorCode/emailTaken``.
    public func createAccount(
        email: String, password: String? = nil, requirements: [String: String] = [:], groups: Set<CustomerGroup> = [],
        actor: String
    ) async throws -> Customer {
        let address = try Self.parseEmail(email)
        let checked = try validateRequirements(requirements)
        let hash = try password.map { (text) throws(AccountError) -> String in try hashNewPassword(text) }
        let now = clock.storedNow()
        let record = AccountRecord(
            customer: Customer(
                id: CustomerID(using: ids), kind: .account, email: address, status: .active,
                statusLog: [StatusChange(from: nil, to: .active, at: now, reason: "created by the shop", actor: actor)],
                requirements: checked, groups: groups, createdAt: now),
            credentials: Credentials(passwordHash: hash, changedAt: now))
        let stored = try await store.insert(record)
        emit("registered", stored.customer.id, at: now, ["status": "active", "by": "shop"])
        return stored.customer
    }

    /// Checks the shop's requirements and returns their normalized values.
    ///
    /// - Throws: ``AccountErrorCode/requirementMissing`` or ``AccountErrorCode/requirementInvalid``.
    public func validateRequirements(_ values: [String: String]) throws(AccountError) -> [String: String] {
        var checked: [String: String] = [:]
        for validator in configuration.requirements {
            guard let value = values[validator.field], !value.trimmingWhitespace.isEmpty else {
                throw AccountError(
                    .requirementMissing, "The shop requires '\(validator.field)' to register.",
                    context: ErrorContext(field: validator.field))
            }
            checked[validator.field] = try validator.validate(value)
        }
        return checked
    }

    func requireSelfRegistration() throws(AccountError) {
        guard configuration.activation != .shopCreatedOnly else {
            throw AccountError(
                .selfRegistrationClosed, "This shop creates accounts itself; customers cannot register.",
                context: ErrorContext(field: "activation"))
        }
    }

    func initialStatus() -> AccountStatus {
        switch configuration.activation {
        case .open, .shopCreatedOnly: .active
        case .verifyEmail, .approval: .pending
        }
    }

    /// Checks a new password against the policy and hashes it.
    func hashNewPassword(_ text: String) throws(AccountError) -> String {
        let password = Password(text)
        try configuration.passwordPolicy.check(password)
        return try hasher.hash(password)
    }
}
