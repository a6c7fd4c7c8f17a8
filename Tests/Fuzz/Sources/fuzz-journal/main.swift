import ClienteleCore
import FuzzDriver
import FuzzSupport

let folder = ScratchFolder("fuzz-journal")

/// The journal and snapshot reader on whole files. The first byte chooses:
///
/// - bits 0–1, the layout: 0, the rest is a journal; 1, a snapshot; 2, a snapshot then a
///   journal; 3, two journals (for 2 and 3, bytes 1–2 are the length of the first file,
///   big-endian, and the files start at byte 3);
/// - bit 7, the corruption policy: set for `.salvage`, clear for `.refuse`.
///
/// Each file is named after the base sequence in its own header (bytes 16..<24), so a
/// valid file gets a matching name. Properties: see `StoreCheck.openTwice`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let mode = bytes[0]
    let options = JournalOptions(corruption: mode & 0x80 != 0 ? .salvage : .refuse)
    folder.reset()
    switch mode & 3 {
    case 0:
        write(bytes.dropFirst(), .journal)
    case 1:
        write(bytes.dropFirst(), .snapshot)
    default:
        guard size >= 3 else { return 0 }
        let files = bytes.dropFirst(3)
        let firstLength = min(Int(bytes[1]) << 8 | Int(bytes[2]), files.count)
        write(files.prefix(firstLength), mode & 3 == 2 ? .snapshot : .journal)
        write(files.dropFirst(firstLength), .journal)
    }
    StoreCheck.openTwice(folder.url, options: options)
    return 0
}

func write(_ file: Slice<UnsafeBufferPointer<UInt8>>, _ kind: StoreFiles.Kind) {
    folder.write(file, named: StoreFiles.fileName(kind, forHeaderOf: file))
}

runLibFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
