#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A value guarded by a POSIX mutex: the one lock every Clientele module uses.
///
/// It has the shape of `Synchronization.Mutex` (`withLock`), and it is used instead of it
/// because ThreadSanitizer does not see `Mutex` on Linux (which waits on a futex
/// directly): every access to a value that a `Mutex` guards correctly is reported as a
/// race there, so real races would drown in false ones. `pthread_mutex_lock` is
/// intercepted by ThreadSanitizer, which then knows exactly which accesses the lock
/// orders, reports every access that it does not, and also reports lock-order
/// inversions. Uncontended, locking costs the same atomic operation as `Mutex`.
///
/// Keep the body of ``withLock(_:)`` short and never call back into code that may take
/// the same lock: the mutex is not recursive.
package final class Locked<Value: ~Copyable>: @unchecked Sendable {
    // @unchecked: `value` is only touched between `pthread_mutex_lock` and `_unlock`.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var value: Value

    /// Guards `value`.
    package init(_ value: consuming sending Value) {
        self.value = value
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with exclusive access to the value.
    package func withLock<Result: ~Copyable, Failure: Error>(
        _ body: (inout sending Value) throws(Failure) -> sending Result
    ) throws(Failure) -> sending Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
