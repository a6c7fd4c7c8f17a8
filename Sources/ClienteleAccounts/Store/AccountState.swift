public import Foundation

/// The accounts module's stored state, changed only through ``Change``s: what the
/// reference store keeps in memory and journals to disk.
///
/// `apply` enforces the store contract itself (revisions, e-mail uniqueness), so the
/// in-memory and the file-backed store cannot differ.
public struct AccountState: JournaledState {
    /// One atomic mutation.
    public enum Change: Sendable, Codable {
        /// Insert a record (its revision must be 1).
        case insert(AccountRecord)
        /// Replace a record whose stored revision is `expectedRevision` (the new revision must be one more).
        case update(AccountRecord, expectedRevision: Int)
        /// Record or replace an order.
        case recordOrder(OrderReference)
        /// Move every order of some customers to another.
        case moveOrders(from: [CustomerID], to: CustomerID)
        /// Save a failed-login record whose stored revision is `expectedRevision` (0: new).
        case saveLoginThrottle(LoginThrottleRecord, expectedRevision: Int)
        /// Forget a login name's failures.
        case removeLoginThrottle(key: LoginThrottleKey)
        /// Forget failures whose latest is before an instant.
        case removeLoginThrottles(lastFailureBefore: Date)
        /// Remove a customer (an erasure): the record with its sessions and tokens, its
        /// orders, and the failed-login records under its addresses. Nothing to remove is
        /// no error, so a repeated erasure succeeds.
        case erase(customer: CustomerID)
    }

    /// The records, each packed into one byte array (``PackedAccount``), in customer order.
    private var records = SortedCustomerMap<PackedAccount>()
    /// Which account holds each e-mail uniqueness key (by a hash of the key).
    private var accountByKey = AccountEmailIndex()
    private(set) var guestsByKey: [String: [CustomerID]] = [:]
    private(set) var customerBySession: [Digest256: CustomerID] = [:]
    private(set) var customerByToken: [Digest256: CustomerID] = [:]
    /// Per customer, newest first.
    private(set) var ordersByCustomer: [CustomerID: [OrderReference]] = [:]
    private(set) var orderOwner: [OrderID: CustomerID] = [:]
    private(set) var throttles: [LoginThrottleKey: LoginThrottleRecord] = [:]

    /// An empty state.
    public init() {}

    /// An empty state whose e-mail index hashes keys with `hash`: for tests that need keys
    /// to collide.
    init(emailKeyHash hash: @escaping @Sendable (String) -> UInt64) {
        accountByKey = AccountEmailIndex(hash: hash)
    }

    /// Number of customers (guests and accounts).
    public var customerCount: Int { records.count }

    /// Number of guests.
    ///
    /// - Complexity: O(distinct guest e-mail addresses).
    public var guestCount: Int { guestsByKey.values.reduce(0) { $0 + $1.count } }

