import Clientele
import Foundation

/// `memory [--customers 100000] [--writers 1]`: resident memory per customer of a
/// ``CustomerHub`` over in-memory reference stores.
///
/// Fills `CustomerHub.inMemory` with `--customers` customers as ``HubWorkload`` makes them
/// (an account, a five-field profile, two consent records), from `--writers` tasks, one
/// kind of record for every customer at a time (the same state as customer by customer),
/// then calls `start()` so that every customer's segment facts are held too, as in a
/// serving process (no segment is defined: the facts, not memberships). Measured first,
/// while the process is still small.
///
/// Prints `customers=`, `fill_seconds=`, `start_seconds=`, `rss_before_bytes=`,
/// `rss_after_bytes=`, `resident_bytes=` (the growth of the resident set, read from
/// `/proc/self/statm`; on macOS the peak resident set) and `resident_bytes_per_customer=`;
/// then the growth per customer after each phase: `accounts_bytes_per_customer=`,
/// `profiles_bytes_per_customer=`, `consent_bytes_per_customer=` and
/// `facts_bytes_per_customer=` (`start()`).
enum MemoryCommand {
    static func run(_ options: [String]) async throws {
        let arguments = try Arguments(options, values: ["--customers", "--writers"], flags: [])
        let customers = max(1, try arguments.int(for: "--customers", default: 100_000))
        let writers = max(1, try arguments.int(for: "--writers", default: 1))
        let clock = ContinuousClock()
        let before = try ProfilingCommand.residentBytes()
        let hub = CustomerHub.inMemory(configuration: try HubWorkload.configuration(), hasher: try HubWorkload.hasher())
        // One kind of record at a time, so the growth of each store can be told apart.
        let fillStart = clock.now
        try await ReopenCommand.forEach(customers, writers: writers) { try await HubWorkload.addAccount($0, to: hub) }
        let afterAccounts = try ProfilingCommand.residentBytes()
        try await ReopenCommand.forEach(customers, writers: writers) { try await HubWorkload.addProfile($0, to: hub) }
        let afterProfiles = try ProfilingCommand.residentBytes()
        try await ReopenCommand.forEach(customers, writers: writers) { try await HubWorkload.addConsents($0, to: hub) }
        let afterConsent = try ProfilingCommand.residentBytes()
        let filled = clock.now
        try await hub.start()
        let started = clock.now
        let after = try ProfilingCommand.residentBytes()
        let held = try await hub.stores.accounts.customers(after: nil, limit: customers + 1).count
        guard held == customers else {
            throw BenchError(.output, "the hub holds another number of customers than were added", context: .init(item: String(held)))
        }
        print("customers=\(customers)")
        print("fill_seconds=\(Seconds(filled - fillStart))")
        print("start_seconds=\(Seconds(started - filled))")
        print("rss_before_bytes=\(before)")
        print("rss_after_bytes=\(after)")
        print("resident_bytes=\(after - before)")
        print("resident_bytes_per_customer=\((after - before) / customers)")
        print("accounts_bytes_per_customer=\((afterAccounts - before) / customers)")
        print("profiles_bytes_per_customer=\((afterProfiles - afterAccounts) / customers)")
        print("consent_bytes_per_customer=\((afterConsent - afterProfiles) / customers)")
        print("facts_bytes_per_customer=\((after - afterConsent) / customers)")
        withExtendedLifetime(hub) {}
    }
}
