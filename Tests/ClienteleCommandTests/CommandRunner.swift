import Clientele
import ClienteleTestKit
import Foundation
@testable import clientele

/// Runs the built `clientele` executable as a subprocess, and makes the store folders it
/// runs on.
enum CommandRunner {
    /// What one run printed and how it ended.
    struct Outcome: Sendable {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Why a test could not run the command.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The `clientele` executable built next to the test bundle (`.build/debug`, or the
    /// `--scratch-path` folder's, such as `.build-tsan/debug`).
    static func executable() throws -> URL {
        var folders: [URL] = []
        if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for folder in folders {
            let candidate = folder.appendingPathComponent("clientele")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Failure(description: "clientele is not next to the test bundle; run `swift build` first. Looked in: \(folders.map(\.path))")
    }

    /// The demo shop's digest salt as `CLIENTELE_DIGEST_SALT` holds it: what a shop running
    /// the commands on its folder sets.
    static let shopSalt = ["CLIENTELE_DIGEST_SALT": ShopConfiguration.demoDigestSalt.map { String(format: "%02x", $0) }.joined()]

    /// Runs `clientele arguments…` with `input` on standard input (empty when `nil`) and
    /// `environment` added to this process's, on a thread of its own so that waiting for it
    /// occupies none of the threads that run tasks.
    static func run(_ arguments: [String], input: String? = nil, environment: [String: String] = [:]) async throws -> Outcome {
        let executable = try executable()
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try runBlocking(executable, arguments, input: input, environment: environment) })
            }
        }
    }

    private static func runBlocking(
        _ executable: URL, _ arguments: [String], input: String?, environment: [String: String]
    ) throws -> Outcome {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let paths = ["in", "out", "err"].map { scratch.appendingPathComponent($0) }
        try Data((input ?? "").utf8).write(to: paths[0])
        for path in paths.dropFirst() { try Data().write(to: path) }
        let handles = try (FileHandle(forReadingFrom: paths[0]), FileHandle(forWritingTo: paths[1]), FileHandle(forWritingTo: paths[2]))
        defer {
            try? handles.0.close()
            try? handles.1.close()
            try? handles.2.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var inherited = ProcessInfo.processInfo.environment
        inherited["CLIENTELE_DIGEST_SALT"] = nil
        process.environment = inherited.merging(environment) { $1 }
        process.standardInput = handles.0
        process.standardOutput = handles.1
        process.standardError = handles.2
        try process.run()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus,
            output: String(decoding: try Data(contentsOf: paths[1]), as: UTF8.self),
            errors: String(decoding: try Data(contentsOf: paths[2]), as: UTF8.self))
    }
}

/// A store folder with a little of everything, made through `CustomerHub.open(at:)` with the
/// configuration the command uses: two accounts and a guest, orders, a group, a consent
/// record, a profile, a segment and a VIP price list.
struct ShopFolder {
    static let jan = "jan@example.nl"
    static let piet = "piet@example.nl"
    static let guestEmail = "gast@example.nl"

    let temporary: TemporaryFolder
    var url: URL { temporary.url.appending(path: "store") }
    var path: String { url.path }
    var jan: CustomerID
    var piet: CustomerID
    var guest: CustomerID

    /// Makes the folder; `adding` runs on the open hub before it is closed.
    static func make(adding extra: (CustomerHub) async throws -> Void = { _ in }) async throws -> ShopFolder {
        let temporary = try TemporaryFolder(prefix: "clientele-command")
        let clock = ManualClock()
        let hub = try await open(temporary.url.appending(path: "store"), clock: clock)
        do {
            let guest = try await hub.accounts.recordGuest(email: guestEmail).id
            _ = try await hub.recordOrder(try order("g-1", of: guest, at: clock.now(), "15.00"))
            let jan = try await hub.accounts.register(email: jan, password: "correct horse battery staple").customer.id
            let piet = try await hub.accounts.register(email: piet, password: "correct horse battery staple").customer.id
            try await hub.start()
            _ = try await hub.accounts.addToGroup(try CustomerGroup(validating: "vip"), jan)
            _ = try await hub.segmentation.define("repeat_buyers", query: "number_of_orders >= 2", expectedRevision: 0)
            _ = try await hub.recordOrder(try order("o-1", of: jan, at: clock.now(), "42.00"))
            clock.advance(by: .seconds(60))
            _ = try await hub.recordOrder(try order("o-2", of: jan, at: clock.now(), "30.00"))
            _ = try await hub.recordOrder(try order("o-3", of: piet, at: clock.now(), "12.00"))
            _ = try await hub.consent.give("newsletter", channel: .email, for: jan, context: CollectionContext(source: "checkout"))
            _ = try await hub.profiling.submit(["first-name": .value(.text("Jan"))], for: jan, at: .accountPage)
            try await hub.pricing.create(PriceList(
                id: try PriceListID(validating: "vip"), name: "VIP 10% off", currency: .eur, audience: .groups(["vip"]),
                priority: 10, mode: .sale,
                entries: [PriceEntry(id: try PriceEntryID(validating: "all"), target: .allProducts,
                                     adjustment: .percentOff(try BasisPoints(1_000)))]))
            try await extra(hub)
            try await hub.close()
            return ShopFolder(temporary: temporary, jan: jan, piet: piet, guest: guest)
        } catch {
            try? await hub.close()
            temporary.remove()
            throw error
        }
    }

    /// Opens a hub over `folder` in this process, as a shop's server would (and so holds its locks).
    static func open(_ folder: URL, clock: ManualClock = ManualClock()) async throws -> CustomerHub {
        try await CustomerHub.open(
            at: folder, configuration: try ShopConfiguration.make(), clock: clock, hasher: try PBKDF2PasswordHasher(iterations: 1))
    }

    static func order(_ id: String, of customer: CustomerID, at instant: Date, _ amount: String) throws -> OrderReference {
        OrderReference(id: try OrderID(validating: id), customer: customer, placedAt: instant, total: try Money(parsing: amount, currency: .eur))
    }

    /// The name of the one journal file of a module's folder.
    func journal(of module: String) throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: url.appending(path: module).path)
        guard let name = names.first(where: { $0.hasPrefix("journal-") }) else {
            throw CommandRunner.Failure(description: "no journal in \(module)/: \(names)")
        }
        return name
    }

    func remove() { temporary.remove() }
}