    /// Applies a change or throws leaving the state unchanged.
    ///
    /// - Throws: ``AccountError``; ClienteleCore's `storeCorrupted` when a stored record the
    ///   change replaces or removes does not unpack.
    public mutating func apply(_ change: Change) throws {
        switch change {
        case .insert(let record):
            let id = record.customer.id
            guard records[id] == nil else {
                throw AccountError(.duplicateCustomer, "A customer with this ID already exists.", context: ErrorContext(item: id.rawValue))
            }
            guard record.revision == 1 else { throw revisionError(id) }
            if let key = record.accountEmailKey, try accountID(emailKey: key) != nil { throw emailTaken(id) }
            index(record)
            records[id] = PackedAccount(record)
        case .update(let record, let expected):
            let id = record.customer.id
            guard let current = try stored(id) else { throw notFound(id) }
            guard current.revision == expected, record.revision == expected + 1 else { throw revisionError(id) }
            if let key = record.accountEmailKey, let holder = try accountID(emailKey: key), holder != id { throw emailTaken(id) }
            unindex(current)
            index(record)
            records[id] = PackedAccount(record)
        case .recordOrder(let order):
            guard records[order.customer] != nil else { throw notFound(order.customer) }
            if let owner = orderOwner[order.id] { removeOrder(order.id, of: owner) }
            insertOrder(order)
        case .moveOrders(let sources, let target):
            guard records[target] != nil else { throw notFound(target) }
            for source in Set(sources) where source != target {
                for var order in ordersByCustomer.removeValue(forKey: source) ?? [] {
                    order.customer = target
                    insertOrder(order)
                }
            }
        case .saveLoginThrottle(let record, let expected):
            guard (throttles[record.key]?.revision ?? 0) == expected, record.revision == expected + 1 else {
                throw AccountError(.conflict, "The failed-login record changed since it was read; read it again.")
            }
            throttles[record.key] = record
        case .removeLoginThrottle(let key):
            throttles[key] = nil
        case .removeLoginThrottles(let instant):
            throttles = throttles.filter { $0.value.lastFailureAt >= instant }
        case .erase(let id):
            if let packed = records[id] {
                do {
                    let record = try packed.unpacked()
                    records[id] = nil
                    unindex(record)
                    throttles[LoginThrottleKey(record.customer.email)] = nil
                    for token in record.tokens {
                        if let address = token.newEmail { throttles[LoginThrottleKey(address)] = nil }
                    }
                } catch {
                    // Bytes that no longer unpack must not keep a customer from being
                    // erased: its index entries are found by id instead of by the record.
                    removeUnreadable(id)
                }
            }
            for order in ordersByCustomer.removeValue(forKey: id) ?? [] { orderOwner[order.id] = nil }
        }
    }

    /// A record by id.
    ///
    /// Each of the state's record reads unpacks the record from the bytes the state holds.
    ///
    /// - Throws: ClienteleCore's `storeCorrupted` when the stored bytes do not unpack,
    ///   which only a damaged snapshot that still passed its checksum could cause.
    public func record(_ id: CustomerID) throws(CoreError) -> AccountRecord? { try stored(id) }

    /// The e-mail keys held by their full text because their hash collided (tests read it).
    var accountByKeyCollided: [String: CustomerID] { accountByKey.collided }

    /// Replaces a record's stored bytes as they are, unchecked and without reindexing: for
    /// tests of bytes that no longer unpack.
    mutating func replacePackedRecord(of id: CustomerID, with packed: PackedAccount) {
        records[id] = packed
    }

    /// The packed record of `id`: what a store takes under its lock (a reference to the
    /// bytes) so that it unpacks after releasing the lock.
    func packedRecord(_ id: CustomerID) -> PackedAccount? { records[id] }

    /// The account holding `key`.
    ///
    /// - Throws: ClienteleCore's `storeCorrupted`, as ``record(_:)``.
    public func account(emailKey key: String) throws(CoreError) -> AccountRecord? {
        try Self.account(holding: key, among: packedAccounts(emailKey: key))
    }

    /// The packed records that may hold `key` (at most two; see ``AccountEmailIndex``):
    /// what a store takes under its lock, to find the holder with
    /// ``account(holding:among:)`` after releasing it.
    func packedAccounts(emailKey key: String) -> [PackedAccount] {
        accountByKey.candidates(for: key).compactMap { records[$0] }
    }

    /// The account among `candidates` whose e-mail uniqueness key is `key`.
    ///
    /// - Throws: ClienteleCore's `storeCorrupted`, as ``record(_:)``.
    static func account(holding key: String, among candidates: [PackedAccount]) throws(CoreError) -> AccountRecord? {
        for candidate in candidates {
            let record = try candidate.unpacked()
            if record.accountEmailKey == key { return record }
        }
        return nil
    }

    /// The id of the account holding `key`.
    private func accountID(emailKey key: String) throws(CoreError) -> CustomerID? {
        let records = records
        return try accountByKey.customer(holding: key) { id throws(CoreError) in try Self.emailKey(of: id, in: records) }
    }

