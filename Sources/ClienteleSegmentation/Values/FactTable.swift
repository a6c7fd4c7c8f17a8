import Foundation

/// Every customer's facts, column by column: what segments are evaluated over in batch.
///
/// One array per attribute (dates as UTC days, texts dictionary-encoded, lists as one row
/// set per distinct element, NULLs as row sets of the rows that have a value), so a
/// predicate reads one compact column and answers 64 customers a word. ``upsert(_:)``
/// changes one customer in place; a customer keeps its row for the life of the table
/// (``remove(_:)`` leaves an empty row that the same customer takes again).
///
/// ```swift
/// var table = FactTable(schema: schema)
/// for facts in allFacts { table.upsert(facts) }
/// let members = try SegmentEvaluator("number_of_orders >= 2", schema: schema).members(of: table, at: now)
/// let ids = table.customers(in: members)
/// ```
public struct FactTable: Sendable {
    /// The schema the table's profile columns follow (and the shop currency).
    public let schema: SegmentSchema
    /// The customer of each row.
    public private(set) var customers: [CustomerID] = []
    /// The row of each customer (removed ones included), in customer order: an ID and a row
    /// take 24 bytes in its chunks, 50 in a dictionary at a million rows.
    private var rowByCustomer = SortedCustomerMap<Int>()
    /// The rows holding a customer (not removed).
    private(set) var live = MemberSet(capacity: 0)

    private(set) var numberOfOrders: [Int64] = []
    private(set) var amountSpent: [Int64] = []
    private(set) var firstOrder = DayColumn()
    private(set) var lastOrder = DayColumn()
    private(set) var createdAt = DayColumn()
    private(set) var lastVisit = DayColumn()
    private(set) var country = TextColumn()
    private(set) var emailDomain = TextColumn()
    private(set) var accountStatus = TextColumn()
    private(set) var lifecycleStage = TextColumn()
    private(set) var groups = ListColumn()
    private(set) var tags = ListColumn()
    /// Birth dates packed as `year << 9 | month << 5 | day` (year 0: unknown); 0 for none.
    private(set) var birthDates: [UInt32] = []
    /// Per consent purpose, each row's state as the index of its `ConsentFact` case.
    private(set) var consents: [String: [UInt8]] = [:]
    /// Per profile field of the schema (in ``profileKeys`` order), each row's value, typed
    /// as the schema says: an array, so that an upsert sets each column in place without a
    /// dictionary access per field.
    private(set) var profileColumns: [ProfileColumn] = []
    /// The profile fields of the schema, sorted, and each one's place in ``profileColumns``.
    private let profileKeys: [String]
    private let profileIndex: [String: Int]
    /// The keys of ``consents``, kept apart: a loop over a dictionary's own keys holds its
    /// storage, and writing a column inside that loop would copy the column.
    private var consentPurposes: [String] = []

    /// An empty table.
    public init(schema: SegmentSchema) {
        self.schema = schema
        profileKeys = schema.profileFields.keys.sorted()
        profileIndex = Dictionary(uniqueKeysWithValues: profileKeys.enumerated().map { ($1, $0) })
        profileColumns = profileKeys.map { ProfileColumn(type: schema.profileFields[$0] ?? .text) }
    }

    /// Makes room for `rows` customers, so that filling the table with that many grows no
    /// column (growing leaves the old arrays behind: freed, but not always given back to the
    /// system, as memory the process still holds).
    public mutating func reserveCapacity(_ rows: Int) {
        let rows = Swift.max(0, rows)
        customers.reserveCapacity(rows)
        live.reserveCapacity(rows)
        numberOfOrders.reserveCapacity(rows)
        amountSpent.reserveCapacity(rows)
        for column in [\Self.firstOrder, \.lastOrder, \.createdAt, \.lastVisit] as [WritableKeyPath<Self, DayColumn>] {
            self[keyPath: column].reserveCapacity(rows)
        }
        for column in [\Self.country, \.emailDomain, \.accountStatus, \.lifecycleStage] as [WritableKeyPath<Self, TextColumn>] {
            self[keyPath: column].reserveCapacity(rows)
        }
        groups.reserveCapacity(rows)
        tags.reserveCapacity(rows)
        birthDates.reserveCapacity(rows)
        for purpose in consentPurposes { consents[purpose]?.reserveCapacity(rows) }
        for index in profileColumns.indices { profileColumns[index].reserveCapacity(rows) }
    }

    /// The number of rows (customers, removed ones included).
    public var rowCount: Int { customers.count }

    /// The number of customers in the table.
    public var count: Int { live.count }

