/// The five stores a ``CustomerHub`` works over: the reference stores (in memory or in
/// one folder) or the host's own adapters, proven with `ClienteleTestKit`.
public struct CustomerHubStores: Sendable {
    /// Accounts, orders, login throttles.
    public var accounts: any AccountStore
    /// Consent ledgers, send logs, the suppression list.
    public var consent: any ConsentStore
    /// Price lists.
    public var priceLists: any PriceListStore
    /// Customer profiles.
    public var profiles: any ProfileStore
    /// Segment definitions, members, fired trigger keys.
    public var segments: any SegmentStore

    /// The host's stores.
    public init(
        accounts: any AccountStore, consent: any ConsentStore, priceLists: any PriceListStore, profiles: any ProfileStore,
        segments: any SegmentStore
    ) {
        self.accounts = accounts
        self.consent = consent
        self.priceLists = priceLists
        self.profiles = profiles
        self.segments = segments
    }

    /// Fresh in-memory reference stores.
    public static func inMemory() -> CustomerHubStores {
        CustomerHubStores(
            accounts: ReferenceAccountStore.inMemory(), consent: ReferenceConsentStore.inMemory(),
            priceLists: ReferencePriceListStore.inMemory(), profiles: ReferenceProfileStore.inMemory(),
            segments: ReferenceSegmentStore.inMemory())
    }
}
