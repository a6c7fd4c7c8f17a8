/// Punycode (RFC 3492): the Bootstring encoding that turns a Unicode domain label into
/// the letters, digits and hyphens DNS accepts (`bücher` ⇄ `bcher-kva`).
///
/// Only the transfer encoding lives here; the `xn--` prefix, NFC and lower-casing are the
/// caller's business (see ``EmailAddress``). Neither direction applies mixed-case
/// annotations: the encoder writes lower-case digits and the decoder ignores their case.
package enum Punycode {
    private static let base = 36
    private static let tMin = 1
    private static let tMax = 26
    private static let skew = 38
    private static let damp = 700
    private static let initialBias = 72
    private static let initialN = 0x80
    private static let delimiter = Unicode.Scalar(UInt8(ascii: "-"))
    /// The largest intermediate value accepted; larger means the input is hostile or broken.
    private static let maximumValue = Int(Int32.max)

    /// Encodes code points (RFC 3492 §6.3).
    ///
    /// - Returns: The Punycode text, or `nil` when an intermediate value would overflow
    ///   (only absurdly long inputs).
    /// - Complexity: O(*n*·*m*) for *n* code points of which *m* are distinct non-ASCII.
    package static func encode(_ input: [Unicode.Scalar]) -> String? {
        var output = String.UnicodeScalarView()
        for scalar in input where scalar.isASCII { output.append(scalar) }
        let basicCount = output.count
        var handled = basicCount
        if basicCount > 0 { output.append(delimiter) }

        var n = initialN
        var delta = 0
        var bias = initialBias
        while handled < input.count {
            // The smallest code point not handled yet.
            var m = Int.max
            for scalar in input where Int(scalar.value) >= n && Int(scalar.value) < m { m = Int(scalar.value) }
            guard m - n <= (maximumValue - delta) / (handled + 1) else { return nil }
            delta += (m - n) * (handled + 1)
            n = m
            for scalar in input {
                let c = Int(scalar.value)
                if c < n {
                    delta += 1
                    guard delta <= maximumValue else { return nil }
                }
                if c == n {
                    var q = delta
                    var k = base
                    while true {
                        let t = threshold(k, bias: bias)
                        if q < t { break }
                        output.append(digit(t + (q - t) % (base - t)))
                        q = (q - t) / (base - t)
                        k += base
                    }
                    output.append(digit(q))
                    bias = adapt(delta, count: handled + 1, isFirst: handled == basicCount)
                    delta = 0
                    handled += 1
                }
            }
            delta += 1
            n += 1
        }
        return String(output)
    }

    /// Decodes Punycode text (RFC 3492 §6.2).
    ///
    /// - Returns: The code points, or `nil` when the text is not valid Punycode: a
    ///   non-ASCII character, a bad digit, a truncated number, overflow, or a decoded
    ///   value that is ASCII, a surrogate or beyond U+10FFFF.
    /// - Complexity: O(*n*²) for *n* characters of input (insertions into an array).
    package static func decode(_ text: some StringProtocol) -> [Unicode.Scalar]? {
        let input = Array(text.unicodeScalars)
        guard input.allSatisfy(\.isASCII) else { return nil }
        // The basic code points come before the last delimiter; a delimiter that starts
        // the text has none before it and is then read as a (bad) digit, as §6.2 says.
        let basicCount = input.lastIndex(of: delimiter) ?? 0
        var output = Array(input[..<basicCount])
        var position = basicCount > 0 ? basicCount + 1 : 0

        var n = initialN
        var i = 0
        var bias = initialBias
        while position < input.count {
            let oldI = i
            var weight = 1
            var k = base
            while true {
                guard position < input.count, let value = digitValue(input[position]) else { return nil }
                position += 1
                guard value <= (maximumValue - i) / weight else { return nil }
                i += value * weight
                let t = threshold(k, bias: bias)
                if value < t { break }
                guard weight <= maximumValue / (base - t) else { return nil }
                weight *= base - t
                k += base
            }
            let length = output.count + 1
            bias = adapt(i - oldI, count: length, isFirst: oldI == 0)
            guard i / length <= maximumValue - n else { return nil }
            n += i / length
            i %= length
            guard n >= initialN, let scalar = Unicode.Scalar(UInt32(n)) else { return nil }
            output.insert(scalar, at: i)
            i += 1
        }
        return output
    }

    private static func threshold(_ k: Int, bias: Int) -> Int {
        if k <= bias { return tMin }
        if k >= bias + tMax { return tMax }
        return k - bias
    }

    private static func adapt(_ delta: Int, count: Int, isFirst: Bool) -> Int {
        var delta = isFirst ? delta / damp : delta / 2
        delta += delta / count
        var k = 0
        while delta > ((base - tMin) * tMax) / 2 {
            delta /= base - tMin
            k += base
        }
        return k + (base - tMin + 1) * delta / (delta + skew)
    }

    /// 0–25 → `a`–`z`, 26–35 → `0`–`9`.
    private static func digit(_ value: Int) -> Unicode.Scalar {
        let ascii = value < 26 ? UInt8(ascii: "a") + UInt8(value) : UInt8(ascii: "0") + UInt8(value - 26)
        return Unicode.Scalar(ascii)
    }

    private static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x61...0x7A: Int(scalar.value - 0x61)
        case 0x41...0x5A: Int(scalar.value - 0x41)
        case 0x30...0x39: Int(scalar.value - 0x30) + 26
        default: nil
        }
    }
}
