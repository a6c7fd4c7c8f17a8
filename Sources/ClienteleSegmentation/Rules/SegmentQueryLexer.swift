/// One token of a segment query.
struct SegmentToken: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A word: an attribute name or a keyword (compare keywords upper-cased).
        case word(String)
        /// A whole number, signed when written with a sign.
        case integer(Int64)
        /// A decimal number.
        case decimal(DecimalLiteral)
        /// A relative date such as `-30d`.
        case relativeDate(RelativeDate)
        /// A text literal, quotes removed and `''` unescaped.
        case text(String)
        /// `=`, `!=`, `<`, `<=`, `>`, `>=`.
        case comparison(ComparisonOperator)
        case openParenthesis
        case closeParenthesis
        case comma
        case end
    }

    var kind: Kind
    /// Zero-based character offset of the token's first character.
    var offset: Int

    /// The keyword this word is, upper-cased, or nil for other tokens.
    var keyword: String? {
        if case .word(let text) = kind { return text.uppercased() }
        return nil
    }
}

/// Splits a query into tokens, reporting bad characters, numbers and unterminated text
/// with their position.
struct SegmentQueryLexer {
    static let maximumLength = 100_000

    let characters: [Character]
    let text: String

    init(_ text: String) {
        self.text = text
        self.characters = Array(text)
    }

    func error(_ code: SegmentationErrorCode, _ message: String, at offset: Int) -> SegmentationError {
        SegmentQueryParser.error(code, message, at: offset, in: text)
    }

    func tokens() throws(SegmentationError) -> [SegmentToken] {
        guard characters.count <= Self.maximumLength else {
            throw error(.queryTooComplex, "The query is longer than \(Self.maximumLength) characters", at: 0)
        }
        var result: [SegmentToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace {
                index += 1
                continue
            }
            let start = index
            switch character {
            case "(":
                result.append(SegmentToken(kind: .openParenthesis, offset: start))
                index += 1
            case ")":
                result.append(SegmentToken(kind: .closeParenthesis, offset: start))
                index += 1
            case ",":
                result.append(SegmentToken(kind: .comma, offset: start))
                index += 1
            case "=":
                result.append(SegmentToken(kind: .comparison(.equal), offset: start))
                index += 1
            case "!":
                guard index + 1 < characters.count, characters[index + 1] == "=" else {
                    throw error(.syntax, "Expected '!=' (a lone '!' is not an operator)", at: start)
                }
                result.append(SegmentToken(kind: .comparison(.notEqual), offset: start))
                index += 2
            case "<", ">":
                let orEqual = index + 1 < characters.count && characters[index + 1] == "="
                if character == "<", index + 1 < characters.count, characters[index + 1] == ">" {
                    throw error(.syntax, "Write '!=' for 'not equal' ('<>' is not an operator)", at: start)
                }
                let op: ComparisonOperator =
                    character == "<" ? (orEqual ? .lessOrEqual : .less) : (orEqual ? .greaterOrEqual : .greater)
                result.append(SegmentToken(kind: .comparison(op), offset: start))
                index += orEqual ? 2 : 1
            case "'":
                let (value, next) = try textLiteral(from: index)
                result.append(SegmentToken(kind: .text(value), offset: start))
                index = next
            case "+", "-":
                guard index + 1 < characters.count, characters[index + 1].isASCIIDigit else {
                    throw error(.syntax, "Expected digits after '\(character)'", at: start)
                }
                let (kind, next) = try number(from: index + 1, negative: character == "-", signed: true)
                result.append(SegmentToken(kind: kind, offset: start))
                index = next
            default:
                if character.isASCIIDigit {
                    let (kind, next) = try number(from: index, negative: false, signed: false)
                    result.append(SegmentToken(kind: kind, offset: start))
                    index = next
                } else if character.isWordStart {
                    var end = index + 1
                    while end < characters.count, characters[end].isWordPart { end += 1 }
                    result.append(SegmentToken(kind: .word(String(characters[index..<end])), offset: start))
                    index = end
                } else {
                    throw error(.syntax, "Unexpected character", at: start)
                }
            }
        }
        result.append(SegmentToken(kind: .end, offset: characters.count))
        return result
    }

