import Foundation

/// A stored profile as ``ProfileState`` holds it, in memory and in its snapshot: one byte
/// array instead of the value's arrays of entries and changes (`PackedWriter`'s layout).
///
/// A five-field profile with its history takes under 200 bytes this way, against some
/// 1,400 as a ``CustomerProfile`` (arrays of 88- and 120-byte structs, each its own
/// allocation) and 1,790 in the record encoding (which names every field). The field keys
/// and the provenances are written once each and referred to by index, since a profile's
/// entries and history repeat them. Reading it back (``unpacked()``) gives a profile equal
/// to the one packed.
///
/// Layout (format 1): format byte; customer; field-key table; provenance table
/// (source, collection point, instant, verified); entries (field, value, provenance);
/// history (field, old value or none, new value or none or "the field's current value",
/// provenance); declines (field, instant); prompts (instants).
struct PackedProfile: Sendable {
    /// The packed bytes.
    let bytes: [UInt8]
    /// The profile's revision, kept beside the bytes: checking a write's expected revision
    /// reads no bytes.
    let revision: Int

    /// The layout this build writes and reads.
    static let format: UInt8 = 1

    /// Wraps bytes read from a snapshot (checked by ``customer(in:)`` and when unpacked).
    init(bytes: [UInt8], revision: Int) {
        self.bytes = bytes
        self.revision = revision
    }

    /// Packs a profile.
    init(_ profile: CustomerProfile) {
        revision = profile.revision
        var writer = PackedWriter(capacity: 256)
        writer.byte(Self.format)
        writer.text(profile.customer.rawValue)
        var fields = Table<FieldKey>()
        var provenances = Table<Provenance>()
        // The tables come first in the bytes, so the indexes are collected before writing.
        let entries = profile.entries.map { (fields.index(of: $0.field), $0.value, provenances.index(of: $0.provenance)) }
        let history = profile.history.map { (fields.index(of: $0.field), $0.oldValue, $0.newValue, provenances.index(of: $0.provenance)) }
        let declines = profile.declines.map { (fields.index(of: $0.field), $0.at) }
        writer.count(fields.items.count)
        for field in fields.items { writer.text(field.rawValue) }
        writer.count(provenances.items.count)
        for provenance in provenances.items {
            writer.byte(Self.sourceCode(provenance.source))
            writer.text(provenance.collectionPoint)
            writer.date(provenance.at)
            writer.byte(provenance.verified ? 1 : 0)
        }
        writer.count(entries.count)
        for (field, value, provenance) in entries {
            writer.count(field)
            Self.write(value, to: &writer)
            writer.count(provenance)
        }
        // A change whose new value is the field's current value (the usual case: a value
        // set once) refers to the entry instead of repeating the value.
        var current = [ProfileValue?](repeating: nil, count: fields.items.count)
        for (field, value, _) in entries { current[field] = value }
        writer.count(history.count)
        for (field, old, new, provenance) in history {
            writer.count(field)
            Self.write(old, to: &writer)
            if let new, let value = current[field], Self.identical(new, value) {
                writer.byte(ValueTag.current.rawValue)
            } else {
                Self.write(new, to: &writer)
            }
            writer.count(provenance)
        }
        writer.count(declines.count)
        for (field, at) in declines {
            writer.count(field)
            writer.date(at)
        }
        writer.count(profile.prompts.count)
        for prompt in profile.prompts { writer.date(prompt) }
        // Exactly as long as it needs to be: the store holds it for the life of the process.
        bytes = writer.bytes.withUnsafeBufferPointer { Array($0) }
    }

    /// The customer a packed profile belongs to, read without unpacking the rest.
    static func customer(in bytes: UnsafeRawBufferPointer) throws(PackedReader.Malformed) -> CustomerID {
        var reader = PackedReader(bytes)
        try readFormat(&reader)
        return try readCustomer(&reader)
    }

    /// The profile, equal to the one packed.
    ///
    /// - Throws: `PackedReader.Malformed` when the bytes are not a packed profile.
    func unpacked() throws(PackedReader.Malformed) -> CustomerProfile {
        try bytes.withUnsafeBytes { raw in Result { () throws(PackedReader.Malformed) in try Self.unpack(raw, revision: revision) } }.get()
    }

