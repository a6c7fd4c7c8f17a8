import ClienteleCore
import Testing

@Suite struct Base64URLTests {
    /// RFC 4648 §10 in the URL alphabet without padding, plus bytes that use '-' and '_'.
    @Test(arguments: [
        ("", ""), ("66", "Zg"), ("666f", "Zm8"), ("666f6f", "Zm9v"), ("666f6f62", "Zm9vYg"),
        ("666f6f6261", "Zm9vYmE"), ("666f6f626172", "Zm9vYmFy"), ("fbff", "-_8"), ("fbefbe", "----"),
        ("ffffff", "____"),
    ])
    func encodesAndDecodesKnownValues(_ bytesHex: String, _ text: String) throws {
        let bytes = try #require([UInt8](hex: bytesHex))
        #expect(Base64URL.encode(bytes) == text)
        #expect(try Base64URL.decode(text) == bytes)
    }

    @Test func roundTripsEveryLengthUpTo100() throws {
        for length in 0...100 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 151 &+ 17) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("="))
            #expect(try Base64URL.decode(text) == bytes, "length \(length)")
        }
    }

    @Test func roundTripsRandomTokens() throws {
        let token = SecureRandom.bytes(count: 32)
        let text = Base64URL.encode(token)
        #expect(text.utf8.count == 43)
        #expect(try Base64URL.decode(text) == token)
    }

    @Test(arguments: [
        ("Zm9v=", 4), ("Zg==", 2), ("Zm+v", 2), ("Zm/v", 2), (" Zg", 0), ("Zg\n", 2), ("Zé", 1),
        ("Zm9vY", 4), ("Z", 0),
        ("Zh", 1), ("Zm9", 2),
    ])
    func rejectsBadTextNamingThePosition(_ text: String, _ position: Int) {
        #expect {
            try Base64URL.decode(text)
        } throws: { error in
            guard let error = error as? CoreError else { return false }
            return error.code == .invalidBase64 && error.context.position == position
        }
    }

    @Test func errorsNeverRepeatTheText() {
        let secretLooking = "c2VjcmV0LXRva2Vu" + "!"
        #expect {
            try Base64URL.decode(secretLooking)
        } throws: { error in
            guard let error = error as? CoreError else { return false }
            return !error.description.contains("c2VjcmV0") && error.context.position == 16
        }
    }
}
