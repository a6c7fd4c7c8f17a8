/// A duration printed as seconds with four decimals, for `key=value` output.
struct Seconds: CustomStringConvertible {
    var value: Double

    init(_ duration: Duration) {
        let parts = duration.components
        value = Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    var description: String {
        let scaled = (value * 10_000).rounded()
        let whole = Int(scaled) / 10_000
        let fraction = String(Int(scaled) % 10_000)
        return "\(whole)." + String(repeating: "0", count: 4 - fraction.count) + fraction
    }
}
