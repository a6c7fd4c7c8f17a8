public import Foundation

/// Why a contact decision says no.
public enum DenialReason: Hashable, Sendable, Codable {
    /// The purpose does not cover this channel.
    case channelNotCovered
    /// The address is on the suppression list (since `since`).
    case suppressed(since: Date)
    /// The customer objected to direct marketing at `at`.
    case objected(at: Date)
    /// No consent (and no soft opt-in that covers the message) was ever recorded.
    case noConsent
    /// The customer refused at `at`.
    case refused(at: Date)
    /// The customer withdrew or unsubscribed at `at`.
    case withdrawn(at: Date)
    /// The consent or soft opt-in lapsed at `at`.
    case expired(at: Date)
    /// Consent was given but the double opt-in is not confirmed yet (deadline `confirmBy`).
    case awaitingConfirmation(confirmBy: Date)
    /// Consent was given to version `givenVersion`, but a later version up to
    /// `currentVersion` needs new consent.
    case consentOutdated(givenVersion: Int, currentVersion: Int)
    /// The instant falls in a quiet period.
    case quietPeriod(QuietPeriod)
    /// A frequency cap is reached: `sent` messages in its window; the next send is allowed
    /// at `allowedAgainAt` (`nil` for a cap of 0).
    case frequencyCapReached(cap: FrequencyCap, sent: Int, allowedAgainAt: Date?)

    /// A stable name for logs and reports, such as `frequencyCapReached`.
    public var code: String {
        switch self {
        case .channelNotCovered: "channelNotCovered"
        case .suppressed: "suppressed"
        case .objected: "objected"
        case .noConsent: "noConsent"
        case .refused: "refused"
        case .withdrawn: "withdrawn"
        case .expired: "expired"
        case .awaitingConfirmation: "awaitingConfirmation"
        case .consentOutdated: "consentOutdated"
        case .quietPeriod: "quietPeriod"
        case .frequencyCapReached: "frequencyCapReached"
        }
    }
}