    /// The bytes the attribute columns hold (array storage, row sets and dictionaries of
    /// the built-in attributes and consent; the customer ids and profile columns not
    /// included): what `clientele-bench segments` reports per customer.
    public var columnBytes: Int {
        func set(_ set: MemberSet) -> Int { set.words.capacity * 8 }
        func days(_ column: DayColumn) -> Int { column.days.capacity * 4 + set(column.valid) }
        func texts(_ column: TextColumn) -> Int {
            column.codes.capacity * 4 + set(column.valid) + column.texts.reduce(0) { $0 + 16 + $1.utf8.count } * 2
        }
        func list(_ column: ListColumn) -> Int {
            column.rows.capacity * 8 + column.rows.reduce(0) { $0 + ($1.isEmpty ? 0 : 32 + $1.capacity * 4) }
                + column.holders.reduce(0) { $0 + set($1) } + column.texts.reduce(0) { $0 + 16 + $1.utf8.count } * 2
        }
        return numberOfOrders.capacity * 8 + amountSpent.capacity * 8 + set(live)
            + days(firstOrder) + days(lastOrder) + days(createdAt) + days(lastVisit)
            + texts(country) + texts(emailDomain) + texts(accountStatus) + texts(lifecycleStage)
            + list(groups) + list(tags) + birthDates.capacity * 4 + consents.values.reduce(0) { $0 + $1.capacity }
    }

    /// The row of a customer, or `nil`.
    public func row(of customer: CustomerID) -> Int? {
        rowByCustomer[customer].flatMap { live.contains($0) ? $0 : nil }
    }

    /// The customers of the rows in `members`, in row order.
    public func customers(in members: MemberSet) -> [CustomerID] {
        members.rows.compactMap { $0 < customers.count ? customers[$0] : nil }
    }

    /// Sets a customer's facts, adding a row for a new customer. Profile values of fields
    /// the schema does not name, or of another type than the schema gives the field (a
    /// predicate reads those as NULL), are not kept.
    ///
    /// - Returns: The customer's row.
    /// - Complexity: O(number of attributes), amortized.
    @discardableResult
    public mutating func upsert(_ facts: CustomerFacts) -> Int {
        let row = rowByCustomer[facts.customer] ?? appendRow(facts.customer)
        live.set(row, true)
        numberOfOrders[row] = facts.numberOfOrders
        amountSpent[row] = facts.amountSpentMinorUnits
        firstOrder.set(row, facts.firstOrderDate.map(UTCDay.init(utcDayOf:)))
        lastOrder.set(row, facts.lastOrderDate.map(UTCDay.init(utcDayOf:)))
        createdAt.set(row, UTCDay(utcDayOf: facts.createdAt))
        lastVisit.set(row, facts.lastVisitDate.map(UTCDay.init(utcDayOf:)))
        country.set(row, facts.country)
        emailDomain.set(row, facts.emailDomain)
        accountStatus.set(row, facts.accountStatus)
        lifecycleStage.set(row, facts.lifecycleStage)
        groups.set(row, facts.groups)
        tags.set(row, facts.tags)
        birthDates[row] = facts.birthDate.map { UInt32($0.year ?? 0) << 9 | UInt32($0.month) << 5 | UInt32($0.day) } ?? 0
        for purpose in facts.consents.keys where consents[purpose] == nil {
            consents[purpose] = [UInt8](repeating: Self.code(.none), count: customers.count)
            consentPurposes.append(purpose)
        }
        for purpose in consentPurposes { consents[purpose]?[row] = Self.code(facts.consent(purpose)) }
        for (index, key) in profileKeys.enumerated() { profileColumns[index].set(row, facts.profile[key]) }
        return row
    }

    /// Removes a customer: no segment holds its row afterwards, and the row keeps none of
    /// its facts (an erased customer's values do not linger in memory). Removing an
    /// unknown customer does nothing.
    public mutating func remove(_ customer: CustomerID) {
        guard let row = rowByCustomer[customer] else { return }
        upsert(CustomerFacts(customer: customer, createdAt: Date(timeIntervalSince1970: 0)))
        live.set(row, false)
    }

    /// The facts of a row as the row evaluator reads them, or `nil` for a removed row.
    public func facts(at row: Int) -> CustomerFacts? {
        guard live.contains(row) else { return nil }
        func date(_ column: DayColumn) -> Date? {
            column.valid.contains(row) ? Date(timeIntervalSince1970: Double(column.days[row]) * 86_400) : nil
        }
        func text(_ column: TextColumn) -> String? {
            column.valid.contains(row) ? column.texts[Int(column.codes[row])] : nil
        }
        var facts = CustomerFacts(
            customer: customers[row], createdAt: date(createdAt) ?? Date(timeIntervalSince1970: 0),
            numberOfOrders: numberOfOrders[row], amountSpentMinorUnits: amountSpent[row], firstOrderDate: date(firstOrder),
            lastOrderDate: date(lastOrder), lastVisitDate: date(lastVisit), country: text(country),
            emailDomain: text(emailDomain), groups: groups.rows[row].map { groups.texts[Int($0)] },
            tags: tags.rows[row].map { tags.texts[Int($0)] }, accountStatus: text(accountStatus),
            lifecycleStage: text(lifecycleStage), birthDate: birthDate(row))
        for (purpose, states) in consents { facts.consents[purpose] = ConsentFact.allCases[Int(states[row])] }
        for (key, column) in zip(profileKeys, profileColumns) { facts.profile[key] = column.fact(row) }
        return facts
    }

