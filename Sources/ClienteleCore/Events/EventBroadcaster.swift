
/// Fans events out to every subscriber without ever blocking the emitter.
///
/// Services take a broadcaster in `init` and emit through it; hosts subscribe:
///
/// ```swift
/// let events = EventBroadcaster()
/// let accounts = AccountService(store: store, events: events)
/// Task {
///     for await event in events.subscribe() where event.name == "accounts.activated" {
///         await mailer.sendWelcome(to: event.customer)
///     }
/// }
/// ```
///
/// Each subscriber has its own buffer of the newest ``bufferSize`` events; a subscriber
/// that falls further behind loses the oldest ones rather than slowing a service down.
public final class EventBroadcaster: Sendable {
    private struct State {
        var nextID = 0
        var subscribers: [Int: AsyncStream<ClienteleEvent>.Continuation] = [:]
    }

    private let state = Locked(State())

    /// How many undelivered events each subscriber keeps.
    public let bufferSize: Int

    /// Creates a broadcaster.
    ///
    /// - Parameter bufferSize: How many undelivered events each subscriber keeps
    ///   before the oldest are dropped.
    public init(bufferSize: Int = 1024) {
        self.bufferSize = max(1, bufferSize)
    }

    /// A new stream of every event emitted from now on. The stream ends when the
    /// broadcaster is finished; cancelling the consuming task unsubscribes.
    public func subscribe() -> AsyncStream<ClienteleEvent> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: ClienteleEvent.self, bufferingPolicy: .bufferingNewest(bufferSize))
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            state.subscribers[state.nextID] = continuation
            return state.nextID
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Delivers an event to every current subscriber. Never blocks and never fails.
    public func emit(_ event: ClienteleEvent) {
        let subscribers = state.withLock { Array($0.subscribers.values) }
        for subscriber in subscribers {
            subscriber.yield(event)
        }
    }

    /// The number of current subscribers.
    public var subscriberCount: Int {
        state.withLock { $0.subscribers.count }
    }

    /// Ends every subscriber's stream.
    public func finish() {
        let subscribers = state.withLock { state in
            defer { state.subscribers.removeAll() }
            return Array(state.subscribers.values)
        }
        for subscriber in subscribers {
            subscriber.finish()
        }
    }
}
