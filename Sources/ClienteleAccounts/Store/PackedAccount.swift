import Foundation

/// A stored customer record as ``AccountState`` holds it, in memory and in its snapshot:
/// one byte array instead of an ``AccountRecord`` (`PackedWriter`'s layout).
///
/// A registered account with its e-mail verification token takes about 200 bytes this way,
/// against some 800 as a record value with its strings and arrays each in an allocation of
/// its own, and about 1,000 in the record encoding (which names every field and writes
/// digests as hex). Reading it back (``unpacked()``) gives a record equal to the one
/// packed: texts keep their bytes, instants their exact value, the e-mail addresses are
/// parsed again from their display form (as the record encoding does).
///
/// Layout (format 3): format byte; the head, which is all the state's indexes need
/// (``indexEntry()`` reads it alone): the customer's ID, kind and status, the e-mail
/// address's display form and its uniqueness key (a 0 byte when it is the display form, else
/// a 1 byte and the key), the sessions (ID, digest as 32 bytes, created, last used), the
/// tokens (digest, purpose, issued, expires, new e-mail); then the rest of the customer
/// (created-at, verified-at, status log, requirements sorted by key, groups sorted,
/// addresses, default addresses by use, imported history); the credentials; the revision.
/// An optional value is a 0 or 1 byte, then the value when 1; enumerations are fixed codes,
/// never their case order.
///
/// Two things a registration repeats are written short:
/// - the instant of a status change and of the credentials' last change is a 0 byte when it
///   is the creation instant (a registration sets all three to the same instant), else a 1
///   byte and the instant;
/// - a password hash that is a PHC string (``PHCString``) is written as its parts, salt
///   and hash as raw bytes rather than base64, and `pbkdf2-sha256` as a code: about 30
///   bytes less. Only when the parts encode back to exactly the stored text; any other
///   hash is written as text.
///
/// Formats 1 and 2 (written before) had the sessions and tokens at the end and no head:
/// format 2 had the customer as ID, kind, e-mail, created-at, verified-at, status, then the
/// rest as above; format 1 also had the created-at after the default addresses, every
/// instant in full and the password hash as text. Both are still read; the state packs a
/// record it reads in them again when it reads a snapshot.
struct PackedAccount: Sendable {
    /// The packed bytes.
    let bytes: [UInt8]

    /// The layout this build writes.
    static let format: UInt8 = 3

    /// Wraps bytes read from a snapshot (checked when unpacked).
    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Packs a record.
    init(_ record: AccountRecord) {
        var writer = PackedWriter(capacity: 384)
        writer.byte(Self.format)
        let customer = record.customer
        writer.text(customer.id.rawValue)
        writer.byte(Self.code(customer.kind))
        writer.byte(Self.code(customer.status))
        writer.text(customer.email.displayForm)
        let key = customer.email.uniquenessKey
        writer.optional(key.utf8.elementsEqual(customer.email.displayForm.utf8) ? nil : key) { $0.text($1) }
        writer.count(record.sessions.count)
        for session in record.sessions {
            writer.text(session.id.rawValue)
            session.digest.write(to: &writer)
            writer.date(session.createdAt)
            writer.date(session.lastUsedAt)
        }
        writer.count(record.tokens.count)
        for token in record.tokens {
            token.digest.write(to: &writer)
            writer.byte(Self.code(token.purpose))
            writer.date(token.issuedAt)
            writer.date(token.expiresAt)
            writer.optional(token.newEmail) { $0.text($1.displayForm) }
        }
        writer.date(customer.createdAt)
        writer.optional(customer.emailVerifiedAt) { $0.date($1) }
        writer.count(customer.statusLog.count)
        for change in customer.statusLog {
            writer.optional(change.from) { $0.byte(Self.code($1)) }
            writer.byte(Self.code(change.to))
            Self.write(change.at, createdAt: customer.createdAt, to: &writer)
            writer.optional(change.reason) { $0.text($1) }
            writer.text(change.actor)
        }
        writer.count(customer.requirements.count)
        for key in customer.requirements.keys.sorted(by: Self.byteOrder) {
            writer.text(key)
            writer.text(customer.requirements[key] ?? "")
        }
        writer.count(customer.groups.count)
        for group in customer.groups.map(\.rawValue).sorted(by: Self.byteOrder) { writer.text(group) }
        writer.count(customer.addresses.count)
        for address in customer.addresses { Self.write(address, to: &writer) }
        let defaults = AddressUse.allCases.compactMap { use in customer.defaultAddresses[use].map { (use, $0) } }
        writer.count(defaults.count)
        for (use, id) in defaults {
            writer.byte(Self.code(use))
            writer.text(id.rawValue)
        }
        writer.optional(customer.importedHistory) { writer, history in
            writer.signed(history.numberOfOrders)
            writer.signed(Int(history.amountSpent.minorUnits))
            writer.text(history.amountSpent.currency.code)
            writer.optional(history.firstOrderAt) { $0.date($1) }
            writer.optional(history.lastOrderAt) { $0.date($1) }
            writer.optional(history.lastVisitAt) { $0.date($1) }
            writer.optional(history.country) { $0.text($1) }
        }
        writer.optional(record.credentials) { writer, credentials in
            Self.write(passwordHash: credentials.passwordHash, to: &writer)
            Self.write(credentials.changedAt, createdAt: customer.createdAt, to: &writer)
        }
        writer.signed(record.revision)
        // Exactly as long as it needs to be: the state holds it for the life of the process.
        bytes = writer.bytes.withUnsafeBufferPointer { Array($0) }
    }

