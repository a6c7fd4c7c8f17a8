import Clientele
import Foundation

/// `clientele-pg-bench --store postgres|file [--writers N] [--count N]`: registrations per
/// second through `CustomerHub.register(_:)`, with p50 and p99 latency, on the PostgreSQL
/// stores or the file store. `Integrations/Postgres/bench.sh` runs it beside `pgbench`;
/// see `Options.usage` and Docs/Benchmarks.md.
var standardError = StandardError()
let options: Options
do {
    guard let parsed = try Options.parse(Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment)
    else {
        print(Options.usage)
        exit(0)
    }
    options = parsed
} catch {
    print("clientele-pg-bench: \(error)", to: &standardError)
    exit(2)
}

do {
    let bench = try await BenchHub.make(options)
    let figures: Figures
    do {
        if options.warmup > 0 {
            _ = try await RegistrationWorkload.run(options.warmup, tag: "warmup", writers: options.writers, on: bench.hub)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let run = try await RegistrationWorkload.run(options.count, tag: "bench", writers: options.writers, on: bench.hub)
        let elapsed = clock.now - start
        var verified = 0
        for customer in run.customers {
            if try await bench.hub.stores.accounts.record(customer) != nil { verified += 1 }
        }
        figures = Figures(
            store: options.store, writers: options.writers, count: options.count, elapsed: elapsed, latencies: run.latencies,
            verified: verified)
    } catch {
        try? await bench.tearDown()
        throw error
    }
    try await bench.tearDown()
    for line in figures.lines { print(line) }
    guard figures.verified == options.count else {
        throw PGBenchError(
            .verification, "some registrations are missing from the store after the run",
            context: ErrorContext(item: "\(figures.verified) of \(options.count)"))
    }
} catch let error as PGBenchError {
    print("clientele-pg-bench: \(error)", to: &standardError)
    exit(1)
} catch {
    print("clientele-pg-bench: \(ServerFailure(error))", to: &standardError)
    exit(1)
}
