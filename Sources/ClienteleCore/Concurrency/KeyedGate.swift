/// Lets one task per key through at a time within a service; the others wait their turn,
/// in order, without spinning or sleeping.
///
/// Consent queues concurrent statements for one customer with it, so they do not all seal
/// against the same ledger head and retry; Segmentation runs its membership writes
/// through it one at a time, so the store receives them in the order the in-memory
/// evaluation made them. It orders work within one process only: correctness across
/// processes still rests on the store's optimistic concurrency.
package final class KeyedGate<Key: Hashable & Sendable>: Sendable {
    private let busy = Locked<[Key: [CheckedContinuation<Void, Never>]]>([:])

    /// An open gate.
    package init() {}

    /// Waits until no other task holds the gate for `key`, then holds it.
    package func enter(_ key: Key) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let proceed = busy.withLock { busy -> Bool in
                if busy[key] == nil {
                    busy[key] = []
                    return true
                }
                busy[key, default: []].append(continuation)
                return false
            }
            if proceed { continuation.resume() }
        }
    }

    /// Releases the gate for `key`, letting the next waiter in.
    package func leave(_ key: Key) {
        let next = busy.withLock { busy -> CheckedContinuation<Void, Never>? in
            guard var waiters = busy[key], !waiters.isEmpty else {
                busy[key] = nil
                return nil
            }
            let first = waiters.removeFirst()
            busy[key] = waiters
            return first
        }
        next?.resume()
    }

    /// Runs `body` holding the gate for `key`.
    package func run<Result: Sendable>(_ key: Key, _ body: () async throws -> Result) async throws -> Result {
        await enter(key)
        defer { leave(key) }
        return try await body()
    }
}
