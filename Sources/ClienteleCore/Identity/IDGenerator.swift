public import Foundation

/// Makes identifiers. Injected into every service, so tests get predictable IDs.
///
/// ```swift
/// let service = AccountService(store: store, ids: .random)        // production
/// let service = AccountService(store: store, ids: .incrementing()) // tests
/// ```
public struct IDGenerator: Sendable {
    private let make: @Sendable () -> UUID

    /// Wraps a closure that returns a new UUID on every call.
    public init(_ make: @escaping @Sendable () -> UUID) {
        self.make = make
    }

    /// Returns the next identifier.
    public func callAsFunction() -> UUID { make() }

    /// Random version-4 UUIDs from the system's secure random source.
    public static let random = IDGenerator { UUID() }

    /// Deterministic UUIDs `00000000-0000-0000-0000-000000000001`, `…0002`, … counting
    /// from `start`. Each generator made by this function counts on its own.
    public static func incrementing(from start: UInt64 = 1) -> IDGenerator {
        let counter = Locked(start)
        return IDGenerator {
            let value = counter.withLock { value in
                defer { value &+= 1 }
                return value
            }
            let b = withUnsafeBytes(of: value.bigEndian) { Array($0) }
            return UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]))
        }
    }
}
