public import ClienteleCore
public import Foundation

/// A clock that moves only when told: tests advance it instead of sleeping.
///
/// ```swift
/// let clock = ManualClock()                 // 2026-11-01T00:00:00Z
/// let service = AccountService(store: store, clock: clock)
/// clock.advance(by: .seconds(61 * 60))      // the reset token has now expired
/// ```
public final class ManualClock: WallClock {
    private let current: Locked<Date>

    /// The instant a manual clock starts at unless told otherwise: 2026-11-01T00:00:00Z,
    /// the "now" of the benchmark dataset.
    public static let defaultStart = Date(timeIntervalSince1970: 1_793_491_200)

    /// Creates a clock standing at `start`.
    public init(_ start: Date = ManualClock.defaultStart) {
        self.current = Locked(start)
    }

    /// The instant the clock stands at.
    public func now() -> Date {
        current.withLock { $0 }
    }

    /// Moves the clock forward (or, with a negative duration, back).
    public func advance(by duration: Duration) {
        let (seconds, attoseconds) = duration.components
        let interval = TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }

    /// Puts the clock at `instant`.
    public func set(to instant: Date) {
        current.withLock { $0 = instant }
    }
}
