import Clientele
import ClienteleBenchSupport
import Foundation
import Synchronization

/// `order-flow [--customers 10000] [--orders 5000] [--writers 1] [--folder DIR]`: orders
/// recorded per second through the whole chain of `CustomerHub.recordOrder(_:)`, file-backed.
///
/// Opens a fresh ``CustomerHub`` folder (`CustomerHub.open(at:)`), defines the twenty
/// segments of ``HubWorkload``, adds `--customers` customers as ``HubWorkload`` makes them
/// (16 writers), calls `start()`, and then times `--orders` orders recorded from
/// `--writers` concurrent tasks, the customers taken in turn. Each `recordOrder` stores the
/// order (a durable commit), rebuilds the customer's facts from every store, re-evaluates
/// the twenty segments (entries and exits stored: a durable commit when anything changed),
/// moves the lifecycle stage, claims the triggers due (milestones: a durable commit), and
/// passes each marketing occurrence through a contact decision.
///
/// Prints `customers=`, `orders=`, `writers=`, `setup_seconds=`, `order_flow_seconds=`,
/// `order_flow_per_second=`, `segment_changes=` and `messages=` (what the orders set off,
/// a check that the chain ran).
///
/// Without `--folder` the hub lives in a temporary folder, removed at the end; with it,
/// the folder is emptied first.
enum OrderFlowCommand {
    static func run(_ options: [String]) async throws {
        let arguments = try Arguments(options, values: ["--customers", "--orders", "--writers", "--folder"], flags: [])
        let customers = max(1, try arguments.int(for: "--customers", default: 10_000))
        let orders = max(1, try arguments.int(for: "--orders", default: 5_000))
        let writers = max(1, try arguments.int(for: "--writers", default: 1))
        let root: URL
        let temporary: Bool
        if let folder = arguments.value(for: "--folder") {
            root = URL(filePath: folder, directoryHint: .isDirectory)
            temporary = false
        } else {
            root = URL(filePath: NSTemporaryDirectory(), directoryHint: .isDirectory)
                .appending(path: "clientele-bench-order-flow-\(UUID().uuidString)", directoryHint: .isDirectory)
            temporary = true
        }
        defer { if temporary { try? FileManager.default.removeItem(at: root) } }
        try Folder.fresh(root)

        let clock = ContinuousClock()
        let setupStart = clock.now
        let hub = try await CustomerHub.open(at: root, configuration: try HubWorkload.configuration(), hasher: try HubWorkload.hasher())
        try await hub.start()
        try await HubWorkload.defineSegments(in: hub)
        try await HubWorkload.addCustomers(customers, to: hub, writers: 16)
        try await hub.start()
        let setup = clock.now - setupStart

        let tally = Tally()
        let start = clock.now
        try await ReopenCommand.forEach(orders, writers: writers) { number in
            let order = OrderReference(
                id: try OrderID(validating: "o\(number)"), customer: try ProfilingWorkload.customerID(number % customers),
                placedAt: hub.clock.now(), total: Money(minorUnits: Int64(1_000 + number % 20_000), currency: .eur))
            let outcome = try await hub.recordOrder(order)
            tally.add(changes: outcome.segmentation.changes.count, messages: outcome.messages.count)
        }
        let elapsed = clock.now - start
        try await hub.close()

        print("customers=\(customers)")
        print("orders=\(orders)")
        print("writers=\(writers)")
        print("setup_seconds=\(Seconds(setup))")
        print("order_flow_seconds=\(Seconds(elapsed))")
        print("order_flow_per_second=\(Int((Double(orders) / max(Seconds(elapsed).value, 1e-9)).rounded()))")
        print("segment_changes=\(tally.changes)")
        print("messages=\(tally.messages)")
    }

    /// Counts what the orders set off, from every writer.
    final class Tally: Sendable {
        private let counts = Mutex((changes: 0, messages: 0))

        func add(changes: Int, messages: Int) {
            counts.withLock { $0.changes += changes; $0.messages += messages }
        }

        var changes: Int { counts.withLock { $0.changes } }
        var messages: Int { counts.withLock { $0.messages } }
    }
}
