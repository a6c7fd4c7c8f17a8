import ClienteleCore
import Foundation
import Testing

/// `PackedWriter` and `PackedReader`: what one writes the other reads back exactly, and
/// bytes that are short, overlong or not UTF-8 are a `Malformed` error at their offset.
@Suite struct PackedBytesTests {
    @Test func everyKindOfFieldReadsBackExactly() throws {
        let numbers = [0, 1, -1, 63, -64, 64, 300, Int.max, Int.min]
        let texts = ["", "ascii", "Zoë 日本 🇳🇱", String(repeating: "x", count: 300)]
        let dates = [Date(timeIntervalSinceReferenceDate: 0), Date(timeIntervalSinceReferenceDate: 812_345_678.123_456_7), .distantPast]
        let digest = Digest256.sha256(Array("packed".utf8))
        var writer = PackedWriter()
        for number in numbers { writer.signed(number) }
        writer.unsigned(UInt64.max)
        for text in texts { writer.text(text) }
        for date in dates { writer.date(date) }
        writer.double(-0.0)
        writer.double(.nan)
        digest.write(to: &writer)
        writer.byte(0xFF)
        let bytes = writer.bytes
        let read = try bytes.withUnsafeBytes { raw in
            var reader = PackedReader(raw)
            var signed: [Int] = []
            for _ in numbers { signed.append(try reader.signed()) }
            let unsigned = try reader.unsigned()
            var strings: [String] = []
            for _ in texts { strings.append(try reader.text()) }
            var instants: [Date] = []
            for _ in dates { instants.append(try reader.date()) }
            let doubles = [try reader.double(), try reader.double()]
            let readDigest = Digest256(packed: try reader.raw(count: 32))
            let last = try reader.byte()
            let atEnd = reader.isAtEnd
            var pastEnd: PackedReader.Malformed?
            do {
                _ = try reader.byte()
            } catch {
                pastEnd = error as? PackedReader.Malformed
            }
            return (signed, unsigned, strings, instants, doubles, readDigest, last, atEnd, pastEnd)
        }
        #expect(read.0 == numbers)
        #expect(read.1 == UInt64.max)
        #expect(read.2.map { Array($0.utf8) } == texts.map { Array($0.utf8) })
        #expect(read.3.map { $0.timeIntervalSinceReferenceDate.bitPattern } == dates.map { $0.timeIntervalSinceReferenceDate.bitPattern })
        #expect(read.4[0].bitPattern == (-0.0).bitPattern && read.4[1].isNaN)
        #expect(read.5 == digest)
        #expect(read.6 == 0xFF && read.7)
        #expect(read.8?.offset == bytes.count)
    }

    @Test func malformedBytesAreErrorsAtTheirOffset() throws {
        func read<T>(_ bytes: [UInt8], _ body: (inout PackedReader) throws -> T) -> PackedReader.Malformed? {
            bytes.withUnsafeBytes { raw -> PackedReader.Malformed? in
                var reader = PackedReader(raw)
                do {
                    _ = try body(&reader)
                    return nil
                } catch {
                    return error as? PackedReader.Malformed
                }
            }
        }
        #expect(read([0x80, 0x80]) { try $0.unsigned() }?.reason == "unexpected end")
        #expect(read([UInt8](repeating: 0xFF, count: 10) + [0x01]) { try $0.unsigned() }?.reason == "a number is too long")
        #expect(read([0x05, 0x61]) { try $0.text() } != nil, "a text longer than what is left")
        #expect(read([0x02, 0xC3, 0x28]) { try $0.text() }?.reason == "a text is not UTF-8")
        #expect(read([0x02, 0xFF, 0x41]) { try $0.text() }?.reason == "a text is not UTF-8")
        #expect(read([0x07]) { try $0.count(atMost: 6) }?.offset == 1)
        #expect(read([1, 2, 3]) { try $0.double() } != nil)
        #expect(read([1, 2, 3]) { try $0.raw(count: 4) } != nil)
        #expect(read([1, 2, 3]) { try $0.raw(count: -1) } != nil)
        #expect(read([]) { try $0.byte() }?.offset == 0)
    }
}
