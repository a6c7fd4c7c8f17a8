import Clientele
import Foundation

/// `open [--customers 100000] [--folder DIR] [--writers 16] [--reopen-only [--compact]]`: how long a
/// file-backed ``CustomerHub`` folder of N customers takes to reopen to a ready facade.
///
/// Builds the folder once with `CustomerHub.open(at:)` (subfolders `accounts/`, `consent/`,
/// `pricing/`, `profiles/`, `segments/`): the twenty segments of ``HubWorkload``, then N
/// customers as ``HubWorkload`` makes them from `--writers` tasks (each write its own
/// durable commit), then `start()` once (the memberships are stored, as in a shop that has
/// run), then compacts every store (a snapshot, as a store of that size has after its
/// journal passed the threshold) and closes the hub.
///
/// Then it reopens, timing each part on its own: each store's `open` (then closed again),
/// and the whole `CustomerHub.open(at:)` followed by `start()` (the price book, every
/// customer's segment facts, the twenty segments evaluated for each).
///
/// Prints `customers=`, `build_seconds=` (when it builds), `<store>_open_seconds=` and
/// `<store>_store_bytes=` for each store, `hub_open_seconds=`, `start_seconds=`,
/// `open_seconds=` (the last two added: the figure of issue 17), `started_from_saved_facts=`
/// (1 when `start()` loaded the facts the previous run's close saved), `close_seconds=` (the
/// hub's close, which derives and saves every customer's facts), `hub_open_cpu_seconds=` and
/// `start_cpu_seconds=` (the process's CPU time, all threads, in the same two parts: the work
/// apart from the wait for a core) and `segment_members=`; then, timed after `start()` on
/// the open hub, what `start()` spends reading the stores: `facts_pass_seconds=` (every
/// customer's `facts(of:)`, one after another), `profile_reads_seconds=` (every profile)
/// and `ledger_reads_seconds=` (every consent ledger).
///
/// Without `--folder` the hub is built in a temporary folder, removed at the end.
/// `--reopen-only` skips building and reopens what an earlier run left in `--folder`
/// (required then); it checks that `--customers` customers load. `--compact` compacts each
/// store after its timed open: a folder an older build made then holds snapshots in today's
/// formats for the runs after it (a store reads older formats, and packs them anew only in
/// its next snapshot).
enum OpenCommand {
    static func run(_ options: [String]) async throws {
        let arguments = try Arguments(options, values: ["--customers", "--folder", "--writers"], flags: ["--reopen-only", "--compact"])
        let customers = try arguments.int(for: "--customers", default: 100_000)
        let writers = max(1, try arguments.int(for: "--writers", default: 16))
        let reopenOnly = arguments.flag("--reopen-only")
        let compact = arguments.flag("--compact")
        let root: URL
        let temporary: Bool
        if let folder = arguments.value(for: "--folder") {
            root = URL(filePath: folder, directoryHint: .isDirectory)
            temporary = false
        } else if reopenOnly {
            throw BenchError(.usage, "--reopen-only needs the --folder of an earlier run", context: .init(field: "--folder"))
        } else {
            root = URL(filePath: NSTemporaryDirectory(), directoryHint: .isDirectory)
                .appending(path: "clientele-bench-open-\(UUID().uuidString)", directoryHint: .isDirectory)
            temporary = true
        }
        defer { if temporary { try? FileManager.default.removeItem(at: root) } }
        let configuration = try HubWorkload.configuration()
        let clock = ContinuousClock()

        print("customers=\(customers)")
        if !reopenOnly {
            try Folder.fresh(root)
            let start = clock.now
            try await build(root, customers: customers, writers: writers, configuration: configuration)
            print("build_seconds=\(Seconds(clock.now - start))")
        }

        // Each store alone: open until its state is ready (timed), then close and let go of
        // it (a store kept alive would hold its state while the hub opens a second copy).
        let accounts = try await timedOpen(compacting: compact) { try await ReferenceAccountStore.open(folder: root.appending(path: "accounts")) }
        print("accounts_open_seconds=\(Seconds(accounts))")
        let consent = try await timedOpen(compacting: compact) { try await ReferenceConsentStore.open(folder: root.appending(path: "consent")) }
        print("consent_open_seconds=\(Seconds(consent))")
        let pricing = try await timedOpen(compacting: compact) { try await ReferencePriceListStore.open(folder: root.appending(path: "pricing")) }
        print("pricing_open_seconds=\(Seconds(pricing))")
        let profiles = try await timedOpen(compacting: compact) { try await ReferenceProfileStore.open(folder: root.appending(path: "profiles")) }
        print("profiles_open_seconds=\(Seconds(profiles))")
        let segments = try await timedOpen(compacting: compact) { try await ReferenceSegmentStore.open(folder: root.appending(path: "segments")) }
        print("segments_open_seconds=\(Seconds(segments))")
        for store in ["accounts", "consent", "pricing", "profiles", "segments"] {
            print("\(store)_store_bytes=\(try Folder.size(of: root.appending(path: store, directoryHint: .isDirectory)))")
        }

        // The facade: open every store, then start (the figure of issue 17).
        let cpuStart = processCPUSeconds()
        let start = clock.now
        let hub = try await CustomerHub.open(at: root, configuration: configuration, hasher: try HubWorkload.hasher())
        let opened = clock.now
        let cpuOpened = processCPUSeconds()
        try await hub.start()
        let started = clock.now
        let cpuStarted = processCPUSeconds()
        let members = HubWorkload.segments.reduce(0) { $0 + hub.segmentation.members(of: $1.name).count }
        let ids = try await hub.stores.accounts.customers(after: nil, limit: customers + 1)
        let loaded = ids.count
        // What `start()` spends reading the stores, measured on its own after it: every
        // customer's facts, then just the profiles and just the consent ledgers.
        let factsPass = try await timed { for id in ids { _ = try await hub.facts(of: id) } }
        let profilesPass = try await timed { for id in ids { _ = try await hub.stores.profiles.profile(of: id) } }
        let ledgersPass = try await timed { for id in ids { _ = try await hub.stores.consent.records(for: id) } }
        let closing = try await timed { try await hub.close() }
        guard loaded == customers else {
            throw BenchError(
                .output, "the reopened hub holds a different number of customers than --customers",
                context: .init(file: root.path, item: "\(loaded)"))
        }
        print("hub_open_seconds=\(Seconds(opened - start))")
        print("start_seconds=\(Seconds(started - opened))")
        print("open_seconds=\(Seconds(started - start))")
        print("hub_open_cpu_seconds=\(Seconds(.seconds(cpuOpened - cpuStart)))")
        print("start_cpu_seconds=\(Seconds(.seconds(cpuStarted - cpuOpened)))")
        print("started_from_saved_facts=\(hub.startedFromSavedFacts ? 1 : 0)")
        print("close_seconds=\(Seconds(closing.time))")
        print("segment_members=\(members)")
        print("facts_pass_seconds=\(Seconds(factsPass.time))")
        print("profile_reads_seconds=\(Seconds(profilesPass.time))")
        print("ledger_reads_seconds=\(Seconds(ledgersPass.time))")
    }

