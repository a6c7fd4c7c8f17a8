import ClienteleCore
import Testing

@Suite struct PBKDF2Tests {
    /// RFC 7914 §11, the two PBKDF2-HMAC-SHA256 vectors, through every backend.
    @Test(arguments: SHA256.Backend.available, [
        ("passwd", "salt", 1,
         "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"),
        ("Password", "NaCl", 80_000,
         "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56a1d425a1225833549adb841b51c9b3176a272bdebba1d078478f62b397f33c8d"),
    ])
    func matchesRFC7914(
        _ backend: SHA256.Backend, _ vector: (password: String, salt: String, iterations: Int, key: String)
    ) throws {
        let derived = try PBKDF2.sha256(
            password: Array(vector.password.utf8), salt: Array(vector.salt.utf8), iterations: vector.iterations,
            length: 64, backend: backend)
        #expect(derived.hex == vector.key)
    }

    @Test func loadsEveryWycheproofVector() {
        #expect(Wycheproof.pbkdf2Tests.count == 60)
    }

    @Test(arguments: SHA256.Backend.available, Wycheproof.pbkdf2Tests)
    func agreesWithWycheproof(_ backend: SHA256.Backend, _ test: Wycheproof.PBKDF2Test) throws {
        let password = try #require([UInt8](hex: test.password))
        let salt = try #require([UInt8](hex: test.salt))
        let expected = try #require([UInt8](hex: test.dk))
        let derived = try PBKDF2.sha256(
            password: password, salt: salt, iterations: test.iterationCount, length: test.dkLen, backend: backend)
        #expect(ConstantTime.equals(derived, expected) == (test.result == "valid"))
    }

    @Test(arguments: SHA256.Backend.available)
    func derivesAnyLengthAsAPrefixOfLongerKeys(_ backend: SHA256.Backend) throws {
        let long = try PBKDF2.sha256(password: Array("pw".utf8), salt: Array("salt".utf8), iterations: 3, length: 100)
        for length in [1, 31, 32, 33, 64, 65, 100] {
            let key = try PBKDF2.sha256(
                password: Array("pw".utf8), salt: Array("salt".utf8), iterations: 3, length: length, backend: backend)
            #expect(key == Array(long.prefix(length)), "length \(length)")
        }
    }

    @Test(arguments: [
        (0, 32, "iterations"), (-1, 32, "iterations"), (Int.min, 32, "iterations"),
        (1, 0, "length"), (1, -5, "length"), (1, Int(UInt32.max) * 32 + 1, "length"), (1, Int.max, "length"),
    ])
    func rejectsOutOfRangeParametersWithATypedError(_ iterations: Int, _ length: Int, _ field: String) {
        #expect {
            try PBKDF2.sha256(password: Array("pw".utf8), salt: Array("salt".utf8), iterations: iterations, length: length)
        } throws: { error in
            guard let error = error as? CoreError else { return false }
            return error.code == .invalidKeyDerivationParameters && error.context.field == field
        }
    }
}
