import ClienteleAccounts
import ClienteleCore
import Foundation
import FuzzDriver
import FuzzSupport

/// The hasher every verification runs with; its own cost does not matter (it only hashes
/// when asked to, and this target never asks).
let hasher = try PBKDF2PasswordHasher(iterations: 1)

/// The most PBKDF2 work (iterations × 32-byte blocks) one input may cost here. The hasher
/// refuses stored hashes beyond its documented bounds before any work
/// (`accounts.passwordHashOutOfBounds`; `Findings/phc-iterations-timeout` is refused
/// now), but a hash within them (up to 2,000,000 iterations × 2 blocks) still takes
/// seconds under AddressSanitizer: this cap keeps the fuzzer fast, it guards no defect.
/// `CLIENTELE_FUZZ_PHC_UNCAPPED=1` lifts it.
let maximumWork = ProcessInfo.processInfo.environment["CLIENTELE_FUZZ_PHC_UNCAPPED"] == nil ? 10_000 : Int.max

/// `PHCString(parsing:)` on any text, then `PBKDF2PasswordHasher` on the same text.
/// Properties: a parsed PHC string prints back to exactly the text (the grammar is
/// canonical) and re-parses to an equal value; verification either throws
/// `malformedPasswordHash` or answers, and a hash it cannot parse always needs a rehash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = text(UnsafeBufferPointer(start: data, count: size))
    let parsed: PHCString
    do {
        parsed = try PHCString(parsing: input)
    } catch {
        require(error.code == .malformedPasswordHash, "PHCString threw \(error.code)")
        require(hasher.needsRehash(input), "a hash that does not parse does not need a rehash")
        return 0
    }
    require(parsed.encoded == input, "the PHC string does not print back to its text")
    require(!parsed.description.contains(input), "the PHC string's description is not redacted")
    let again = try? PHCString(parsing: parsed.encoded)
    require(again == parsed, "the printed PHC string does not re-parse to the same value")
    if let base64 = PHCString.decodeBase64(Substring(PHCString.encodeBase64(parsed.salt))) {
        require(base64 == parsed.salt, "base64 does not round-trip the salt")
    } else {
        fail("encodeBase64's output does not decode")
    }

    // Verification, skipped when it would cost more than `maximumWork` (see above).
    if let iterations = parsed.parameter("i").flatMap({ Int($0) }), iterations > 0 {
        let blocks = (parsed.hash.count + 31) / 32
        guard iterations <= maximumWork / max(blocks, 1) else { return 0 }
    }
    do {
        _ = try hasher.verify(passwordBytes: Array("a".utf8), against: input)
    } catch {
        require(
            error.code == .malformedPasswordHash || error.code == .passwordHashOutOfBounds, "verify threw \(error.code)")
        require(hasher.needsRehash(input), "a hash verify refuses does not need a rehash")
    }
    return 0
}

runLibFuzzer { data, size in data.map { fuzz($0, size) } ?? 0 }