    /// The profile of `customer`, as ``unpacked()``.
    ///
    /// - Throws: ClienteleCore's `storeCorrupted` naming the customer when the bytes do
    ///   not unpack.
    func unpacked(of customer: CustomerID) throws(CoreError) -> CustomerProfile {
        do {
            return try unpacked()
        } catch {
            throw error.storeCorrupted("profile", item: customer.rawValue)
        }
    }

    private static func unpack(_ raw: UnsafeRawBufferPointer, revision: Int) throws(PackedReader.Malformed) -> CustomerProfile {
        var reader = PackedReader(raw)
        try readFormat(&reader)
        let customer = try readCustomer(&reader)
        // Each element takes at least one byte, so no count can exceed what is left.
        var fields: [FieldKey] = []
        for _ in 0..<(try reader.count(atMost: raw.count)) {
            let text = try reader.text()
            guard let field = FieldKey(rawValue: text) else { throw reader.malformed("a field key is not valid") }
            fields.append(field)
        }
        var provenances: [Provenance] = []
        for _ in 0..<(try reader.count(atMost: raw.count)) {
            let origin = try source(code: try reader.byte(), reader)
            let collectionPoint = try reader.text()
            let at = try reader.date()
            let verified = try flag(try reader.byte(), reader)
            provenances.append(Provenance(source: origin, collectionPoint: collectionPoint, at: at, verified: verified))
        }
        var entries: [ProfileEntry] = []
        var current = [ProfileValue?](repeating: nil, count: fields.count)
        let entryCount = try reader.count(atMost: raw.count)
        entries.reserveCapacity(entryCount)
        for _ in 0..<entryCount {
            let field = try index(in: fields, &reader)
            guard let value = try readValue(&reader, current: nil) else { throw reader.malformed("an entry has no value") }
            current[field] = value
            entries.append(ProfileEntry(field: fields[field], value: value, provenance: try element(of: provenances, &reader)))
        }
        var history: [ProfileChange] = []
        let changeCount = try reader.count(atMost: raw.count)
        history.reserveCapacity(changeCount)
        for _ in 0..<changeCount {
            let index = try index(in: fields, &reader)
            let field = fields[index]
            let old = try readValue(&reader, current: nil)
            let new = try readValue(&reader, current: current[index])
            history.append(ProfileChange(field: field, oldValue: old, newValue: new, provenance: try element(of: provenances, &reader)))
        }
        var declines: [FieldDecline] = []
        for _ in 0..<(try reader.count(atMost: raw.count)) {
            declines.append(FieldDecline(field: try element(of: fields, &reader), at: try reader.date()))
        }
        var prompts: [Date] = []
        for _ in 0..<(try reader.count(atMost: raw.count)) { prompts.append(try reader.date()) }
        guard reader.isAtEnd else { throw reader.malformed("bytes follow the profile") }
        // Packed from a profile, so sorted already; sorted again only if the bytes say otherwise.
        let profile = CustomerProfile(customer: customer, sorted: entries, history: history, declines: declines, prompts: prompts, revision: revision)
        return profile.isSorted
            ? profile
            : CustomerProfile(customer: customer, entries: entries, history: history, declines: declines, prompts: prompts, revision: revision)
    }

    // MARK: Parts

    /// Distinct items in the order first met, each with its index.
    private struct Table<Item: Hashable> {
        var items: [Item] = []

        /// The index of `item`, added when new. Linear: a profile holds a few distinct
        /// field keys and provenances, and a linear scan allocates nothing.
        mutating func index(of item: Item) -> Int {
            if let found = items.firstIndex(of: item) { return found }
            items.append(item)
            return items.count - 1
        }
    }

    private static func readFormat(_ reader: inout PackedReader) throws(PackedReader.Malformed) {
        let found = try reader.byte()
        guard found == format else { throw reader.malformed("unknown format \(found)") }
    }

    private static func readCustomer(_ reader: inout PackedReader) throws(PackedReader.Malformed) -> CustomerID {
        guard let customer = CustomerID(rawValue: try reader.text()) else { throw reader.malformed("the customer ID is not valid") }
        return customer
    }

    private static func element<Item>(of table: [Item], _ reader: inout PackedReader) throws(PackedReader.Malformed) -> Item {
        table[try index(in: table, &reader)]
    }

    private static func index<Item>(in table: [Item], _ reader: inout PackedReader) throws(PackedReader.Malformed) -> Int {
        let index = try reader.count(atMost: table.count)
        guard index < table.count else { throw reader.malformed("an index is past its table") }
        return index
    }