    /// The column of profile field `key`, or `nil` for a field the schema does not name.
    func profileColumn(_ key: String) -> ProfileColumn? {
        profileIndex[key].map { profileColumns[$0] }
    }

    /// The value of `attribute` in `row`, as ``SegmentEvaluator`` reads it from the row's facts.
    func value(of attribute: SegmentAttribute, row: Int, today: UTCDay) -> FactValue {
        switch attribute {
        case .numberOfOrders: return .integer(numberOfOrders[row])
        case .amountSpent: return .integer(amountSpent[row])
        case .averageOrderValue:
            return numberOfOrders[row] > 0 ? .ratio(amountSpent[row], numberOfOrders[row]) : .null
        case .firstOrderDate: return firstOrder.value(row)
        case .lastOrderDate: return lastOrder.value(row)
        case .createdAt: return createdAt.value(row)
        case .lastVisitDate: return lastVisit.value(row)
        case .country: return country.value(row)
        case .emailDomain: return emailDomain.value(row)
        case .groups: return groups.value(row)
        case .tags: return tags.value(row)
        case .accountStatus: return accountStatus.value(row)
        case .lifecycleStage: return lifecycleStage.value(row)
        case .daysUntilBirthday: return birthDate(row).map { .integer($0.daysUntilNext(from: today)) } ?? .null
        case .consent(let purpose): return .consent(consents[purpose].map { ConsentFact.allCases[Int($0[row])] } ?? .none)
        case .profile(let key, let type):
            guard let index = profileIndex[key] else { return .null }
            // Read in place (a copy of the column would retain each of its arrays).
            return profileColumns[index].type == type
                ? profileColumns[index].value(row) : CompiledPredicate.read(profileColumns[index].fact(row), as: type)
        }
    }

    private func birthDate(_ row: Int) -> BirthDate? {
        let packed = birthDates[row]
        guard packed != 0 else { return nil }
        let year = Int(packed >> 9)
        return try? BirthDate(month: Int(packed >> 5 & 0xF), day: Int(packed & 0x1F), year: year == 0 ? nil : year)
    }

    private mutating func appendRow(_ customer: CustomerID) -> Int {
        let row = customers.count
        customers.append(customer)
        rowByCustomer[customer] = row
        live.grow(to: row + 1)
        numberOfOrders.append(0)
        amountSpent.append(0)
        firstOrder.append()
        lastOrder.append()
        createdAt.append()
        lastVisit.append()
        country.append()
        emailDomain.append()
        accountStatus.append()
        lifecycleStage.append()
        groups.append()
        tags.append()
        birthDates.append(0)
        for purpose in consentPurposes { consents[purpose]?.append(Self.code(.none)) }
        for index in profileColumns.indices { profileColumns[index].append() }
        return row
    }

    /// The index of `state` among `ConsentFact.allCases` (what the consent columns hold),
    /// without building that array.
    static func code(_ state: ConsentFact) -> UInt8 {
        switch state {
        case .granted: 0
        case .withdrawn: 1
        case .refused: 2
        case .pending: 3
        case .expired: 4
        case .none: 5
        }
    }
}

// MARK: Image: the table as one byte string

extension FactTable {
    /// The image's first byte: its layout.
    static let imageFormat: UInt8 = 1

    /// Appends the table's columns, whole (``init(image:schema:)`` reads them back), for a
    /// table whose rows are in customer order (one filled in that order, nothing removed
    /// since): a saved table that loads without a customer's facts being built again. The
    /// lifecycle stages are not written: they depend on the day the table is read
    /// (``setLifecycleStages(_:at:)``).
    ///
    /// Layout: format byte; row count; the customer IDs; the rows holding a customer; each
    /// built-in column in declaration order (numbers little-endian, 8 or 4 bytes a row; texts
    /// as their distinct values then a 4-byte code a row; lists as their distinct elements
    /// then each row's codes; row sets as 64-row words); the consent purposes (name, a state
    /// byte a row); the profile fields in key order (key, type, values as the type keeps
    /// them, row sets).
    package func writeImage(to writer: inout PackedWriter) {
        writer.byte(Self.imageFormat)
        writer.count(rowCount)
        for customer in customers { writer.text(customer.rawValue) }
        live.write(rows: rowCount, to: &writer)
        writer.integers(numberOfOrders)
        writer.integers(amountSpent)
        for column in [firstOrder, lastOrder, createdAt, lastVisit] { column.write(to: &writer) }
        for column in [country, emailDomain, accountStatus] { column.write(to: &writer) }
        groups.write(to: &writer)
        tags.write(to: &writer)
        writer.integers(birthDates)
        writer.count(consentPurposes.count)
        for purpose in consentPurposes.sorted() {
            writer.text(purpose)
            writer.raw(consents[purpose] ?? [])
        }
        writer.count(profileKeys.count)
        for (key, column) in zip(profileKeys, profileColumns) {
            writer.text(key)
            writer.text(column.type.rawValue)
            column.write(to: &writer)
        }
    }

