import Clientele

/// The reference stores behind a hub opened by ``StoreFolder/withHub(start:_:)``.
struct ReferenceStores {
    let accounts: ReferenceAccountStore
    let consent: ReferenceConsentStore
    let priceLists: ReferencePriceListStore
    let profiles: ReferenceProfileStore
    let segments: ReferenceSegmentStore

    init(_ hub: CustomerHub) throws(CommandFailure) {
        guard let accounts = hub.stores.accounts as? ReferenceAccountStore,
              let consent = hub.stores.consent as? ReferenceConsentStore,
              let priceLists = hub.stores.priceLists as? ReferencePriceListStore,
              let profiles = hub.stores.profiles as? ReferenceProfileStore,
              let segments = hub.stores.segments as? ReferenceSegmentStore
        else { throw .failed("the hub is not over the file-backed reference stores") }
        self.accounts = accounts
        self.consent = consent
        self.priceLists = priceLists
        self.profiles = profiles
        self.segments = segments
    }

    /// Each module's recovery report, by module folder name.
    var recoveryReports: [String: RecoveryReport] {
        ["accounts": accounts.recoveryReport, "consent": consent.recoveryReport, "pricing": priceLists.recoveryReport,
         "profiles": profiles.recoveryReport, "segments": segments.recoveryReport]
    }

    /// Snapshots and truncates every store's journal, the five stores side by side (each
    /// encodes its own snapshot, so a second core shortens it).
    func compact() async throws {
        async let accounts: Void = accounts.compact()
        async let consent: Void = consent.compact()
        async let priceLists: Void = priceLists.compact()
        async let profiles: Void = profiles.compact()
        async let segments: Void = segments.compact()
        _ = try await (accounts, consent, priceLists, profiles, segments)
    }
}