    /// Reads `'…'` with `''` for a quote; returns the value and the index after it.
    private func textLiteral(from start: Int) throws(SegmentationError) -> (String, Int) {
        var value = ""
        var index = start + 1
        while index < characters.count {
            if characters[index] == "'" {
                if index + 1 < characters.count, characters[index + 1] == "'" {
                    value.append("'")
                    index += 2
                    continue
                }
                return (value, index + 1)
            }
            value.append(characters[index])
            index += 1
        }
        throw error(.unterminatedText, "The text literal has no closing quote (write '' for a quote inside text)", at: start)
    }

    /// Reads digits, an optional fraction and, after a sign, an optional unit letter.
    private func number(from start: Int, negative: Bool, signed: Bool) throws(SegmentationError) -> (
        SegmentToken.Kind, Int
    ) {
        let tokenStart = signed ? start - 1 : start
        var index = start
        var digits: [Int64] = []
        while index < characters.count, let digit = characters[index].asciiDigitValue {
            digits.append(digit)
            index += 1
        }
        var scale = 0
        if index < characters.count, characters[index] == "." {
            index += 1
            while index < characters.count, let digit = characters[index].asciiDigitValue {
                digits.append(digit)
                scale += 1
                index += 1
            }
            guard scale > 0 else {
                throw error(.invalidLiteral, "A decimal needs digits after the point, such as 500.00", at: tokenStart)
            }
        }
        // A unit letter right after the digits makes a relative date.
        if index < characters.count, characters[index].isWordPart {
            var end = index
            while end < characters.count, characters[end].isWordPart { end += 1 }
            let suffix = String(characters[index..<end]).lowercased()
            guard scale == 0, let unit = RelativeDate.Unit(rawValue: suffix) else {
                throw error(
                    .invalidLiteral, "A relative date is a sign, a whole number and one of d, w, m, y, such as -30d",
                    at: tokenStart)
            }
            guard signed else {
                throw error(.invalidLiteral, "A relative date needs a sign: -\(digitsText(digits))\(suffix) for the past, +\(digitsText(digits))\(suffix) for the future", at: tokenStart)
            }
            guard digits.count <= 5, let amount = value(of: digits), amount <= 99_999 else {
                throw error(.invalidLiteral, "A relative date may count at most 99999 units", at: tokenStart)
            }
            return (.relativeDate(RelativeDate(amount: Int(negative ? -amount : amount), unit: unit)), end)
        }
        guard digits.count <= 18, let magnitude = value(of: digits) else {
            throw error(.invalidLiteral, "The number has more than 18 digits", at: tokenStart)
        }
        let significand = negative ? -magnitude : magnitude
        if scale > 0 { return (.decimal(DecimalLiteral(significand: significand, scale: scale)), index) }
        return (.integer(significand), index)
    }

    private func value(of digits: [Int64]) -> Int64? {
        var result: Int64 = 0
        for digit in digits {
            let (shifted, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = shifted.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            result = sum
        }
        return result
    }

    private func digitsText(_ digits: [Int64]) -> String { digits.map(String.init).joined() }
}

extension Character {
    var isASCIIDigit: Bool { asciiDigitValue != nil }

    var asciiDigitValue: Int64? {
        guard let ascii = asciiValue, ascii >= 48, ascii <= 57 else { return nil }
        return Int64(ascii - 48)
    }

    var isWordStart: Bool {
        guard let ascii = asciiValue else { return false }
        return (ascii >= 65 && ascii <= 90) || (ascii >= 97 && ascii <= 122) || ascii == 95
    }

    var isWordPart: Bool {
        guard let ascii = asciiValue else { return false }
        return isWordStart || (ascii >= 48 && ascii <= 57) || ascii == 46 || ascii == 45
    }
}
