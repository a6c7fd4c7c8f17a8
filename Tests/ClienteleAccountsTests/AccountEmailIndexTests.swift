@testable import ClienteleAccounts
import ClienteleAccountsTesting
import ClienteleCore
import Foundation
import Testing

/// The e-mail index keeps a hash of each key, never deciding by the hash alone: with a hash
/// under which every key collides (or half of them do), the state answers every lookup and
/// refuses every taken address exactly as with the real hash.
@Suite struct AccountEmailIndexTests {
    static let addresses = (0..<12).map { "person\($0)@example.nl" }

    enum Step {
        case register(customer: Int, address: Int)
        case guest(customer: Int, address: Int)
        case changeAddress(customer: Int, address: Int)
        case close(customer: Int)
        case erase(customer: Int)
    }

    /// A fixed mix of every change that adds, moves or drops a key, some of them refused
    /// (a taken address, an unknown customer).
    static let steps: [Step] = (0..<300).map { index in
        let customer = (index * 7) % 20
        let address = (index * 5 + index / 12) % addresses.count
        switch index % 9 {
        case 0, 1, 2: return .register(customer: customer, address: address)
        case 3: return .guest(customer: customer, address: address)
        case 4, 5: return .changeAddress(customer: customer, address: address)
        case 6: return .close(customer: customer)
        default: return index % 3 == 0 ? .erase(customer: customer) : .register(customer: customer + 20, address: address)
        }
    }

    /// A new record as an insert takes it (revision 1).
    static func new(_ id: CustomerID, _ address: String, kind: CustomerKind = .account) throws -> AccountRecord {
        var record = try AccountFixtures.record(id: id, email: address, kind: kind)
        record.revision = 1
        return record
    }

    /// The outcome of `step` in `state`: "ok" or the error's code.
    static func apply(_ step: Step, to state: inout AccountState) throws -> String {
        func attempt(_ change: AccountState.Change) -> String {
            do {
                try state.apply(change)
                return "ok"
            } catch let error as AccountError {
                return error.code.rawValue
            } catch {
                return "\(error)"
            }
        }
        switch step {
        case .register(let customer, let address):
            return attempt(.insert(try new(AccountFixtures.customerID(customer), addresses[address])))
        case .guest(let customer, let address):
            return attempt(.insert(try new(AccountFixtures.customerID(customer + 40), addresses[address], kind: .guest)))
        case .changeAddress(let customer, let address):
            guard var record = try state.record(AccountFixtures.customerID(customer)) else { return "unknown" }
            let expected = record.revision
            record.customer.email = try AccountFixtures.email(addresses[address])
            record.revision += 1
            return attempt(.update(record, expectedRevision: expected))
        case .close(let customer):
            guard var record = try state.record(AccountFixtures.customerID(customer)) else { return "unknown" }
            let expected = record.revision
            record.customer.status = .closed
            record.revision += 1
            return attempt(.update(record, expectedRevision: expected))
        case .erase(let customer):
            return attempt(.erase(customer: AccountFixtures.customerID(customer)))
        }
    }

    /// Who holds each address: what a login or a registration reads.
    static func holders(_ state: AccountState) throws -> [String?] {
        try addresses.map { try state.account(emailKey: $0)?.customer.id.rawValue }
    }

    @Sendable static func constantHash(_ key: String) -> UInt64 { 0 }

    /// The keys ending in an even digit share one hash; the others have their own.
    @Sendable static func halfCollidingHash(_ key: String) -> UInt64 {
        ["0", "2", "4", "6", "8"].contains { key.hasSuffix("\($0)@example.nl") } ? 7 : AccountEmailIndex.seededHash(key)
    }

    @Test(arguments: [("every key collides", 0), ("half of the keys collide", 1)])
    func collidingKeysAnswerAsDistinctOnesDo(_ name: String, _ kind: Int) throws {
        var colliding = AccountState(emailKeyHash: kind == 0 ? Self.constantHash : Self.halfCollidingHash)
        var plain = AccountState()
        var taken = 0
        for (index, step) in Self.steps.enumerated() {
            let expected = try Self.apply(step, to: &plain)
            #expect(try Self.apply(step, to: &colliding) == expected, "step \(index): \(step)")
            if expected == AccountErrorCode.emailTaken.rawValue { taken += 1 }
            #expect(try Self.holders(colliding) == Self.holders(plain), "step \(index): \(step)")
        }
        #expect(taken > 10, "the steps reach taken addresses")
        #expect(try Self.holders(plain).compactMap { $0 }.count > 3, "and end with several accounts")
        // A snapshot of the colliding state reads back (with the real hash) to the same holders.
        let read = try RecordDecoder.decode(AccountState.self, from: RecordEncoder.encode(colliding))
        #expect(try Self.holders(read) == Self.holders(plain))
        if kind == 0 { #expect(!colliding.accountByKeyCollided.isEmpty, "keys went to the collided table") }
    }

    /// The index a snapshot builds at once answers as the one built key by key, whatever
    /// collides, and refuses two entries of one key.
    @Test func anIndexBuiltAtOnceAnswersAsOneBuiltKeyByKey() throws {
        let entries = Self.addresses.enumerated().map { (key: $1, id: AccountFixtures.customerID($0)) }
        for hash in [Self.constantHash, Self.halfCollidingHash, AccountEmailIndex.seededHash] as [@Sendable (String) -> UInt64] {
            let built = try #require(AccountEmailIndex(building: entries.reversed(), hash: hash))
            for entry in entries {
                #expect(built.customer(holding: entry.key) { id in Self.addresses[Int(id.rawValue.dropFirst()) ?? 0] } == entry.id)
            }
            #expect(built.customer(holding: "nobody@example.nl") { _ in nil } == nil)
            #expect(AccountEmailIndex(building: entries + [(Self.addresses[3], AccountFixtures.customerID(99))], hash: hash) == nil)
        }
    }

    /// A record whose bytes no longer unpack is still erased, with every index entry that
    /// names it; the other customers keep theirs.
    @Test func aRecordThatNoLongerUnpacksIsStillErased() throws {
        var state = AccountState()
        let damaged = AccountFixtures.customerID(1)
        let other = AccountFixtures.customerID(2)
        var record = try Self.new(damaged, "damaged@example.nl")
        record.sessions = [try AccountFixtures.session(1)]
        try state.apply(.insert(record))
        try state.apply(.insert(try Self.new(other, "other@example.nl")))
        try state.apply(.insert(try Self.new(AccountFixtures.customerID(3), "damaged@example.nl", kind: .guest)))
        state.replacePackedRecord(of: damaged, with: PackedAccount(bytes: [PackedAccount.format, 0xFF]))
        #expect(throws: CoreError.self) { try state.record(damaged) }

        try state.apply(.erase(customer: damaged))
        #expect(try state.record(damaged) == nil)
        #expect(state.customers(after: nil, limit: 10) == [other, AccountFixtures.customerID(3)])
        #expect(try state.account(emailKey: "damaged@example.nl") == nil)
        #expect(try state.record(sessionDigest: record.sessions[0].digest) == nil)
        #expect(try state.account(emailKey: "other@example.nl")?.customer.id == other)
        #expect(try state.guests(emailKey: "damaged@example.nl").map(\.customer.id) == [AccountFixtures.customerID(3)])
        // The address is free again.
        try state.apply(.insert(try Self.new(AccountFixtures.customerID(4), "damaged@example.nl")))
    }
}
