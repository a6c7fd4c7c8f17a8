import Benchmark

/// Micro-benchmarks of Clientele's hot paths.
///
/// They measure instructions and allocations only, which are stable on shared, noisy
/// machines, and are checked against the static thresholds in `Benchmarks/Thresholds/`
/// (`swift package benchmark thresholds check`). Instructions need hardware performance
/// counters (`perf stat -e instructions true` tells); where there are none, only
/// allocations are measured. For times, add `--metric wallClock --metric throughput`.
/// See `Docs/Benchmarks.md`.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.instructions, .mallocCountTotal],
        warmupIterations: 10,
        maxDuration: .seconds(1),
        maxIterations: 1_000,
        thresholds: [
            // Instruction counts vary a little with the measurement's own overhead.
            .instructions: BenchmarkThresholds(relative: [.p50: 5, .p90: 5]),
            // Allocations are exact: any new one on a hot path is a regression.
            .mallocCountTotal: BenchmarkThresholds(absolute: [.p50: 0, .p90: 0]),
        ])
    cryptoBenchmarks()
    storageBenchmarks()
    pricingBenchmarks()
    profilingBenchmarks()
}
