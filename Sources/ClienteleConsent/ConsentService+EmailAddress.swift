public import Foundation

extension ConsentService {
    /// Decides for a message to `email`, checking its address against the suppression list.
    /// Same as ``decide(_:channel:for:emailKey:productCategories:at:)`` with the address's
    /// uniqueness key.
    public func decide(
        _ kind: MessageKind, channel: ContactChannel, for customer: CustomerID, email: EmailAddress,
        productCategories: Set<String> = [], at instant: Date? = nil
    ) async throws -> ContactDecision {
        try await decide(
            kind, channel: channel, for: customer, emailKey: email.uniquenessKey, productCategories: productCategories,
            at: instant)
    }

    /// Puts `email` on the suppression list (as a salted digest of its uniqueness key).
    @discardableResult
    public func suppress(_ email: EmailAddress, reason: SuppressionEntry.Reason) async throws -> SuppressionEntry {
        try await suppress(emailKey: email.uniquenessKey, reason: reason)
    }

    /// The suppression entry for `email`, or `nil`.
    public func suppression(of email: EmailAddress) async throws -> SuppressionEntry? {
        try await suppression(emailKey: email.uniquenessKey)
    }
}
