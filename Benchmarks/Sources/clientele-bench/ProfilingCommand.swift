import ClienteleBenchSupport
import ClienteleCore
import ClienteleProfiling
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `clientele-bench profiling [--customers N] [--history-limit H] [--profiles P] [--situations S] [--passes K]`:
/// the two figures of the profiling issue, on `ProfilingWorkload` (the 40-field catalog
/// the micro-benchmark uses too).
///
/// - `profile_bytes_per_customer=`: resident memory per customer of an in-memory
///   `ReferenceProfileStore` holding N profiles (default 100,000), each with five fields set
///   with their provenance (`ProfilingWorkload.fiveFieldProfile`) and saved with
///   `save(_:expectedRevision:)`: (resident set after − before) / N, read from
///   `/proc/self/statm` (on macOS, the peak resident set from `getrusage`). Measured first,
///   while the process is still small, so no memory freed by the other workload is reused.
///   `--history-limit` (default 50, the library's default) is passed to `set`; 0 keeps no
///   history. `profile_value_bytes_per_customer=`: the same N profiles held in a plain
///   array afterwards, the share of the values themselves (the rest is the store's
///   dictionary and customer order); and the sizes it is made of (`MemoryLayout` strides
///   of an entry, a history change, a value and a profile; the first profile's array
///   capacities).
/// - `next_questions_ns=`: `QuestionSelection.nextQuestions` (default configuration: one
///   prompt a week outside registration and checkout; limit 3) over S situations (default
///   4,096: one of P half-filled profiles, default 1,024, one of four purpose sets, one of
///   nine moments), the median over K passes (default 31, after a warm-up pass) of a
///   pass's time per call; `next_questions_ns_best=` the fastest pass;
///   `next_questions_cpu_ns=` the median of the thread's CPU time per call (which leaves
///   out the time spent waiting for a core on a busy machine); and
///   `next_questions_ns_at_<moment>=`, `next_questions_cpu_ns_at_<moment>=` the same
///   medians over each moment's situations alone.
///
/// Allocations per call are what the micro-benchmark `Profiling.nextQuestions.x1000`
/// counts (`swift package benchmark`); this command does not interpose `malloc`.
enum ProfilingCommand {
    static func run(_ arguments: [String]) async throws {
        let arguments = try Arguments(
            arguments, values: ["--customers", "--history-limit", "--profiles", "--situations", "--passes"])
        let customers = try arguments.int(for: "--customers", default: 100_000)
        let historyLimit = try arguments.int(for: "--history-limit", default: ProfilingConfiguration.defaultHistoryLimit)
        let profileCount = max(1, try arguments.int(for: "--profiles", default: 1_024))
        let situationCount = max(1, try arguments.int(for: "--situations", default: 4_096))
        let passes = max(1, try arguments.int(for: "--passes", default: 31))

        try await measureMemory(customers: customers, historyLimit: historyLimit)
        try measureQuestions(profiles: profileCount, situations: situationCount, passes: passes)
    }

    /// Saves `customers` five-field profiles into an in-memory store and prints the resident
    /// bytes they take.
    static func measureMemory(customers: Int, historyLimit: Int) async throws {
        guard customers > 0 else { return }
        let store = ReferenceProfileStore.inMemory()
        let clock = ContinuousClock()
        let before = try residentBytes()
        let start = clock.now
        for number in 0..<customers {
            _ = try await store.save(
                try ProfilingWorkload.fiveFieldProfile(number: number, historyLimit: historyLimit), expectedRevision: 0)
        }
        let elapsed = clock.now - start
        let after = try residentBytes()
        let stored = store.state.read { $0.count }
        guard stored == customers else {
            throw BenchError(.output, "the store holds another number of profiles than were saved", context: .init(item: String(stored)))
        }
        // The same profiles in a plain array, while the store still holds its own (so no
        // memory it frees is reused): what the values take without the store.
        let arrayBefore = try residentBytes()
        var plain: [CustomerProfile] = []
        plain.reserveCapacity(customers)
        for number in 0..<customers {
            plain.append(try ProfilingWorkload.fiveFieldProfile(number: number, historyLimit: historyLimit))
        }
        let arrayAfter = try residentBytes()
        print("profile_customers=\(customers)")
        print("profile_fields_per_customer=5")
        print("profile_history_limit=\(historyLimit)")
        print("profile_save_seconds=\(Seconds(elapsed))")
        print("profile_rss_before_bytes=\(before)")
        print("profile_rss_after_bytes=\(after)")
        print("profile_bytes_per_customer=\((after - before) / customers)")
        print("profile_value_bytes_per_customer=\((arrayAfter - arrayBefore) / customers)")
        // The sizes the per-customer figure is made of (array elements are stored inline).
        print("profile_entry_stride_bytes=\(MemoryLayout<ProfileEntry>.stride)")
        print("profile_change_stride_bytes=\(MemoryLayout<ProfileChange>.stride)")
        print("profile_value_stride_bytes=\(MemoryLayout<ProfileValue>.stride)")
        print("profile_profile_stride_bytes=\(MemoryLayout<CustomerProfile>.stride)")
        if let sample = plain.first {
            print("profile_entries_capacity=\(sample.entries.capacity)")
            print("profile_history_capacity=\(sample.history.capacity)")
        }
        withExtendedLifetime((store, plain)) {}
    }

