import Foundation

extension AccountService {
    /// Starts changing the login address: checks the current password and issues a token
    /// for the host to mail to the *new* address. Nothing changes until it is confirmed.
    ///
    /// - Throws: ``AccountErrorCode/invalidEmail``, ``AccountErrorCode/wrongPassword``,
    ///   ``AccountErrorCode/emailTaken``, ``AccountErrorCode/notAnAccount``.
    public func requestEmailChange(of customer: CustomerID, currentPassword: String, newEmail: String) async throws -> OneTimeToken {
        let address = try Self.parseEmail(newEmail, field: "newEmail")
        let record = try await existingRecord(customer)
        try Self.requireAccount(record)
        try Self.requireOpen(record)
        _ = try await verifyCurrentPassword(currentPassword, of: record)
        if let holder = try await store.account(emailKey: address.uniquenessKey), holder.customer.id != customer {
            throw AccountError(
                .emailTaken, "Another account uses this e-mail address.", context: ErrorContext(field: "newEmail"))
        }
        return try await modify(customer) { (next, now) throws(AccountError) -> OneTimeToken in
            issueToken(.changeEmail, in: &next, at: now, newEmail: address)
        }.result
    }

    /// Confirms an e-mail change with the token sent to the new address: the new address
    /// becomes the login and counts as verified.
    ///
    /// - Parameters:
    ///   - customer: The logged-in customer, when known: a token of another account is refused.
    /// - Throws: ``AccountErrorCode/invalidToken``, ``AccountErrorCode/emailTaken`` (the
    ///   address was taken meanwhile).
    public func confirmEmailChange(token: String, for customer: CustomerID? = nil) async throws -> Customer {
        let (holder, digest) = try await recordHolding(token: token, for: customer)
        let stored = try await modify(holder.customer.id) { (record, now) throws(AccountError) in
            let used = try takeToken(digest, purpose: .changeEmail, from: &record, at: now)
            guard let newEmail = used.newEmail else { throw Self.invalidToken() }
            let oldKey = record.customer.email.uniquenessKey
            record.customer.email = newEmail
            record.customer.emailVerifiedAt = now
            if oldKey != newEmail.uniquenessKey {
                record.tokens.removeAll { $0.purpose != .changeEmail }
            }
        }.record
        emit("emailChanged", stored.customer.id, at: clock.storedNow())
        return stored.customer
    }
}
