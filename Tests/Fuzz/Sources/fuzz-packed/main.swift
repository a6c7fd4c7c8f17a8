import ClienteleAccounts
import ClienteleConsent
import ClienteleCore
import ClienteleProfiling
import Foundation
import FuzzDriver
import FuzzSupport

/// The packed records the account, profile and consent states hold, read from a snapshot
/// through the states' public `Decodable` (which reads the packed bytes with the same code
/// as the store's snapshot decoder, `RecordDecodable`, only after copying them out). The
/// first byte picks the state (0 accounts, 1 profiles, 2 consent, modulo 3); the rest is the
/// snapshot's packed byte string. Properties:
/// - decoding either gives a state or throws a `DecodingError`; it never traps;
/// - every customer a decoded state lists either reads or throws `core.storeCorrupted`
///   naming the customer (an account is indexed from its record's head when the snapshot is
///   read; the rest of the record is checked when it is read);
/// - the state encodes again, and the re-decoded state reads the same for every customer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let packed = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 3 {
    case 0: check(AccountSnapshot(packed: packed)) { (state: AccountState, customer) throws(CoreError) in try state.record(customer) }
    case 1: check(ProfileSnapshot(packed: packed)) { (state: ProfileState, customer) throws(CoreError) in try state.profile(of: customer) }
    default: check(ConsentSnapshot(packedLedgers: packed)) { (state: ConsentState, customer) throws(CoreError) in try state.ledger(of: customer) }
    }
    return 0
}

/// Set `CLIENTELE_FUZZ_VERBOSE=1` to print what each input did (to check seeds).
let verbose = ProcessInfo.processInfo.environment["CLIENTELE_FUZZ_VERBOSE"] != nil

/// An account snapshot: the packed records, no orders or throttles.
struct AccountSnapshot: Encodable {
    var packed: [UInt8]
    var orders: [OrderReference] = []
    var throttles: [LoginThrottleRecord] = []
}

/// A profile snapshot: the packed profiles.
struct ProfileSnapshot: Encodable {
    var packed: [UInt8]
}

/// A consent snapshot: the packed ledgers, no sends or suppressions.
struct ConsentSnapshot: Encodable {
    var packedLedgers: [UInt8]
    var sendLogs: [CustomerID: [SendRecord]] = [:]
    var suppressions: [Digest256: SuppressionEntry] = [:]
}

/// What each state lists its customers with.
protocol CustomerListing: Codable {
    func customers(after: CustomerID?, limit: Int) -> [CustomerID]
}

extension AccountState: CustomerListing {}
extension ProfileState: CustomerListing {}
extension ConsentState: CustomerListing {}

/// What reading one customer gave: the value's description, or the error's code.
enum Outcome: Equatable {
    case read(String)
    case corrupted
}

func check<Snapshot: Encodable, State: CustomerListing, Value>(
    _ snapshot: Snapshot, read: (State, CustomerID) throws(CoreError) -> Value
) {
    let state: State
    do {
        state = try JSONDecoder().decode(State.self, from: JSONEncoder().encode(snapshot))
    } catch is DecodingError {
        if verbose { FileHandle.standardError.write(Data("CLIENTELE_FUZZ: refused\n".utf8)) }
        return
    } catch {
        fail("decoding threw \(type(of: error)), not DecodingError: \(error)")
    }
    let first = outcomes(of: state, read: read)
    if verbose {
        let corrupted = first.filter { $0 == .corrupted }.count
        FileHandle.standardError.write(Data("CLIENTELE_FUZZ: \(State.self): \(first.count) customers, \(corrupted) do not unpack\n".utf8))
    }
    let again: State
    do {
        again = try JSONDecoder().decode(State.self, from: JSONEncoder().encode(state))
    } catch {
        fail("a decoded state does not decode again after encoding: \(error)")
    }
    require(outcomes(of: again, read: read) == first, "the re-decoded state reads differently")
}

func outcomes<State: CustomerListing, Value>(
    of state: State, read: (State, CustomerID) throws(CoreError) -> Value
) -> [Outcome] {
    state.customers(after: nil, limit: .max).map { customer in
        do throws(CoreError) {
            return .read("\(customer): \(try read(state, customer))")
        } catch {
            require(error.code == .storeCorrupted, "reading a customer threw \(error.code), not storeCorrupted")
            require(error.context.item == customer.rawValue, "the error names \(error.context.item ?? "nothing"), not the customer")
            return .corrupted
        }
    }
}

runLibFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
