public import Foundation

/// What profiling asks the consent module: which purposes a customer holds now. A field
/// tied to a purpose is only asked and only kept while its consent holds.
///
/// The `Clientele` facade connects it to `ConsentService`; a host without consent-gated
/// fields passes ``NoConsentGating``, and tests pass a table of their own.
public protocol ProfilingConsent: Sendable {
    /// Of `purposes`, the ones `customer` holds at `instant` (given, confirmed where double
    /// opt-in applies, not withdrawn or expired).
    func heldPurposes(of customer: CustomerID, among purposes: Set<String>, at instant: Date) async throws -> Set<String>
}

/// A ``ProfilingConsent`` for catalogs without consent-gated fields: no purpose is held, so
/// a field that names a purpose is never asked.
public struct NoConsentGating: ProfilingConsent {
    /// Creates the gate.
    public init() {}

    /// None.
    public func heldPurposes(of customer: CustomerID, among purposes: Set<String>, at instant: Date) async throws -> Set<String> {
        []
    }
}