    /// Times `nextQuestions` over the workload's situations and prints the figures.
    static func measureQuestions(profiles profileCount: Int, situations situationCount: Int, passes: Int) throws {
        let catalog = try ProfilingWorkload.catalog()
        let selection = QuestionSelection(catalog: catalog, configuration: ProfilingConfiguration())
        let profiles = try ProfilingWorkload.profiles(count: profileCount, catalog: catalog)
        let situations = ProfilingWorkload.situations(count: situationCount, profiles: profileCount)
        let purposeSets = ProfilingWorkload.purposeSets
        let now = ProfilingWorkload.now
        let limit = ProfilingWorkload.limit
        let knownValues = profiles.reduce(0) { $0 + $1.entries.count }

        // Warm-up pass, which also counts what the calls return.
        var asked = 0
        var empty = 0
        for situation in situations {
            let count = selection.nextQuestions(
                for: profiles[situation.profile], holding: purposeSets[situation.purposes], at: now, moment: situation.moment,
                limit: limit
            ).count
            asked += count
            if count == 0 { empty += 1 }
        }

        /// The median and the best over the passes of the time per call over `situations`,
        /// the median of the thread's CPU time per call, and the number of questions asked
        /// in all passes.
        func time(_ situations: [ProfilingWorkload.Situation]) -> (median: Double, best: Double, cpu: Double, asked: Int) {
            let clock = ContinuousClock()
            var perCall: [Double] = []
            var cpuPerCall: [Double] = []
            var sink = 0
            for _ in 0..<passes {
                let cpuStart = threadCPUNanoseconds()
                let start = clock.now
                for situation in situations {
                    sink &+= selection.nextQuestions(
                        for: profiles[situation.profile], holding: purposeSets[situation.purposes], at: now, moment: situation.moment,
                        limit: limit
                    ).count
                }
                let parts = (clock.now - start).components
                perCall.append((Double(parts.seconds) * 1e9 + Double(parts.attoseconds) * 1e-9) / Double(max(situations.count, 1)))
                cpuPerCall.append(Double(threadCPUNanoseconds() - cpuStart) / Double(max(situations.count, 1)))
            }
            perCall.sort()
            cpuPerCall.sort()
            return (perCall[perCall.count / 2], perCall[0], cpuPerCall[cpuPerCall.count / 2], sink)
        }
        let all = time(situations)
        guard all.asked == asked * passes else {
            throw BenchError(.output, "a pass asked other questions than the warm-up pass", context: .init(item: String(all.asked)))
        }

        print("next_questions_catalog_fields=\(catalog.fields.count)")
        print("next_questions_profiles=\(profiles.count)")
        print("next_questions_known_fields_per_profile=\(String(format: "%.1f", Double(knownValues) / Double(profiles.count)))")
        print("next_questions_situations=\(situations.count)")
        print("next_questions_limit=\(limit)")
        print("next_questions_asked_per_call=\(String(format: "%.2f", Double(asked) / Double(situations.count)))")
        print("next_questions_empty_calls_percent=\(String(format: "%.1f", 100 * Double(empty) / Double(situations.count)))")
        print("next_questions_ns=\(String(format: "%.1f", all.median))")
        print("next_questions_ns_best=\(String(format: "%.1f", all.best))")
        print("next_questions_cpu_ns=\(String(format: "%.1f", all.cpu))")
        for moment in ProfilingWorkload.moments {
            let name = moment.description.filter { $0.isLetter || $0.isNumber }
            let share = situations.filter { $0.moment == moment }
            guard !share.isEmpty else { continue }
            let figures = time(share)
            print("next_questions_ns_at_\(name)=\(String(format: "%.1f", figures.median))")
            print("next_questions_cpu_ns_at_\(name)=\(String(format: "%.1f", figures.cpu))")
        }
    }

    /// The CPU time the calling thread has used, in nanoseconds: unlike the wall clock, it
    /// leaves out the time the thread waited for a core on a busy machine.
    static func threadCPUNanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// The process's resident set in bytes: the second field of `/proc/self/statm` (pages)
    /// on Linux; elsewhere the peak resident set (`getrusage`), which only grows here.
    ///
    /// - Throws: `BenchError.output` when the figure cannot be read.
    static func residentBytes() throws(BenchError) -> Int {
        #if os(Linux)
        let path = "/proc/self/statm"
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BenchError(.output, "cannot open the resident set figure", context: .init(file: path)) }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        let fields = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self).split(separator: " ") : []
        guard fields.count > 1, let pages = Int(fields[1]) else {
            throw BenchError(.output, "cannot read the resident set figure", context: .init(file: path))
        }
        return pages * sysconf(Int32(_SC_PAGESIZE))
        #else
        var usage = rusage()
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #endif
    }
}
