@testable import ClientelePricing
import Testing

@Suite struct IdentifierTableTests {
    @Test func findsEveryKeyOfEveryLengthAndNothingElse() {
        // Lengths 1–40 cover the word loop, the overlapping tail and the short tail.
        let keys = (1...40).flatMap { length in
            ["a", "b", "Z"].map { String(repeating: "x", count: length - 1) + $0 }
        }
        let table = IdentifierTable(keys)
        #expect(table.count == keys.count)
        for (id, key) in keys.enumerated() {
            #expect(table.id(of: key) == Int32(id))
        }
        for missing in ["", "c", "xc", String(repeating: "x", count: 41), "xxxxxxxxyxxxxxxxa", "axxxxxxx", "xxxxxxxxxxxxxxxxxxxxxxyxa"] {
            #expect(table.id(of: missing) == -1)
        }
        #expect(IdentifierTable([]).id(of: "a") == -1)
    }
}

@Suite struct IdentifierKeyTests {
    /// Strings of every length, made in the ways a host makes them (literals, decoding,
    /// appending, slicing), so that both the inline form and the heap form occur.
    static func samples() -> [String] {
        var samples: [String] = []
        for length in 0...40 {
            let text = String((0..<length).map { Character(Unicode.Scalar(UInt8(0x41 + $0 % 26))) })
            samples.append(text)
            samples.append(String(decoding: Array(text.utf8), as: UTF8.self))
            var appended = ""
            for character in text { appended.append(character) }
            samples.append(appended)
            samples.append(String((text + "-suffix").dropLast(7)))
        }
        samples += ["é", "Großkunde", "日本", "P004214", "C0755873"]
        return samples
    }

    @Test func readingInPlaceMatchesTheBytes() {
        #if _pointerBitWidth(_64)
            #expect(IdentifierKey.inlineFormIsReadable)
        #endif
        guard IdentifierKey.inlineFormIsReadable else { return }
        var inline = 0
        for sample in Self.samples() {
            let read = withUnsafePointer(to: sample) { IdentifierKey(inlineStringAt: UnsafeRawPointer($0)) }
            if let read {
                inline += 1
                #expect(read == IdentifierKey.of(sample), "\(sample)")
                #expect(sample.utf8.count <= 15)
            } else {
                #expect(sample.utf8.count > 15, "a short native string is read in place: \(sample)")
            }
        }
        #expect(inline > 0)
    }

    @Test func tablesFindInPlaceKeysLikeTheirText() {
        guard IdentifierKey.inlineFormIsReadable else { return }
        let keys = Self.samples().filter { !$0.isEmpty }
        let table = IdentifierTable(Array(Set(keys)))
        for key in keys {
            let read = withUnsafePointer(to: key) { IdentifierKey(inlineStringAt: UnsafeRawPointer($0)) }
            if let read { #expect(table.slot(read).id == table.id(of: key)) }
            #expect(table.id(of: key) >= 0)
        }
    }

    @Test func requestLayoutIsConfirmed() {
        #if _pointerBitWidth(_64)
            #expect(PriceBookIndex.RequestLayout.current != nil)
        #endif
    }
}
