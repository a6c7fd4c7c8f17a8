public import Foundation

/// The source of "now" for every service. Rules never read a clock; services read
/// this one and pass the instant down, so tests control time with a manual clock
/// (`ClienteleTestKit.ManualClock`) and never sleep.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The system's real-time clock.
public struct SystemClock: WallClock {
    /// Creates the system clock.
    public init() {}

    /// The current instant, from `Date()`.
    public func now() -> Date { Date() }
}
