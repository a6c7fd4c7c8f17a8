import Foundation

extension ConsentService {
    /// A one-click unsubscribe token for `purpose` on `channel`: HMAC-SHA256 over the
    /// customer, purpose, channel and expiry, with the signing key's ID for rotation. Put
    /// it in the `List-Unsubscribe` URL (see Docs/Privacy.md); no login is needed to use it.
    ///
    /// - Throws: ``ConsentErrorCode/unknownPurpose``, ``ConsentErrorCode/channelNotCovered``.
    public func unsubscribeToken(for customer: CustomerID, purpose: PurposeID, channel: ContactChannel) throws(ConsentError) -> String {
        _ = try consentPurpose(purpose, channel: channel)
        let expiry = configuration.unsubscribeValidity.map {
            String(StoredInstant.milliseconds(clock.storedNow()) + StoredInstant.milliseconds($0))
        } ?? ""
        return SignedToken.sign(
            kind: "u1", fields: [customer.rawValue, purpose.rawValue, channel.rawValue, expiry], keys: configuration.tokenKeys)
    }

    /// Verifies an unsubscribe token (signature in constant time, key, expiry) without
    /// changing anything, for a confirmation page.
    ///
    /// - Throws: ``ConsentErrorCode/malformedToken``, ``ConsentErrorCode/tamperedToken``,
    ///   ``ConsentErrorCode/unknownTokenKey``, ``ConsentErrorCode/expiredToken``.
    public func verifyUnsubscribeToken(_ token: String) throws(ConsentError) -> UnsubscribeLink {
        let (keyID, fields) = try SignedToken.verify(token, kind: "u1", fieldCount: 4, keys: configuration.tokenKeys)
        guard let customer = CustomerID(rawValue: fields[0]), let purpose = PurposeID(rawValue: fields[1]),
            let channel = ContactChannel(rawValue: fields[2])
        else {
            throw ConsentError(.malformedToken, "The unsubscribe token's content is not valid.", context: ErrorContext(field: "token"))
        }
        var expiresAt: Date?
        if !fields[3].isEmpty {
            guard let milliseconds = Int64(fields[3]) else {
                throw ConsentError(.malformedToken, "The unsubscribe token's expiry is not valid.", context: ErrorContext(field: "token"))
            }
            guard StoredInstant.milliseconds(clock.storedNow()) < milliseconds else {
                throw ConsentError(
                    .expiredToken, "The unsubscribe link has expired; offer the preference page instead.",
                    context: ErrorContext(field: "token", item: customer.rawValue))
            }
            expiresAt = StoredInstant.date(milliseconds: milliseconds)
        }
        return UnsubscribeLink(customer: customer, purpose: purpose, channel: channel, expiresAt: expiresAt, keyID: keyID)
    }

    /// Honours a one-click unsubscribe (the RFC 8058 POST): verifies the token and
    /// records a `withdrawn` statement by the customer for its purpose and channel.
    /// Using a token again changes nothing and succeeds.
    ///
    /// - Parameters:
    ///   - token: The token from the link.
    ///   - context: The request (source defaults to `unsubscribe-link`); IP and user agent are digested.
    /// - Throws: As ``verifyUnsubscribeToken(_:)``.
    @discardableResult
    public func unsubscribe(
        token: String, context: CollectionContext = CollectionContext(source: "unsubscribe-link")
    ) async throws -> UnsubscribeOutcome {
        let link = try verifyUnsubscribeToken(token)
        let category = catalog.current(link.purpose)?.category ?? .marketing
        let now = clock.storedNow()
        let id = ids()
        let evidence = digester.evidence(for: context)
        var appended = false
        let record = try await appendChecked(for: link.customer) { records in
            let standing = ConsentRules.standing(
                of: link.purpose, category: category, channel: link.channel, in: records, at: now)
            switch standing.status {
            case .withdrawn, .refused, .expired:
                if standing.softOptIn == nil, let last = records.last {
                    appended = false
                    return .existing(last)
                }
            default:
                break
            }
            appended = true
            return .new(
                ConsentEntry(
                    id: id, at: now, action: .withdrawn, purpose: link.purpose,
                    purposeVersion: catalog.current(link.purpose)?.version, channel: link.channel, source: context.source,
                    actor: .customer, evidence: evidence))
        }
        return UnsubscribeOutcome(link: link, record: appended ? record : nil)
    }
}