    /// The record, equal to the one packed.
    ///
    /// - Throws: ClienteleCore's `storeCorrupted` when the bytes do not unpack (naming the
    ///   customer when the bytes still start with its ID), which only a damaged snapshot
    ///   that still passed its checksum could cause.
    func unpacked() throws(CoreError) -> AccountRecord {
        do {
            return try unpacking()
        } catch {
            throw error.storeCorrupted("customer record", item: customer?.rawValue ?? "")
        }
    }

    /// The customer the bytes start with, when they still start with a valid ID.
    private var customer: CustomerID? {
        bytes.withUnsafeBytes { raw in
            var reader = PackedReader(raw, offset: 1)
            return (try? reader.text()).flatMap(CustomerID.init(rawValue:))
        }
    }

    /// The record, equal to the one packed.
    ///
    /// - Throws: `PackedReader.Malformed` when the bytes are not a packed record.
    func unpacking() throws(PackedReader.Malformed) -> AccountRecord {
        try bytes.withUnsafeBytes { raw in Result { () throws(PackedReader.Malformed) in try Self.unpack(raw) } }.get()
    }

    /// What the state's indexes hold of the record: from the head alone in the current
    /// format (the rest is checked when the record is read), from the whole record in an
    /// older one.
    ///
    /// - Throws: `PackedReader.Malformed` when the bytes read are not a packed record.
    func indexEntry() throws(PackedReader.Malformed) -> AccountIndexEntry {
        try bytes.withUnsafeBytes { raw in
            Result { () throws(PackedReader.Malformed) in
                var reader = PackedReader(raw)
                guard try reader.byte() == Self.format else { return AccountIndexEntry(try Self.unpack(raw)) }
                let head = try Self.readHead(&reader)
                return AccountIndexEntry(
                    id: head.id, kind: head.kind, status: head.status, emailKey: head.emailKey,
                    sessions: head.sessions.map { $0.digest }, tokens: head.tokens.map { $0.digest })
            }
        }.get()
    }

    /// The head of a record in the current format, after its format byte.
    private struct Head {
        var id: CustomerID
        var kind: CustomerKind
        var status: AccountStatus
        var email: String
        var emailKey: String
        var sessions: [Session]
        var tokens: [StoredToken]
    }

    private static func readHead(_ reader: inout PackedReader) throws(PackedReader.Malformed) -> Head {
        let id: CustomerID = try identifier(&reader, "the customer ID")
        let kind = try readKind(code: try reader.byte(), reader)
        let status = try readStatus(code: try reader.byte(), reader)
        let email = try reader.text()
        let key = try reader.optionalText() ?? email
        return Head(
            id: id, kind: kind, status: status, email: email, emailKey: key, sessions: try readSessions(&reader),
            tokens: try readTokens(&reader))
    }

