import ClienteleCore
import FuzzDriver
import FuzzSupport

let folder = ScratchFolder("fuzz-record")

/// The record decoder, reached through the public `StateStore` API: the input (after
/// the first byte) is wrapped in a valid frame with a correct checksum, so the decoder
/// sees it as it is. First byte even: the encoded change of the one record of a journal;
/// odd: the encoded state of a snapshot. Properties: see `StoreCheck.openTwice`. (The
/// decoder's own entry points are internal; `RecordDump` is `package`.)
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let encoded = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    folder.reset()
    if data[0] & 1 == 0 {
        folder.write(StoreFiles.journal(base: 0, changes: [encoded]), named: StoreFiles.fileName(.journal, base: 0))
    } else {
        let base: UInt64 = 7
        folder.write(StoreFiles.snapshot(base: base, state: encoded), named: StoreFiles.fileName(.snapshot, base: base))
    }
    StoreCheck.openTwice(folder.url, options: JournalOptions())
    return 0
}

runLibFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
