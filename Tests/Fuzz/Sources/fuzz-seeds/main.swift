import ClienteleAccounts
import ClienteleAccountsTesting
import ClienteleConsent
import ClienteleConsentTesting
import ClienteleCore
import ClienteleProfiling
import ClienteleProfilingTesting
import Foundation
import FuzzSupport

// Writes the seed corpus: `swift run fuzz-seeds Corpus` from Tests/Fuzz (see
// Docs/Fuzzing.md). Valid inputs come from the library itself (its store files, its
// password hashes); invalid ones are small edits of them or hand-written. Every file is
// rewritten, so the corpus is reproducible; run.sh never writes to it.

guard CommandLine.arguments.count == 2 else {
    FileHandle.standardError.write(Data("usage: fuzz-seeds <corpus folder>\n".utf8))
    exit(2)
}
let corpus = URL(fileURLWithPath: CommandLine.arguments[1], isDirectory: true)

func seed(_ target: String, _ name: String, _ bytes: some Collection<UInt8>) throws {
    let folder = corpus.appendingPathComponent(target, isDirectory: true)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data(bytes).write(to: folder.appendingPathComponent(name))
}

func seed(_ target: String, _ name: String, _ text: String) throws {
    try seed(target, name, Array(text.utf8))
}

// MARK: Text parsers

let emails = [
    "valid-plain": "jan@example.nl",
    "valid-trimmed-tags": " \tJan.de.Vries+shop@Example.COM ",
    "valid-idn": "info@bücher.de",
    "valid-punycode": "a@xn--bcher-kva.de",
    "valid-fullwidth-dot": "a@example。org",
    "invalid-literal": "x@[192.0.2.1]",
    "invalid-dots": "a..b@example.com",
    "invalid-international-local": "jüri@example.ee",
    "invalid-single-label": "a@localhost",
    "invalid-quoted": "\"a b\"@example.com",
    "invalid-newline": "a@example.com\r\nBcc: x@example.com",
    "invalid-label-too-long": "a@" + String(repeating: "x", count: 64) + ".com",
    "invalid-bad-punycode": "a@xn--zz-.de",
]
for (name, text) in emails { try seed("fuzz-email", name, text) }

// First byte: the currency (0 EUR, 1 JPY, 2 KWD, 3 ISK, 4 USD).
let amounts: [(String, UInt8, String)] = [
    ("valid-eur", 0, "12.34"), ("valid-negative", 0, "-0.50"), ("valid-jpy", 1, "1000"),
    ("valid-kwd", 2, "1.250"), ("valid-max", 0, "92233720368547758.07"), ("valid-min", 0, "-92233720368547758.08"),
    ("invalid-overflow", 0, "92233720368547758.08"), ("invalid-fraction-jpy", 1, "1.5"), ("invalid-plus", 0, "+1"),
    ("invalid-point-only", 0, "1."), ("invalid-exponent", 4, "1e3"), ("invalid-empty", 0, ""),
]
for (name, currency, text) in amounts { try seed("fuzz-money", name, [currency] + Array(text.utf8)) }

let identifiers = [
    "valid-customer": "C0000001", "valid-group": "vip-customers", "valid-order": "order/2024#42",
    "valid-purpose": "newsletter.weekly", "valid-uuid": "0f8fad5b-d9cb-469f-a165-70867728950e",
    "invalid-space": "a b", "invalid-empty": "", "invalid-long": String(repeating: "a", count: 65),
    "invalid-unicode": "prodüct", "invalid-control": "a\u{0}b",
]
for (name, text) in identifiers { try seed("fuzz-identifiers", name, text) }

// MARK: PHC strings