    /// Reads a table ``writeImage(to:)`` wrote, every lifecycle stage NULL: checked as it is
    /// read (customers in ascending order, codes and states that exist, row sets within the
    /// rows, the profile fields and types of `schema`), so that damaged bytes are an error,
    /// never a crash or a table that breaks later.
    package init(image reader: inout PackedReader, schema: SegmentSchema) throws(PackedReader.Malformed) {
        self.init(schema: schema)
        guard try reader.byte() == Self.imageFormat else { throw reader.malformed("unknown fact table format") }
        // Each row takes at least a byte.
        let rows = try reader.count(atMost: reader.remaining)
        customers.reserveCapacity(rows)
        for _ in 0..<rows {
            guard let customer = CustomerID(rawValue: try reader.text()) else { throw reader.malformed("a customer ID is not valid") }
            guard customers.last.map({ $0 < customer }) ?? true else { throw reader.malformed("the customers are not in ascending order") }
            customers.append(customer)
        }
        rowByCustomer = SortedCustomerMap(ascending: customers, values: Array(customers.indices))
        live = try MemberSet(reading: &reader, rows: rows)
        numberOfOrders = try reader.integers(rows, as: Int64.self)
        amountSpent = try reader.integers(rows, as: Int64.self)
        firstOrder = try DayColumn(reading: &reader, rows: rows)
        lastOrder = try DayColumn(reading: &reader, rows: rows)
        createdAt = try DayColumn(reading: &reader, rows: rows)
        lastVisit = try DayColumn(reading: &reader, rows: rows)
        country = try TextColumn(reading: &reader, rows: rows)
        emailDomain = try TextColumn(reading: &reader, rows: rows)
        accountStatus = try TextColumn(reading: &reader, rows: rows)
        lifecycleStage = TextColumn(rows: rows)
        groups = try ListColumn(reading: &reader, rows: rows)
        tags = try ListColumn(reading: &reader, rows: rows)
        birthDates = try reader.integers(rows, as: UInt32.self)
        for _ in 0..<(try reader.count(atMost: reader.remaining)) {
            let purpose = try reader.text()
            let states = Array(try reader.raw(count: rows))
            guard states.allSatisfy({ Int($0) < ConsentFact.allCases.count }) else { throw reader.malformed("a consent state is not known") }
            guard consents.updateValue(states, forKey: purpose) == nil else { throw reader.malformed("a consent purpose is repeated") }
            consentPurposes.append(purpose)
        }
        guard try reader.count(atMost: reader.remaining) == profileKeys.count else {
            throw reader.malformed("the profile fields are not the schema's")
        }
        for (index, key) in profileKeys.enumerated() {
            guard try reader.text() == key, try reader.text() == profileColumns[index].type.rawValue else {
                throw reader.malformed("the profile fields are not the schema's")
            }
            profileColumns[index] = try ProfileColumn(reading: &reader, type: profileColumns[index].type, rows: rows)
        }
    }

    /// Sets every customer's lifecycle stage at `instant` from the order columns (the last
    /// order's day as the table keeps it), as ``upsert(_:)`` of facts staged by `policy`
    /// would: for a table read from an image.
    package mutating func setLifecycleStages(_ policy: LifecyclePolicy, at instant: Date) {
        let today = UTCDay(utcDayOf: instant)
        // Each stage's code, made once (a dictionary lookup a row took half the time).
        let stages = LifecycleStage.allCases
        let codes = stages.map { lifecycleStage.code(for: $0.rawValue) }
        for row in 0..<rowCount {
            guard live.contains(row) else {
                lifecycleStage.set(row, nil)
                continue
            }
            let stage = policy.stage(
                numberOfOrders: numberOfOrders[row], lastOrder: lastOrder.valid.contains(row) ? UTCDay(daysSinceEpoch: Int64(lastOrder.days[row])) : nil,
                amountSpentMinorUnits: amountSpent[row], today: today)
            lifecycleStage.codes[row] = codes[stages.firstIndex(of: stage) ?? 0]
            lifecycleStage.valid.set(row, true)
        }
    }
}
