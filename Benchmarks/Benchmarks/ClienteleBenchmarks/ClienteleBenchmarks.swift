import Benchmark

/// Micro-benchmarks of Clientele's hot paths.
///
/// They track instructions and allocations (stable on shared, noisy machines) against the
/// static thresholds in `Benchmarks/Thresholds/`; wall-clock time is shown but not checked.
/// Run `swift package benchmark` from `Benchmarks/`; see `Docs/Benchmarks.md`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.instructions, .mallocCountTotal, .wallClock, .throughput],
        warmupIterations: 10,
        maxDuration: .seconds(1),
        maxIterations: 10_000,
        thresholds: [
            // Instruction counts vary a little with the measurement's own overhead.
            .instructions: BenchmarkThresholds(relative: [.p50: 5, .p90: 5]),
            // Allocations are exact: any new one on a hot path is a regression.
            .mallocCountTotal: BenchmarkThresholds(absolute: [.p50: 0, .p90: 0]),
        ])
    storageBenchmarks()
}