    private static func unpack(_ raw: UnsafeRawBufferPointer) throws(PackedReader.Malformed) -> AccountRecord {
        var reader = PackedReader(raw)
        let found = try reader.byte()
        guard (1...format).contains(found) else { throw reader.malformed("unknown format \(found)") }
        let compact = found >= 2
        // Each element takes at least one byte, so no count can exceed what is left.
        let limit = raw.count
        let id: CustomerID
        let kind: CustomerKind
        let email: EmailAddress
        var createdAt = Date(timeIntervalSinceReferenceDate: 0)
        let emailVerifiedAt: Date?
        let status: AccountStatus
        var sessions: [Session] = []
        var tokens: [StoredToken] = []
        if found == format {
            let head = try readHead(&reader)
            (id, kind, status, sessions, tokens) = (head.id, head.kind, head.status, head.sessions, head.tokens)
            email = try parseEmail(head.email, reader)
            guard email.uniquenessKey.utf8.elementsEqual(head.emailKey.utf8) else { throw reader.malformed("the e-mail key is not the address's") }
            createdAt = try reader.date()
            emailVerifiedAt = try reader.optionalDate()
        } else {
            id = try identifier(&reader, "the customer ID")
            kind = try readKind(code: try reader.byte(), reader)
            email = try parseEmail(try reader.text(), reader)
            if compact { createdAt = try reader.date() }
            emailVerifiedAt = try reader.optionalDate()
            status = try readStatus(code: try reader.byte(), reader)
        }
        var statusLog: [StatusChange] = []
        for _ in 0..<(try reader.count(atMost: limit)) {
            let from = try reader.optional { reader throws(PackedReader.Malformed) in try readStatus(code: try reader.byte(), reader) }
            let to = try readStatus(code: try reader.byte(), reader)
            let at = compact ? try readDate(&reader, createdAt: createdAt) : try reader.date()
            let reason = try reader.optionalText()
            statusLog.append(StatusChange(from: from, to: to, at: at, reason: reason, actor: try reader.text()))
        }
        var requirements: [String: String] = [:]
        for _ in 0..<(try reader.count(atMost: limit)) {
            let key = try reader.text()
            guard requirements.updateValue(try reader.text(), forKey: key) == nil else { throw reader.malformed("a requirement is repeated") }
        }
        var groups = Set<CustomerGroup>()
        for _ in 0..<(try reader.count(atMost: limit)) {
            let group: CustomerGroup = try identifier(&reader, "a group name")
            guard groups.insert(group).inserted else { throw reader.malformed("a group is repeated") }
        }
        var addresses: [Address] = []
        for _ in 0..<(try reader.count(atMost: limit)) { addresses.append(try readAddress(&reader)) }
        var defaultAddresses: [AddressUse: AddressID] = [:]
        for _ in 0..<(try reader.count(atMost: limit)) {
            let use = try readUse(code: try reader.byte(), reader)
            let address: AddressID = try identifier(&reader, "an address ID")
            guard defaultAddresses.updateValue(address, forKey: use) == nil else { throw reader.malformed("a default address is repeated") }
        }
        if !compact { createdAt = try reader.date() }
        let importedHistory = try reader.optional { reader throws(PackedReader.Malformed) in
            let orders = try reader.signed()
            let minorUnits = Int64(try reader.signed())
            guard let currency = Currency.named(try reader.text()) else { throw reader.malformed("an unknown currency") }
            return ImportedHistory(
                numberOfOrders: orders, amountSpent: Money(minorUnits: minorUnits, currency: currency),
                firstOrderAt: try reader.optionalDate(), lastOrderAt: try reader.optionalDate(),
                lastVisitAt: try reader.optionalDate(), country: try reader.optionalText())
        }
        let credentials = try reader.optional { reader throws(PackedReader.Malformed) in
            compact
                ? Credentials(passwordHash: try readPasswordHash(&reader), changedAt: try readDate(&reader, createdAt: createdAt))
                : Credentials(passwordHash: try reader.optionalText(), changedAt: try reader.date())
        }
        if found != format {
            sessions = try readSessions(&reader)
            tokens = try readTokens(&reader)
        }
        let revision = try reader.signed()
        guard reader.isAtEnd else { throw reader.malformed("bytes follow the record") }
        let customer = Customer(
            id: id, kind: kind, email: email, emailVerifiedAt: emailVerifiedAt, status: status, statusLog: statusLog,
            requirements: requirements, groups: groups, addresses: addresses, defaultAddresses: defaultAddresses,
            createdAt: createdAt, importedHistory: importedHistory)
        return AccountRecord(customer: customer, credentials: credentials, sessions: sessions, tokens: tokens, revision: revision)
    }

    private static func readSessions(_ reader: inout PackedReader) throws(PackedReader.Malformed) -> [Session] {
        var sessions: [Session] = []
        for _ in 0..<(try reader.count(atMost: reader.remaining)) {
            let session: SessionID = try identifier(&reader, "a session ID")
            sessions.append(Session(id: session, digest: try readDigest(&reader), createdAt: try reader.date(), lastUsedAt: try reader.date()))
        }
        return sessions
    }