try seed("fuzz-phc", "valid-1-iteration", try PBKDF2PasswordHasher(iterations: 1).hash(Password("a")))
try seed("fuzz-phc", "valid-1000-iterations-64-bytes", try PBKDF2PasswordHasher(iterations: 1_000, hashLength: 64).hash(Password("a")))
try seed("fuzz-phc", "valid-other-algorithm", "$argon2id$v=19,m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g")
try seed("fuzz-phc", "invalid-zero-iterations", "$pbkdf2-sha256$i=0$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA")
try seed("fuzz-phc", "invalid-padding", "$pbkdf2-sha256$i=1$AAAA==$AAAA")
try seed("fuzz-phc", "invalid-parts", "$pbkdf2-sha256$i=1$AAAA")
try seed("fuzz-phc", "invalid-leading-zero", "$pbkdf2-sha256$i=01$AAAA$AAAA")
// Parses, but asks for 10,000,000 iterations: capped by the target (see Findings/).
try seed("fuzz-phc", "capped-10-million-iterations", "$pbkdf2-sha256$i=10000000$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")

// MARK: Store files, written by the library

/// The records of a journal file: the frames after the header up to the first zero
/// length (the space written ahead of time).
func records(ofJournal bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var frames: [ArraySlice<UInt8>] = []
    var offset = 32
    while offset + 8 <= bytes.count {
        let length = bytes[offset..<(offset + 4)].reversed().reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, offset + 8 + length <= bytes.count else { break }
        frames.append(bytes[offset..<(offset + 8 + length)])
        offset += 8 + length
    }
    return frames
}

/// A journal file without the zeros written ahead of its records.
func trimmed(_ journal: [UInt8]) -> [UInt8] {
    Array(journal.prefix(32)) + records(ofJournal: journal).flatMap { $0 }
}

func bigEndianLength(_ count: Int) -> [UInt8] {
    precondition(count < 1 << 16, "seed files are small")
    return [UInt8(count >> 8), UInt8(count & 0xFF)]
}

let customer = FuzzCustomer(
    id: try CustomerID(validating: "C0000001"), email: try EmailAddress(parsing: "jan@example.nl"),
    balance: Money(minorUnits: 1_234, currency: .eur), score: 0.5, active: true, visits: [1, 300, 70_000],
    tags: ["vip", "früh"], avatar: Data([0, 1, 2, 255]))
let other = FuzzCustomer(
    id: try CustomerID(validating: "C0000002"), email: nil, balance: Money(minorUnits: -5, currency: .jpy),
    score: -.infinity, active: false, visits: [], tags: [], avatar: nil)
let note = FuzzNote(kind: .visit, text: "Kwam langs", at: 1_700_000_000, ratings: ["service": 4, "prijs": -1], weight: 1.5, flags: [true, false], small: 65_535)

let work = FileManager.default.temporaryDirectory.appendingPathComponent("clientele-fuzz-seeds-\(ProcessInfo.processInfo.processIdentifier)")
try? FileManager.default.removeItem(at: work)
defer { try? FileManager.default.removeItem(at: work) }

let store = try await StateStore<FuzzState>.open(folder: work)
for change: FuzzState.Change in [.upsert(customer), .note(note), .count(key: "visits", by: 3), .upsert(other), .remove(other.id)] {
    try await store.commit(change)
}
let journal = trimmed(Array(try Data(contentsOf: work.appendingPathComponent(StoreFiles.fileName(.journal, base: 0)))))
try await store.compact()
try await store.commit(.count(key: "visits", by: -1))
try await store.commit(.note(FuzzNote(kind: .mail, text: "", at: -1, ratings: [:], weight: nil, flags: [], small: 0)))
try await store.close()
let snapshot = Array(try Data(contentsOf: work.appendingPathComponent(StoreFiles.fileName(.snapshot, base: 5))))
let laterJournal = trimmed(Array(try Data(contentsOf: work.appendingPathComponent(StoreFiles.fileName(.journal, base: 5)))))

