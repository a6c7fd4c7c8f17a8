import ClienteleCore
import FuzzDriver
import FuzzSupport

/// `EmailAddress(parsing:)` on any text. Properties: a parsed address re-parses (from its
/// display form and from its uniqueness key) to the same address, its parts respect the
/// documented limits, and a refusal is an `email…` error at a position inside the text.
/// `Findings/email-hyphen-mark-label` (a label typed as `-` plus a combining mark was
/// accepted, its `xn--` form refused) is refused since the UTS #46 rework checks scalars.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = text(UnsafeBufferPointer(start: data, count: size))
    do {
        let address = try EmailAddress(parsing: input)
        let again = try? EmailAddress(parsing: address.displayForm)
        require(again == address && again?.displayForm == address.displayForm, "the display form does not re-parse to the same address")
        let fromKey = try? EmailAddress(parsing: address.uniquenessKey)
        require(fromKey?.uniquenessKey == address.uniquenessKey, "the uniqueness key does not re-parse to itself")
        require(address.uniquenessKey.utf8.count <= EmailAddress.maximumLength, "the address is longer than maximumLength")
        require(address.localPart.utf8.count <= EmailAddress.maximumLocalPartLength, "the local part is too long")
        require(address.asciiDomain.utf8.allSatisfy { $0 < 0x80 && !(0x41...0x5A).contains($0) }, "the ASCII domain is not lower-case ASCII")
        require(
            address.asciiDomain.split(separator: ".", omittingEmptySubsequences: false).allSatisfy {
                (1...EmailAddress.maximumLabelLength).contains($0.utf8.count)
            }, "a domain label is empty or too long")
    } catch {
        require(error.code.rawValue.hasPrefix("core.email"), "unexpected error code \(error.code)")
        require(error.context.field == "email", "the error names field \(error.context.field ?? "nil"), not email")
        if let position = error.context.position {
            require(position >= 0 && position <= input.utf8.count, "error position \(position) is outside the text")
        }
    }
    return 0
}

runLibFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