    private static func readTokens(_ reader: inout PackedReader) throws(PackedReader.Malformed) -> [StoredToken] {
        var tokens: [StoredToken] = []
        for _ in 0..<(try reader.count(atMost: reader.remaining)) {
            let digest = try readDigest(&reader)
            let purpose = try readPurpose(code: try reader.byte(), reader)
            tokens.append(
                StoredToken(
                    digest: digest, purpose: purpose, issuedAt: try reader.date(), expiresAt: try reader.date(),
                    newEmail: try reader.optional { reader throws(PackedReader.Malformed) in try parseEmail(try reader.text(), reader) }))
        }
        return tokens
    }

    // MARK: Parts

    /// An instant: a 0 byte when it is `createdAt` (exactly), else a 1 byte and the instant.
    private static func write(_ instant: Date, createdAt: Date, to writer: inout PackedWriter) {
        if instant.timeIntervalSinceReferenceDate.bitPattern == createdAt.timeIntervalSinceReferenceDate.bitPattern {
            writer.byte(0)
        } else {
            writer.byte(1)
            writer.date(instant)
        }
    }

    private static func readDate(_ reader: inout PackedReader, createdAt: Date) throws(PackedReader.Malformed) -> Date {
        switch try reader.byte() {
        case 0: return createdAt
        case 1: return try reader.date()
        case let other: throw reader.malformed("unknown instant tag \(other)")
        }
    }

    /// A password hash: 0 none; 1 text; 2 a PHC string's parts (algorithm, parameters, raw
    /// salt and hash); 3 the same for `pbkdf2-sha256`, without the algorithm. Parts only when
    /// they encode back to exactly `hash`.
    private static func write(passwordHash hash: String?, to writer: inout PackedWriter) {
        guard let hash else { return writer.byte(0) }
        guard let phc = try? PHCString(parsing: hash), phc.encoded.utf8.elementsEqual(hash.utf8) else {
            writer.byte(1)
            return writer.text(hash)
        }
        if phc.algorithm == PBKDF2PasswordHasher.algorithm {
            writer.byte(3)
        } else {
            writer.byte(2)
            writer.text(phc.algorithm)
        }
        writer.count(phc.parameters.count)
        for parameter in phc.parameters {
            writer.text(parameter.name)
            writer.text(parameter.value)
        }
        writer.count(phc.salt.count)
        writer.raw(phc.salt)
        writer.count(phc.hash.count)
        writer.raw(phc.hash)
    }

    private static func readPasswordHash(_ reader: inout PackedReader) throws(PackedReader.Malformed) -> String? {
        let tag = try reader.byte()
        switch tag {
        case 0: return nil
        case 1: return try reader.text()
        case 2, 3:
            // `PHCString(...).encoded`, written straight into one buffer (an account is
            // unpacked at every open and for every read of its facts).
            var text: [UInt8] = []
            text.reserveCapacity(112)
            text.append(UInt8(ascii: "$"))
            text.append(contentsOf: tag == 3 ? PBKDF2PasswordHasher.algorithm.utf8 : try reader.text().utf8)
            text.append(UInt8(ascii: "$"))
            for index in 0..<(try reader.count(atMost: reader.remaining)) {
                if index > 0 { text.append(UInt8(ascii: ",")) }
                text.append(contentsOf: try reader.text().utf8)
                text.append(UInt8(ascii: "="))
                text.append(contentsOf: try reader.text().utf8)
            }
            for _ in 0..<2 {  // the salt, then the hash
                text.append(UInt8(ascii: "$"))
                PHCString.appendBase64(try reader.raw(count: try reader.count(atMost: reader.remaining)), to: &text)
            }
            return String(decoding: text, as: UTF8.self)
        default: throw reader.malformed("unknown password hash tag \(tag)")
        }
    }

    /// The order the packed texts are sorted in: by UTF-8 bytes, which does not depend on
    /// Unicode normalization, so the same record always packs to the same bytes.
    private static func byteOrder(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }

    private static func write(_ address: Address, to writer: inout PackedWriter) {
        writer.text(address.id.rawValue)
        writer.text(address.recipient)
        writer.optional(address.company) { $0.text($1) }
        writer.count(address.lines.count)
        for line in address.lines { writer.text(line) }
        writer.text(address.postalCode)
        writer.text(address.city)
        writer.optional(address.region) { $0.text($1) }
        writer.text(address.countryCode)
        writer.optional(address.phone) { $0.text($1) }
    }

