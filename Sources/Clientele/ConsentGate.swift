public import Foundation

/// Profiling's view of consent, answered by the consent module: a profile field tied to a
/// purpose is asked and kept only while the customer holds that purpose (granted on any
/// channel, confirmed where double opt-in applies).
public struct ConsentGate: ProfilingConsent {
    /// The consent service asked.
    public let consent: ConsentService

    /// A gate over `consent`.
    public init(consent: ConsentService) { self.consent = consent }

    /// Of `purposes`, the ones granted to `customer` at `instant`.
    public func heldPurposes(of customer: CustomerID, among purposes: Set<String>, at instant: Date) async throws -> Set<String> {
        let standings = try await consent.standings(of: customer, at: instant)
        return Set(standings.filter { $0.status.isGranted && purposes.contains($0.purpose.rawValue) }.map(\.purpose.rawValue))
    }
}
