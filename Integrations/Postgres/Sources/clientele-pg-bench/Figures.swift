/// What a timed run measured, printed as `key=value` lines like `clientele-bench`'s.
struct Figures: Sendable {
    /// The store the hub ran on.
    var store: Options.Store
    /// Concurrent registering tasks.
    var writers: Int
    /// Timed registrations.
    var count: Int
    /// Wall time of the timed registrations, all writers.
    var elapsed: Duration
    /// Each timed registration's latency, in no order.
    var latencies: [Duration]
    /// Registrations found in the store afterwards.
    var verified: Int

    /// The `p`-th percentile (0 < p <= 1) of ``latencies`` by nearest rank, in milliseconds.
    func percentileMilliseconds(_ p: Double) -> Double {
        let sorted = latencies.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = min(sorted.count, max(1, Int((p * Double(sorted.count)).rounded(.up))))
        return Self.milliseconds(sorted[rank - 1])
    }

    /// Registrations per second over ``elapsed``.
    var perSecond: Double {
        Double(count) / max(Self.milliseconds(elapsed) / 1_000, 1e-9)
    }

    /// `duration` in milliseconds.
    static func milliseconds(_ duration: Duration) -> Double {
        let parts = duration.components
        return Double(parts.seconds) * 1_000 + Double(parts.attoseconds) * 1e-15
    }

    /// `value` with `digits` decimals (no locale, no exponent).
    static func fixed(_ value: Double, _ digits: Int) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = Int((value * scale).rounded())
        guard digits > 0 else { return String(scaled) }
        let whole = scaled / Int(scale)
        let fraction = String(scaled % Int(scale))
        return "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// The lines: `store=`, `hasher=`, `writers=`, `registrations=`, `seconds=`,
    /// `registrations_per_second=`, `p50_ms=`, `p99_ms=`, `verified=`.
    var lines: [String] {
        [
            "store=\(store.rawValue)",
            "hasher=pbkdf2-sha256-1-iteration",
            "writers=\(writers)",
            "registrations=\(count)",
            "seconds=\(Self.fixed(Self.milliseconds(elapsed) / 1_000, 4))",
            "registrations_per_second=\(Self.fixed(perSecond, 1))",
            "p50_ms=\(Self.fixed(percentileMilliseconds(0.50), 3))",
            "p99_ms=\(Self.fixed(percentileMilliseconds(0.99), 3))",
            "verified=\(verified)",
        ]
    }
}
