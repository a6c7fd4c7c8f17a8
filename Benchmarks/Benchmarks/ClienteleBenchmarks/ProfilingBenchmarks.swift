import Benchmark
import ClienteleBenchSupport
import ClienteleProfiling

/// `QuestionSelection.nextQuestions`: which profile questions to ask now, asked on every
/// page that may show a question. It must allocate nothing beyond the array it returns.
func profilingBenchmarks() {
    // One sample = 1,000 calls over the 40-field catalog of `ProfilingWorkload`, for 1,000
    // situations (one of 256 half-filled profiles, a purpose set, a moment; limit 3). The
    // allocation threshold is the calls that return questions (one array each) plus the
    // measurement's own 16.
    Benchmark("Profiling.nextQuestions.x1000") { benchmark in
        let catalog = try ProfilingWorkload.catalog()
        let selection = QuestionSelection(catalog: catalog, configuration: ProfilingConfiguration())
        let profiles = try ProfilingWorkload.profiles(count: 256, catalog: catalog)
        let situations = ProfilingWorkload.situations(count: 1_000, profiles: profiles.count)
        let purposeSets = ProfilingWorkload.purposeSets
        benchmark.startMeasurement()
        for situation in situations {
            blackHole(
                selection.nextQuestions(
                    for: profiles[situation.profile], holding: purposeSets[situation.purposes], at: ProfilingWorkload.now,
                    moment: situation.moment, limit: ProfilingWorkload.limit))
        }
        benchmark.stopMeasurement()
    }
}