    private static func readAddress(_ reader: inout PackedReader) throws(PackedReader.Malformed) -> Address {
        let id: AddressID = try identifier(&reader, "an address ID")
        let recipient = try reader.text()
        let company = try reader.optionalText()
        var lines: [String] = []
        for _ in 0..<(try reader.count(atMost: reader.remaining)) { lines.append(try reader.text()) }
        // As the record encoding, no `validate()`: stored addresses were checked when saved.
        return Address(
            stored: id, recipient: recipient, company: company, lines: lines, postalCode: try reader.text(), city: try reader.text(),
            region: try reader.optionalText(), countryCode: try reader.text(), phone: try reader.optionalText())
    }

    private static func identifier<Value: RawRepresentable<String>>(
        _ reader: inout PackedReader, _ what: String
    ) throws(PackedReader.Malformed) -> Value {
        guard let value = Value(rawValue: try reader.text()) else { throw reader.malformed("\(what) is not valid") }
        return value
    }

    private static func parseEmail(_ text: String, _ reader: borrowing PackedReader) throws(PackedReader.Malformed) -> EmailAddress {
        do {
            return try EmailAddress(parsing: text)
        } catch {
            throw reader.malformed("an e-mail address is not valid (\(error.code.rawValue))")
        }
    }

    private static func readDigest(_ reader: inout PackedReader) throws(PackedReader.Malformed) -> Digest256 {
        guard let digest = Digest256(packed: try reader.raw(count: 32)) else { throw reader.malformed("unexpected end") }
        return digest
    }

    // MARK: Fixed codes: a new case gets the next free code.

    private static func code(_ kind: CustomerKind) -> UInt8 {
        switch kind {
        case .guest: 0
        case .account: 1
        }
    }

    private static func readKind(code: UInt8, _ reader: borrowing PackedReader) throws(PackedReader.Malformed) -> CustomerKind {
        switch code {
        case 0: .guest
        case 1: .account
        default: throw reader.malformed("unknown customer kind \(code)")
        }
    }

    private static func code(_ status: AccountStatus) -> UInt8 {
        switch status {
        case .pending: 0
        case .active: 1
        case .suspended: 2
        case .rejected: 3
        case .closed: 4
        }
    }

    private static func readStatus(code: UInt8, _ reader: borrowing PackedReader) throws(PackedReader.Malformed) -> AccountStatus {
        switch code {
        case 0: .pending
        case 1: .active
        case 2: .suspended
        case 3: .rejected
        case 4: .closed
        default: throw reader.malformed("unknown account status \(code)")
        }
    }

    private static func code(_ use: AddressUse) -> UInt8 {
        switch use {
        case .billing: 0
        case .shipping: 1
        }
    }

    private static func readUse(code: UInt8, _ reader: borrowing PackedReader) throws(PackedReader.Malformed) -> AddressUse {
        switch code {
        case 0: .billing
        case 1: .shipping
        default: throw reader.malformed("unknown address use \(code)")
        }
    }

    private static func code(_ purpose: TokenPurpose) -> UInt8 {
        switch purpose {
        case .verifyEmail: 0
        case .resetPassword: 1
        case .claimGuestOrders: 2
        case .changeEmail: 3
        }
    }

    private static func readPurpose(code: UInt8, _ reader: borrowing PackedReader) throws(PackedReader.Malformed) -> TokenPurpose {
        switch code {
        case 0: .verifyEmail
        case 1: .resetPassword
        case 2: .claimGuestOrders
        case 3: .changeEmail
        default: throw reader.malformed("unknown token purpose \(code)")
        }
    }
}

/// What ``AccountState``'s indexes hold of one record: its id, the e-mail keys it is found
/// by (as an account, as a guest), and its session and token digests.
struct AccountIndexEntry: Equatable {
    var id: CustomerID
    /// ``AccountRecord/accountEmailKey``.
    var accountEmailKey: String?
    /// A guest's uniqueness key.
    var guestEmailKey: String?
    var sessionDigests: [Digest256]
    var tokenDigests: [Digest256]

    init(id: CustomerID, kind: CustomerKind, status: AccountStatus, emailKey: String, sessions: [Digest256], tokens: [Digest256]) {
        self.id = id
        self.accountEmailKey = AccountRecord.accountEmailKey(emailKey, kind: kind, status: status)
        self.guestEmailKey = kind == .guest ? emailKey : nil
        self.sessionDigests = sessions
        self.tokenDigests = tokens
    }

    init(_ record: AccountRecord) {
        self.init(
            id: record.customer.id, kind: record.customer.kind, status: record.customer.status,
            emailKey: record.customer.email.uniquenessKey, sessions: record.sessions.map { $0.digest },
            tokens: record.tokens.map { $0.digest })
    }
}
