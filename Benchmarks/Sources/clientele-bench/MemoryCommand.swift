import Clientele
import Foundation

/// `memory [--customers 100000] [--writers 1]`: resident memory per customer of a
/// ``CustomerHub`` over in-memory reference stores.
///
/// Fills `CustomerHub.inMemory` with `--customers` customers as ``HubWorkload`` makes them
/// (an account, a five-field profile, two consent records), from `--writers` tasks, then
/// calls `start()` so that every customer's segment facts are held too, as in a serving
/// process. Measured first, while the process is still small.
///
/// Prints `customers=`, `fill_seconds=`, `start_seconds=`, `rss_before_bytes=`,
/// `rss_after_bytes=`, `resident_bytes=` (the growth of the resident set, read from
/// `/proc/self/statm`; on macOS the peak resident set) and `resident_bytes_per_customer=`.
enum MemoryCommand {
    static func run(_ options: [String]) async throws {
        let arguments = try Arguments(options, values: ["--customers", "--writers"], flags: [])
        let customers = max(1, try arguments.int(for: "--customers", default: 100_000))
        let writers = max(1, try arguments.int(for: "--writers", default: 1))
        let clock = ContinuousClock()
        let before = try ProfilingCommand.residentBytes()
        let hub = CustomerHub.inMemory(configuration: try HubWorkload.configuration(), hasher: try HubWorkload.hasher())
        let fillStart = clock.now
        try await HubWorkload.addCustomers(customers, to: hub, writers: writers)
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
        withExtendedLifetime(hub) {}
    }
}
