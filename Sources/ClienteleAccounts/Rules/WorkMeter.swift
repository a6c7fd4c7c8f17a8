
/// Counts the expensive work done on hostile-input paths, so that tests can bound it by
/// counting instead of timing: bytes put through Unicode normalization (``Password``) and
/// PBKDF2 block iterations run (``PBKDF2PasswordHasher``).
///
/// A test installs a meter for the work it starts and reads it afterwards:
///
/// ```swift
/// let meter = WorkMeter()
/// try await WorkMeter.$current.withValue(meter) { _ = try? await service.login(…) }
/// #expect(meter.normalizedBytes == 0)
/// ```
///
/// Outside a test no meter is installed and counting costs one task-local read.
/// Thread-safe: a meter may be shared by concurrent child tasks.
package final class WorkMeter: Sendable {
    /// The meter of the current task, if a test installed one.
    @TaskLocal package static var current: WorkMeter?

    private let counts = Locked((normalizedBytes: 0, pbkdf2BlockIterations: 0))

    /// Creates a meter at zero.
    package init() {}

    /// UTF-8 bytes of raw input normalized to NFKC so far.
    package var normalizedBytes: Int { counts.withLock { $0.normalizedBytes } }

    /// PBKDF2 iterations run so far, each output block counted on its own (a 64-byte
    /// output at 1,000 iterations counts 2,000).
    package var pbkdf2BlockIterations: Int { counts.withLock { $0.pbkdf2BlockIterations } }

    /// Adds `bytes` normalized bytes to the current meter, if any.
    static func recordNormalization(bytes: Int) {
        current?.counts.withLock { $0.normalizedBytes += bytes }
    }

    /// Adds a PBKDF2 run of `iterations` for `length` output bytes to the current meter, if any.
    static func recordPBKDF2(iterations: Int, length: Int) {
        let blocks = (length + 31) / 32
        current?.counts.withLock { $0.pbkdf2BlockIterations += iterations * blocks }
    }
}
