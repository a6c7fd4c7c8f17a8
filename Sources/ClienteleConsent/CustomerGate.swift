
/// Lets one append per customer through at a time within a service, so that concurrent
/// statements for one customer queue instead of all sealing against the same ledger head
/// and retrying. Correctness does not depend on it: the store's optimistic concurrency
/// still decides, and other processes (or other services over the same store) retry.
final class CustomerGate: Sendable {
    private let busy = Locked<[CustomerID: [CheckedContinuation<Void, Never>]]>([:])

    /// Waits until no other append for `customer` is in progress here, then holds the gate.
    func enter(_ customer: CustomerID) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let proceed = busy.withLock { busy -> Bool in
                if busy[customer] == nil {
                    busy[customer] = []
                    return true
                }
                busy[customer, default: []].append(continuation)
                return false
            }
            if proceed { continuation.resume() }
        }
    }

    /// Releases the gate for `customer`, letting the next waiter in.
    func leave(_ customer: CustomerID) {
        let next = busy.withLock { busy -> CheckedContinuation<Void, Never>? in
            guard var waiters = busy[customer], !waiters.isEmpty else {
                busy[customer] = nil
                return nil
            }
            let first = waiters.removeFirst()
            busy[customer] = waiters
            return first
        }
        next?.resume()
    }
}
