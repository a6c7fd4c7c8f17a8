import ClienteleCore
import Foundation

/// A file-backed store that the crash loops and corruption trials attack.
///
/// A new store kind joins both attacks with one conforming type and one entry in
/// ``StoresUnderAttack/all``: the writer process (`clientele-crash-writer <kind> …`) and
/// the tests find it there by ``kind``.
package protocol StoreUnderAttack: Sendable {
    /// The writer's subcommand and the label in the printed figures, such as `accounts`.
    static var kind: String { get }

    /// Opens the store in `folder` and commits items through the module's service: `count`
    /// of them (then closes the store), or until the process is killed when `count` is nil.
    ///
    /// - Parameters:
    ///   - prefix: Makes this call's item keys unique across calls on one folder.
    ///   - acknowledge: Called with an item's key after the call that stored it returned.
    static func write(
        folder: URL, options: JournalOptions, prefix: String, count: Int?,
        acknowledge: @escaping @Sendable (String) -> Void
    ) async throws

    /// Opens the store in `folder` with `options`, reads everything, and closes it.
    static func inspect(folder: URL, options: JournalOptions) async throws -> StoreInspection
}

/// What a store held when it was opened: for comparing with what was acknowledged.
package struct StoreInspection: Sendable {
    /// What opening found and repaired.
    package var report: RecoveryReport
    /// The key of every item present.
    package var keys: Set<String>
    /// Keys present more than once.
    package var duplicates: [String]
    /// The chains (consent ledgers) that fail verification, with the reason.
    package var brokenChains: [String]
    /// A canonical encoding of the whole content: equal for equal data.
    package var fingerprint: Data

    package init(report: RecoveryReport, keys: Set<String>, duplicates: [String], brokenChains: [String], fingerprint: Data) {
        self.report = report
        self.keys = keys
        self.duplicates = duplicates
        self.brokenChains = brokenChains
        self.fingerprint = fingerprint
    }
}

/// The table of stores under attack.
package enum StoresUnderAttack {
    /// Every store kind, in the order the figures are printed.
    package static let all: [any StoreUnderAttack.Type] = [
        AccountsUnderAttack.self, ConsentUnderAttack.self, ProfileUnderAttack.self, SegmentsUnderAttack.self,
    ]

    /// The store kind named `kind`, if any.
    package static func named(_ kind: String) -> (any StoreUnderAttack.Type)? {
        all.first { $0.kind == kind }
    }
}

/// A deterministic pseudo-random sequence (SplitMix64): kill moments, offsets, byte values.
package struct SeededRandom: Sendable {
    package var state: UInt64

    package init(seed: UInt64) {
        state = seed
    }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A value in `0..<bound` (`bound` > 0).
    package mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(max(1, bound)))
    }
}

/// Runs `tasks` concurrent loops of `body(task, index)` for `count` rounds each (forever when nil).
func concurrently(
    tasks: Int, count: Int?, _ body: @escaping @Sendable (_ task: Int, _ index: Int) async throws -> Void
) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for task in 0..<tasks {
            group.addTask {
                var index = task
                while count.map({ index < $0 }) ?? true {
                    try await body(task, index)
                    index += tasks
                }
            }
        }
        try await group.waitForAll()
    }
}