    /// Builds the hub folder: segments, customers, one `start()`, compaction, close.
    static func build(_ root: URL, customers: Int, writers: Int, configuration: CustomerHubConfiguration) async throws {
        let accounts = try await ReferenceAccountStore.open(folder: root.appending(path: "accounts"))
        let consent = try await ReferenceConsentStore.open(folder: root.appending(path: "consent"))
        let pricing = try await ReferencePriceListStore.open(folder: root.appending(path: "pricing"))
        let profiles = try await ReferenceProfileStore.open(folder: root.appending(path: "profiles"))
        let segments = try await ReferenceSegmentStore.open(folder: root.appending(path: "segments"))
        let hub = CustomerHub(
            stores: CustomerHubStores(accounts: accounts, consent: consent, priceLists: pricing, profiles: profiles, segments: segments),
            configuration: configuration, hasher: try HubWorkload.hasher())
        try await hub.start()
        try await HubWorkload.defineSegments(in: hub)
        try await HubWorkload.addCustomers(customers, to: hub, writers: writers)
        try await hub.start()
        try await accounts.compact()
        try await consent.compact()
        try await pricing.compact()
        try await profiles.compact()
        try await segments.compact()
        try await segments.close()
        try await profiles.close()
        try await pricing.close()
        try await consent.close()
        try await accounts.close()
    }

    /// The CPU time (user and system) of the whole process so far, every thread counted:
    /// on a busy machine it shows the work apart from the wait for a core.
    static func processCPUSeconds() -> Double {
        var time = timespec()
        guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return 0 }
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// How long `open` took; the store is compacted when `compacting`, then closed and
    /// released before this returns.
    static func timedOpen<Store: ReopenedStore>(compacting: Bool, _ open: () async throws -> Store) async throws -> Duration {
        let opened = try await timed(open)
        if compacting { try await opened.value.compactInTodaysFormat() }
        try await opened.value.close()
        return opened.time
    }

    /// What `body` returns and the time it took.
    static func timed<Value>(_ body: () async throws -> Value) async throws -> (value: Value, time: Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        let value = try await body()
        return (value, clock.now - start)
    }
}

/// A reference store as `open` times it alone.
protocol ReopenedStore {
    func compact() async throws
    func close() async throws
    /// Writes a snapshot of the store in today's format (`--compact`).
    func compactInTodaysFormat() async throws
}

extension ReopenedStore {
    func compactInTodaysFormat() async throws { try await compact() }
}

extension ReferenceAccountStore: ReopenedStore {
    /// A compaction writes no snapshot when nothing was journaled since the last one; one
    /// change that leaves the accounts as they are (no failed-login record is that old)
    /// makes it write one, its records packed in today's format.
    func compactInTodaysFormat() async throws {
        try await removeLoginThrottles(lastFailureBefore: .distantPast)
        try await compact()
    }
}

extension ReferenceConsentStore: ReopenedStore {}
extension ReferencePriceListStore: ReopenedStore {}
extension ReferenceProfileStore: ReopenedStore {}
extension ReferenceSegmentStore: ReopenedStore {
    /// As the accounts': erasing a customer the store does not know changes nothing but
    /// makes the compaction write a snapshot.
    func compactInTodaysFormat() async throws {
        try await erase(customer: try CustomerID(validating: "bench-compact-none"))
        try await compact()
    }
}