    /// The e-mail uniqueness key `id`'s stored account holds, read from its record: what the
    /// e-mail index checks a hash's candidate against.
    private static func emailKey(of id: CustomerID, in records: SortedCustomerMap<PackedAccount>) throws(CoreError) -> String? {
        try records[id]?.unpacked().accountEmailKey
    }

    /// Guests with `key`, oldest first (by `createdAt`, then by ID).
    ///
    /// - Throws: ClienteleCore's `storeCorrupted`, as ``record(_:)``.
    public func guests(emailKey key: String) throws(CoreError) -> [AccountRecord] {
        var guests: [AccountRecord] = []
        for id in guestsByKey[key] ?? [] {
            if let guest = try stored(id) { guests.append(guest) }
        }
        return guests.sorted { ($0.customer.createdAt, $0.customer.id) < ($1.customer.createdAt, $1.customer.id) }
    }

    /// Customers (guests and accounts), ascending by id, strictly after `after`, at most `limit`.
    ///
    /// - Complexity: O(log n + limit).
    public func customers(after: CustomerID?, limit: Int) -> [CustomerID] {
        records.page(after: after, limit: limit)
    }

    /// The record with a session digest.
    ///
    /// - Throws: ClienteleCore's `storeCorrupted`, as ``record(_:)``.
    public func record(sessionDigest: Digest256) throws(CoreError) -> AccountRecord? {
        try packedRecord(sessionDigest: sessionDigest)?.unpacked()
    }

    /// The packed record holding a session digest.
    func packedRecord(sessionDigest: Digest256) -> PackedAccount? { customerBySession[sessionDigest].flatMap(packedRecord) }

    /// The record with a token digest.
    ///
    /// - Throws: ClienteleCore's `storeCorrupted`, as ``record(_:)``.
    public func record(tokenDigest: Digest256) throws(CoreError) -> AccountRecord? {
        try packedRecord(tokenDigest: tokenDigest)?.unpacked()
    }

    /// The packed record holding a token digest.
    func packedRecord(tokenDigest: Digest256) -> PackedAccount? { customerByToken[tokenDigest].flatMap(packedRecord) }

    /// The stored record of `id`, unpacked.
    private func stored(_ id: CustomerID) throws(CoreError) -> AccountRecord? {
        try records[id]?.unpacked()
    }

    /// A page of orders, newest first.
    ///
    /// - Complexity: O(log n + limit) for a customer with n orders.
    public func orders(of customer: CustomerID, after cursor: OrderCursor?, limit: Int) -> [OrderReference] {
        guard limit > 0, let list = ordersByCustomer[customer] else { return [] }
        var start = 0
        if let cursor {
            var low = 0, high = list.count
            while low < high {
                let mid = (low + high) / 2
                if cursor.isBefore(list[mid]) { high = mid } else { low = mid + 1 }
            }
            start = low
        }
        let end = limit >= list.count - start ? list.count : start + limit
        return Array(list[start..<end])
    }

    /// A login name's failed-login record.
    public func loginThrottle(key: LoginThrottleKey) -> LoginThrottleRecord? { throttles[key] }

    /// Indexes `record`.
    private mutating func index(_ record: AccountRecord) { index(AccountIndexEntry(record)) }

    /// Indexes a record by what the indexes hold of it; its e-mail key too unless `email` is
    /// false (a snapshot being read builds that index at once).
    private mutating func index(_ entry: AccountIndexEntry, email: Bool = true) {
        let id = entry.id
        if email, let key = entry.accountEmailKey {
            let records = records
            accountByKey.insert(key, for: id) { holder in try? Self.emailKey(of: holder, in: records) }
        }
        if let key = entry.guestEmailKey { guestsByKey[key, default: []].append(id) }
        for digest in entry.sessionDigests { customerBySession[digest] = id }
        for digest in entry.tokenDigests { customerByToken[digest] = id }
    }

