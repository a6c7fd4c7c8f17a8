import Foundation

extension AccountService {
    /// Issues a token that proves the mailbox before earlier guest orders of the account's
    /// address are attached. Mail it to the account's address.
    ///
    /// Issued whether or not guest orders exist, so it reveals nothing.
    ///
    /// - Throws: ``AccountErrorCode/notAnAccount``, ``AccountErrorCode/customerNotFound``.
    public func requestGuestOrderClaim(for customer: CustomerID) async throws -> OneTimeToken {
        try await modify(customer) { (record, now) throws(AccountError) -> OneTimeToken in
            try Self.requireAccount(record)
            try Self.requireOpen(record)
            return issueToken(.claimGuestOrders, in: &record, at: now)
        }.result
    }

    /// Attaches the orders of every earlier guest checkout with the account's address,
    /// after checking the claim token; the token also marks the address verified.
    ///
    /// - Returns: How many orders were attached.
    /// - Throws: ``AccountErrorCode/invalidToken`` (unknown, used, expired, other purpose,
    ///   or issued to another customer).
    @discardableResult
    public func claimGuestOrders(for customer: CustomerID, token: String) async throws -> Int {
        let (holder, digest) = try await recordHolding(token: token, for: customer)
        let now = clock.storedNow()
        guard holder.tokens.contains(where: { $0.digest == digest && $0.purpose == .claimGuestOrders && now < $0.expiresAt })
        else { throw Self.invalidToken() }
        let guests = try await store.guests(emailKey: holder.customer.email.uniquenessKey).map(\.customer.id)
        var count = 0
        for guest in guests {
            var cursor: OrderCursor?
            repeat {
                let page = try await store.orders(of: guest, after: cursor, limit: 500)
                count += page.count
                cursor = page.count == 500 ? page.last?.cursor : nil
            } while cursor != nil
        }
        // Move first, then use up the token: a crash in between leaves the token usable
        // for a retry; moving twice is harmless.
        try await store.moveOrders(from: guests, to: customer)
        try await modify(customer) { (record, now) throws(AccountError) in
            _ = try takeToken(digest, purpose: .claimGuestOrders, from: &record, at: now)
            record.customer.emailVerifiedAt = record.customer.emailVerifiedAt ?? now
        }
        emit("guestOrdersClaimed", customer, at: now, ["orders": String(count)])
        return count
    }
}
