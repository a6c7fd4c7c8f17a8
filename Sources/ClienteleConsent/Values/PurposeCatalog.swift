/// Every purpose the shop processes for, with all its versions.
///
/// Built once (validated), then passed to ``ConsentService``. Adding a version means
/// building a new catalog; records keep the version they were given for.
public struct PurposeCatalog: Hashable, Sendable, Codable {
    /// Versions per purpose, ascending by version.
    public private(set) var versions: [PurposeID: [Purpose]]

    /// Builds a catalog from purpose versions in any order.
    ///
    /// - Throws: ``ConsentErrorCode/invalidPurpose`` for a duplicate version, a version
    ///   below 1, versions of one purpose that disagree on category or legal basis, or a
    ///   purpose without channels; the context names the purpose.
    public init(_ purposes: [Purpose]) throws(ConsentError) {
        var versions: [PurposeID: [Purpose]] = [:]
        for purpose in purposes {
            guard purpose.id.isValid else {
                throw ConsentError(
                    .invalidPurposeID, "A purpose ID must be \(PurposeID.syntax).",
                    context: ErrorContext(field: "id"))
            }
            let context = ErrorContext(field: "version", item: purpose.id.rawValue)
            guard purpose.version >= 1 else {
                throw ConsentError(.invalidPurpose, "Purpose versions count from 1.", context: context)
            }
            guard !purpose.channels.isEmpty else {
                throw ConsentError(.invalidPurpose, "A purpose must name at least one channel.", context: ErrorContext(field: "channels", item: purpose.id.rawValue))
            }
            if purpose.legalBasis.isExemptFromConsent && (purpose.requiresConfirmation || purpose.allowsSoftOptIn) {
                throw ConsentError(
                    .invalidPurpose, "A purpose on contract or legal obligation needs no consent, so no double or soft opt-in.",
                    context: ErrorContext(field: "legalBasis", item: purpose.id.rawValue))
            }
            var list = versions[purpose.id, default: []]
            if list.contains(where: { $0.version == purpose.version }) {
                throw ConsentError(.invalidPurpose, "A purpose version appears twice.", context: context)
            }
            if let first = list.first, first.category != purpose.category || first.legalBasis != purpose.legalBasis {
                throw ConsentError(
                    .invalidPurpose, "All versions of a purpose must share its category and legal basis; give a changed purpose a new ID.",
                    context: context)
            }
            list.append(purpose)
            versions[purpose.id] = list
        }
        self.versions = versions.mapValues { $0.sorted { $0.version < $1.version } }
    }

    /// An empty catalog.
    public init() { self.versions = [:] }

    /// The newest version of `id`, or `nil` when the catalog does not have the purpose.
    public func current(_ id: PurposeID) -> Purpose? { versions[id]?.last }

    /// Version `version` of `id`, or `nil`.
    public func purpose(_ id: PurposeID, version: Int) -> Purpose? {
        versions[id]?.first { $0.version == version }
    }

    /// The newest version of every purpose, ordered by ID.
    public var currentPurposes: [Purpose] {
        versions.keys.sorted().compactMap { current($0) }
    }

    /// True when consent given to `version` of `id` no longer covers the current version:
    /// some later version needs new consent.
    public func needsNewConsent(_ id: PurposeID, since version: Int) -> Bool {
        (versions[id] ?? []).contains { $0.version > version && $0.needsNewConsent }
    }

    /// The newest version of `id`.
    ///
    /// - Throws: ``ConsentErrorCode/unknownPurpose``.
    public func require(_ id: PurposeID) throws(ConsentError) -> Purpose {
        guard let purpose = current(id) else {
            throw ConsentError(
                .unknownPurpose, "The purpose is not in the catalog; add it before recording consent or deciding for it.",
                context: ErrorContext(field: "purpose", item: id.rawValue))
        }
        return purpose
    }
}
