import ClienteleCore
import ClienteleTestKit
import Foundation
import Testing

/// A small journaled state for the storage tests: named balances plus the order of changes.
struct Ledger: JournaledState, Equatable {
    enum Change: Codable, Sendable, Equatable {
        case open(account: String, balance: Int)
        case deposit(account: String, amount: Int)
        case close(account: String)
    }

    struct Refusal: Error, Equatable {
        var reason: String
    }

    var balances: [String: Int] = [:]
    var history: [String] = []

    mutating func apply(_ change: Change) throws {
        switch change {
        case .open(let account, let balance):
            guard balances[account] == nil else { throw Refusal(reason: "exists") }
            balances[account] = balance
            history.append("open \(account)")
        case .deposit(let account, let amount):
            guard let balance = balances[account] else { throw Refusal(reason: "unknown") }
            balances[account] = balance + amount
            history.append("deposit \(account)")
        case .close(let account):
            guard balances.removeValue(forKey: account) != nil else { throw Refusal(reason: "unknown") }
            history.append("close \(account)")
        }
    }
}

/// The numbers a writer committed, in order: the crash test's state. The test-support
/// `clientele-crash-writer journal` command declares the same shape.
struct SequenceLog: JournaledState {
    var values: [UInt64] = []

    mutating func apply(_ change: UInt64) throws {
        values.append(change)
    }
}

/// A fresh folder (not yet created) inside the kit's `TemporaryFolder`, removed by `remove()`.
struct ScratchFolder: Sendable {
    let temporary: TemporaryFolder
    let url: URL

    init(_ label: String = #function) throws {
        temporary = try TemporaryFolder(prefix: "clientele-storage-tests-" + label.filter { $0.isLetter || $0.isNumber })
        url = temporary.subfolder("store")
    }

    var path: String { url.path }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    func names() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: path).sorted()
    }

    func journalName() throws -> String {
        try #require(try names().last { $0.hasPrefix("journal-") })
    }

    func size(of name: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: file(name).path)
        return try #require(attributes[.size] as? Int)
    }

    func bytes(of name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: file(name)))
    }

    func write(_ bytes: [UInt8], to name: String) throws {
        try Data(bytes).write(to: file(name))
    }

    /// A copy of this folder's files in a new scratch folder.
    func copy(_ label: String) throws -> ScratchFolder {
        let copy = try ScratchFolder(label)
        try FileManager.default.createDirectory(at: copy.url, withIntermediateDirectories: true)
        for name in try names() where name != "LOCK" {
            try FileManager.default.copyItem(at: file(name), to: copy.file(name))
        }
        return copy
    }

    func remove() {
        temporary.remove()
    }
}