// fuzz-journal: first byte = layout (0 journal, 1 snapshot, 2 snapshot + journal, 3 two
// journals) + 0x80 for salvage; layouts 2 and 3 give the first file's length in bytes 1–2.
try seed("fuzz-journal", "valid-journal", [0] + journal)
try seed("fuzz-journal", "valid-snapshot", [1] + snapshot)
try seed("fuzz-journal", "valid-snapshot-and-journal", [2] + bigEndianLength(snapshot.count) + snapshot + laterJournal)
try seed("fuzz-journal", "valid-two-journals", [3] + bigEndianLength(journal.count) + journal + laterJournal)
try seed("fuzz-journal", "valid-empty-journal", [0] + StoreFiles.header(.journal, base: 0))
var damaged = journal
damaged[journal.count / 2] ^= 0x40
try seed("fuzz-journal", "invalid-damaged-middle", [0] + damaged)
try seed("fuzz-journal", "invalid-damaged-middle-salvage", [0x80] + damaged)
try seed("fuzz-journal", "invalid-torn-tail", [0] + journal.dropLast(3))
var newerVersion = StoreFiles.header(.journal, base: 0)
newerVersion[8] = 2
try seed("fuzz-journal", "invalid-newer-version", [0] + newerVersion)
try seed("fuzz-journal", "invalid-snapshot-truncated", [1] + snapshot.dropLast(1))
try seed("fuzz-journal", "invalid-not-a-store", [0] + Array("just some text".utf8))

// fuzz-record: first byte even = an encoded change, odd = an encoded state.
for (index, frame) in records(ofJournal: journal).enumerated() {
    // Change 5 removes a customer added by change 4, so alone it decodes but does not apply.
    try seed("fuzz-record", index == 4 ? "decodes-refused-by-apply" : "valid-change-\(index + 1)", [0] + frame.dropFirst(16))
}
let state = snapshot.dropFirst(32 + 12 + 8)
try seed("fuzz-record", "valid-state", [1] + state)
try seed("fuzz-record", "invalid-state-truncated", [1] + state.dropLast(2))
var wrongTag = Array(state)
wrongTag[0] ^= 0xFF
try seed("fuzz-record", "invalid-state-tag", [1] + wrongTag)
try seed("fuzz-record", "invalid-change-empty", [0])
try seed("fuzz-record", "invalid-change-text", [0] + Array("upsert".utf8))
// fuzz-packed: first byte = the state (0 accounts, 1 profiles, 2 consent), then the packed
// byte string of a snapshot, taken from the state's own encoding.
func packed(_ state: some Encodable, key: String) throws -> [UInt8] {
    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(state)) as? [String: Any]
    return (object?[key] as? [NSNumber] ?? []).map(\.uint8Value)
}
var accounts = AccountState()
for var record in [try AccountFixtures.richRecord(), try AccountFixtures.record(id: AccountFixtures.customerID(2), email: "g@example.nl", kind: .guest)] {
    record.revision = 1
    try accounts.apply(.insert(record))
}
var profiles = ProfileState()
for var profile in [ProfileFixtures.richProfile(of: ProfileFixtures.customerID("anna")), ProfileFixtures.profile(of: ProfileFixtures.customerID("bob"), 1)] {
    profile.revision = 1
    try profiles.apply(.save(profile, expectedRevision: 0))
}
var consent = ConsentState()
for record in ConsentFixtures.richLedger(of: ConsentFixtures.customerID("anna")) + ConsentFixtures.ledger(of: ConsentFixtures.customerID("bob"), count: 2) {
    try consent.apply(.append(record))
}
for (tag, name, bytes) in [
    (UInt8(0), "accounts", try packed(accounts, key: "packed")), (1, "profiles", try packed(profiles, key: "packed")),
    (2, "consent", try packed(consent, key: "packedLedgers")),
] {
    try seed("fuzz-packed", "valid-\(name)", [tag] + bytes)
    try seed("fuzz-packed", "invalid-\(name)-truncated", [tag] + bytes.dropLast(3))
    var flipped = bytes
    flipped[bytes.count / 2] ^= 0x55
    try seed("fuzz-packed", "damaged-\(name)-middle", [tag] + flipped)
    try seed("fuzz-packed", "valid-\(name)-empty", [tag])
}
print("wrote the seed corpus to \(corpus.path)")
