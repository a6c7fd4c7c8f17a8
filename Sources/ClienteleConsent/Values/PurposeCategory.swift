/// What kind of processing a purpose is.
public enum PurposeCategory: String, Hashable, Sendable, Codable, CaseIterable {
    /// Messages the order needs: confirmation, invoice, shipping, delay notices.
    case service
    /// Direct marketing: newsletters, offers, reactivation mails. An objection ends every basis for it.
    case marketing
    /// Building a profile of the customer (segments, predicted interests).
    case profiling
    /// Tailoring what the shop shows the customer.
    case personalisation
    /// Measuring how the shop is used.
    case analytics
}
