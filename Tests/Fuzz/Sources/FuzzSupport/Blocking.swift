import Dispatch
import Synchronization

/// Runs `body` to completion and returns its outcome, blocking the calling thread.
///
/// libFuzzer calls a target synchronously on its own thread, while ``StateStore``'s API
/// is `async`: this bridges the two. Never call it from a task.
public func blocking<Value: Sendable>(_ body: @escaping @Sendable () async throws -> Value) -> Result<Value, any Error> {
    let outcome = Outcome<Value>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do {
            outcome.set(.success(try await body()))
        } catch {
            outcome.set(.failure(error))
        }
        done.signal()
    }
    done.wait()
    return outcome.take()
}

private final class Outcome<Value: Sendable>: Sendable {
    private let result = Mutex<Result<Value, any Error>?>(nil)

    func set(_ value: Result<Value, any Error>) {
        result.withLock { $0 = value }
    }

    func take() -> Result<Value, any Error> {
        result.withLock { $0 } ?? .failure(CancellationError())
    }
}