    private static func flag(_ byte: UInt8, _ reader: borrowing PackedReader) throws(PackedReader.Malformed) -> Bool {
        guard byte <= 1 else { throw reader.malformed("a flag is neither 0 nor 1") }
        return byte == 1
    }

    /// Fixed codes, never the case order: a new source gets the next free code.
    private static func sourceCode(_ source: Provenance.Source) -> UInt8 {
        switch source {
        case .customer: 0
        case .checkout: 1
        case .import: 2
        case .shop: 3
        case .inferred: 4
        }
    }

    private static func source(code: UInt8, _ reader: borrowing PackedReader) throws(PackedReader.Malformed) -> Provenance.Source {
        switch code {
        case 0: .customer
        case 1: .checkout
        case 2: .import
        case 3: .shop
        case 4: .inferred
        default: throw reader.malformed("unknown provenance source \(code)")
        }
    }

    // MARK: Values: a tag byte (0 for none), then the value.

    private enum ValueTag: UInt8 {
        case none = 0, text, number, `false`, `true`, date, choice, choices, address
        /// The field's current value (its entry's), in a change of the history.
        case current
    }

    private static func write(_ value: ProfileValue?, to writer: inout PackedWriter) {
        switch value {
        case nil:
            writer.byte(ValueTag.none.rawValue)
        case .text(let text):
            writer.byte(ValueTag.text.rawValue)
            writer.text(text)
        case .number(let number):
            writer.byte(ValueTag.number.rawValue)
            writer.double(number)
        case .boolean(let flag):
            writer.byte((flag ? ValueTag.true : .false).rawValue)
        case .date(let date):
            writer.byte(ValueTag.date.rawValue)
            writer.signed(date.year)
            writer.signed(date.month)
            writer.signed(date.day)
        case .choice(let choice):
            writer.byte(ValueTag.choice.rawValue)
            writer.text(choice)
        case .choices(let choices):
            writer.byte(ValueTag.choices.rawValue)
            writer.count(choices.count)
            for choice in choices { writer.text(choice) }
        case .address(let address):
            writer.byte(ValueTag.address.rawValue)
            writer.text(address.line1)
            writer.optional(address.line2) { $0.text($1) }
            writer.text(address.postalCode)
            writer.text(address.city)
            writer.optional(address.region) { $0.text($1) }
            writer.text(address.country)
        }
    }

    /// True when the two values pack to the same bytes: `==` is not enough, since it
    /// calls 0 and -0 equal, and texts that differ in their Unicode normalization.
    /// (Addresses are never called identical: rare, and not worth the comparison.)
    private static func identical(_ lhs: ProfileValue, _ rhs: ProfileValue) -> Bool {
        switch (lhs, rhs) {
        case (.text(let a), .text(let b)), (.choice(let a), .choice(let b)): a.utf8.elementsEqual(b.utf8)
        case (.number(let a), .number(let b)): a.bitPattern == b.bitPattern
        case (.boolean(let a), .boolean(let b)): a == b
        case (.date(let a), .date(let b)): a == b
        case (.choices(let a), .choices(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.utf8.elementsEqual($1.utf8) }
        default: false
        }
    }


    /// Reads a value; `current` is what ``ValueTag/current`` stands for (`nil`: not allowed here).
    private static func readValue(_ reader: inout PackedReader, current: ProfileValue?) throws(PackedReader.Malformed) -> ProfileValue? {
        let code = try reader.byte()
        guard let tag = ValueTag(rawValue: code) else { throw reader.malformed("unknown value tag \(code)") }
        switch tag {
        case .none: return nil
        case .current:
            guard let current else { throw reader.malformed("a change refers to a value the field does not have") }
            return current
        case .text: return .text(try reader.text())
        case .number: return .number(try reader.double())
        case .false: return .boolean(false)
        case .true: return .boolean(true)
        case .date: return .date(CalendarDate(year: try reader.signed(), month: try reader.signed(), day: try reader.signed()))
        case .choice: return .choice(try reader.text())
        case .choices:
            var choices: [String] = []
            for _ in 0..<(try reader.count(atMost: Int(UInt32.max))) { choices.append(try reader.text()) }
            return .choices(choices)
        case .address:
            return .address(PostalAddress(
                line1: try reader.text(), line2: try reader.optionalText(), postalCode: try reader.text(), city: try reader.text(),
                region: try reader.optionalText(), country: try reader.text()))
        }
    }
}