    private mutating func unindex(_ record: AccountRecord) {
        let entry = AccountIndexEntry(record)
        let id = entry.id
        if let key = entry.accountEmailKey { accountByKey.remove(key, for: id) }
        if let key = entry.guestEmailKey {
            guestsByKey[key]?.removeAll { $0 == id }
            if guestsByKey[key]?.isEmpty == true { guestsByKey[key] = nil }
        }
        for digest in entry.sessionDigests where customerBySession[digest] == id { customerBySession[digest] = nil }
        for digest in entry.tokenDigests where customerByToken[digest] == id { customerByToken[digest] = nil }
    }

    /// Removes a customer whose stored bytes no longer unpack, with every index entry that
    /// names it (found by id: the record cannot say what it held). A failed-login record
    /// under its address stays until it expires.
    ///
    /// - Complexity: O(customers).
    private mutating func removeUnreadable(_ id: CustomerID) {
        records[id] = nil
        accountByKey.removeAll(of: id)
        guestsByKey = guestsByKey.compactMapValues { guests in
            let kept = guests.filter { $0 != id }
            return kept.isEmpty ? nil : kept
        }
        customerBySession = customerBySession.filter { $0.value != id }
        customerByToken = customerByToken.filter { $0.value != id }
    }

    private mutating func insertOrder(_ order: OrderReference) {
        var list = ordersByCustomer[order.customer] ?? []
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].precedes(order) { low = mid + 1 } else { high = mid }
        }
        list.insert(order, at: low)
        ordersByCustomer[order.customer] = list
        orderOwner[order.id] = order.customer
    }

    private mutating func removeOrder(_ id: OrderID, of owner: CustomerID) {
        ordersByCustomer[owner]?.removeAll { $0.id == id }
        if ordersByCustomer[owner]?.isEmpty == true { ordersByCustomer[owner] = nil }
        orderOwner[id] = nil
    }

    private func notFound(_ id: CustomerID) -> AccountError {
        AccountError(.customerNotFound, "No customer with this ID exists.", context: ErrorContext(item: id.rawValue))
    }

    private func emailTaken(_ id: CustomerID) -> AccountError {
        AccountError(
            .emailTaken, "An account with this e-mail address already exists; offer a login or password reset instead.",
            context: ErrorContext(field: "email", item: id.rawValue))
    }

    private func revisionError(_ id: CustomerID) -> AccountError {
        AccountError(
            .conflict, "The customer record changed since it was read; read it again and retry.",
            context: ErrorContext(item: id.rawValue))
    }

    // MARK: Codable: the packed records, orders and throttles; indexes are rebuilt.

    // `packed`: one byte string, for each record in customer order its byte count (varint)
    // and its packed bytes. `records`: the snapshots written before records were packed (an
    // array of records), still read.
    private enum CodingKeys: String, CodingKey { case packed, records, orders, throttles }

    /// Decodes a snapshot and rebuilds the indexes: from each packed record's head
    /// (``PackedAccount/indexEntry()``), without unpacking the record, which is checked when
    /// it is read (a damaged record that passed the snapshot's checksum is then a
    /// `storeCorrupted` error for that customer); a record packed in an older format is
    /// unpacked and packed again.
    ///
    /// - Throws: `DecodingError` when the snapshot breaks an invariant (two records of one
    ///   customer, two accounts with one address) or a packed record's head, or a record in an
    ///   older format, does not read.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.packed) {
            try container.decode([UInt8].self, forKey: .packed).withUnsafeBytes { try loadPacked($0) }
        } else {
            try loadRecords(try container.decode([AccountRecord].self, forKey: .records))
        }
        try loadOrders(try container.decode([OrderReference].self, forKey: .orders))
        try loadThrottles(try container.decode([LoginThrottleRecord].self, forKey: .throttles))
    }

    /// A snapshot's packed records (`packed`), indexed.
    private mutating func loadPacked(_ raw: UnsafeRawBufferPointer) throws {
        var packed: [PackedAccount] = []
        var reader = PackedReader(raw)
        do {
            while !reader.isAtEnd {
                packed.append(PackedAccount(bytes: Array(try reader.raw(count: try reader.count(atMost: raw.count)))))
            }
        } catch {
            throw Self.corrupted(.packed, "\(error)")
        }
        // The records arrive by id (checked), so the map is laid out at the end, at once,
        // and so is the e-mail index.
        var ids: [CustomerID] = []
        ids.reserveCapacity(packed.count)
        var keys: [(key: String, id: CustomerID)] = []
        for position in packed.indices {
            let record = packed[position]
            // A record in the current format is indexed from its head, the rest checked
            // when it is read; one in an older format is unpacked, checked and packed
            // again, so that the next snapshot holds the current format.
            let entry: AccountIndexEntry
            do {
                if record.bytes.first == PackedAccount.format {
                    entry = try record.indexEntry()
                } else {
                    let unpacked = try record.unpacking()
                    packed[position] = PackedAccount(unpacked)
                    entry = AccountIndexEntry(unpacked)
                }
            } catch {
                throw Self.corrupted(.packed, "\(error)")
            }
            guard ids.last.map({ $0 < entry.id }) ?? true else {
                throw Self.corrupted(.packed, "Duplicate customer, or customers out of order, in snapshot.")
            }
            index(entry, email: false)
            ids.append(entry.id)
            if let key = entry.accountEmailKey { keys.append((key, entry.id)) }
        }
        records = SortedCustomerMap(ascending: ids, values: packed)
        guard let index = AccountEmailIndex(building: keys) else {
            throw Self.corrupted(.packed, "Two accounts with one e-mail address in the snapshot.")
        }
        accountByKey = index
    }

    /// A snapshot's records from before they were packed (`records`), indexed.
    private mutating func loadRecords(_ stored: [AccountRecord]) throws {
        for record in stored {
            let emailTaken = try record.accountEmailKey.map({ key throws(CoreError) in try accountID(emailKey: key) != nil }) == true
            if records[record.customer.id] != nil || emailTaken {
                throw Self.corrupted(.records, "Duplicate customer or account e-mail in snapshot.")
            }
            index(record)
            records[record.customer.id] = PackedAccount(record)
        }
    }

    /// A snapshot's orders; those of customers it does not hold are dropped.
    private mutating func loadOrders(_ orders: [OrderReference]) throws {
        for order in orders where records[order.customer] != nil {
            if let owner = orderOwner[order.id] { removeOrder(order.id, of: owner) }
            insertOrder(order)
        }
    }

    private mutating func loadThrottles(_ stored: [LoginThrottleRecord]) throws {
        for throttle in stored { throttles[throttle.key] = throttle }
    }

    private static func corrupted(_ key: CodingKeys, _ description: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(codingPath: [key], debugDescription: description))
    }

    /// Encodes the packed records (by id), orders (per customer, newest first) and
    /// throttles (by key).
    public func encode(to encoder: any Encoder) throws {
        var writer = PackedWriter(capacity: records.count * 320)
        records.forEach { _, record in
            writer.count(record.bytes.count)
            writer.raw(record.bytes)
        }
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(writer.bytes, forKey: .packed)
        try container.encode(ordersByCustomer.keys.sorted().flatMap { ordersByCustomer[$0] ?? [] }, forKey: .orders)
        try container.encode(throttles.keys.sorted().compactMap { throttles[$0] }, forKey: .throttles)
    }
}

extension AccountState: RecordDecodable {
    /// Decodes a snapshot as ``init(from:)-(Decoder)`` does, reading the packed records where
    /// the snapshot lies rather than copying them out first (a store's decoder takes this).
    public init(from reader: inout RecordReader) throws {
        self.init()
        if reader.contains(CodingKeys.packed.stringValue) {
            try reader.withBytes(forKey: CodingKeys.packed.stringValue) { try loadPacked($0) }
        } else {
            try loadRecords(try reader.decode([AccountRecord].self, forKey: CodingKeys.records.stringValue))
        }
        try loadOrders(try reader.decode([OrderReference].self, forKey: CodingKeys.orders.stringValue))
        try loadThrottles(try reader.decode([LoginThrottleRecord].self, forKey: CodingKeys.throttles.stringValue))
    }
}
