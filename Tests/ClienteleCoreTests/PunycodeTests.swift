import ClienteleCore
import Testing

/// RFC 3492 §7.1 sample strings, and what the decoder must refuse.
@Suite struct PunycodeTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        let name: String
        let unicode: String
        let punycode: String
        var testDescription: String { name }
    }

    /// All of RFC 3492 §7.1. The RFC writes (I) as `b1abfaaepdrnnbgefbaDotcwatmq2g4l`;
    /// its `D` is a mixed-case annotation, which this encoder does not produce (the
    /// decoder test below reads the annotated form).
    static let samples: [Sample] = [
        Sample(
            name: "(A) Arabic (Egyptian)",
            unicode: "\u{0644}\u{064A}\u{0647}\u{0645}\u{0627}\u{0628}\u{062A}\u{0643}\u{0644}\u{0645}\u{0648}\u{0634}\u{0639}\u{0631}\u{0628}\u{064A}\u{061F}",
            punycode: "egbpdaj6bu4bxfgehfvwxn"),
        Sample(
            name: "(B) Chinese (simplified)",
            unicode: "\u{4ED6}\u{4EEC}\u{4E3A}\u{4EC0}\u{4E48}\u{4E0D}\u{8BF4}\u{4E2D}\u{6587}",
            punycode: "ihqwcrb4cv8a8dqg056pqjye"),
        Sample(
            name: "(C) Chinese (traditional)",
            unicode: "\u{4ED6}\u{5011}\u{7232}\u{4EC0}\u{9EBD}\u{4E0D}\u{8AAA}\u{4E2D}\u{6587}",
            punycode: "ihqwctvzc91f659drss3x8bo0yb"),
        Sample(name: "(D) Czech", unicode: "Pročprostěnemluvíčesky", punycode: "Proprostnemluvesky-uyb24dma41a"),
        Sample(name: "(E) Hebrew", unicode: "למההםפשוטלאמדבריםעברית", punycode: "4dbcagdahymbxekheh6e0a7fei0b"),
        Sample(
            name: "(F) Hindi (Devanagari)", unicode: "यहलोगहिन्दीक्योंनहींबोलसकतेहैं",
            punycode: "i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd"),
        Sample(
            name: "(G) Japanese (kanji and hiragana)", unicode: "なぜみんな日本語を話してくれないのか",
            punycode: "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa"),
        Sample(
            name: "(H) Korean (Hangul syllables)", unicode: "세계의모든사람들이한국어를이해한다면얼마나좋을까",
            punycode: "989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c"),
        Sample(
            name: "(I) Russian (Cyrillic)", unicode: "почемужеонинеговорятпорусски",
            punycode: "b1abfaaepdrnnbgefbadotcwatmq2g4l"),
        Sample(
            name: "(J) Spanish", unicode: "PorquénopuedensimplementehablarenEspañol",
            punycode: "PorqunopuedensimplementehablarenEspaol-fmd56a"),
        Sample(
            name: "(K) Vietnamese", unicode: "TạisaohọkhôngthểchỉnóitiếngViệt",
            punycode: "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g"),
        Sample(name: "(L) 3<nen>B<gumi><kinpachi><sensei>", unicode: "3年B組金八先生", punycode: "3B-ww4c5e180e575a65lsy2b"),
        Sample(
            name: "(M) <amuro><namie>-with-SUPER-MONKEYS", unicode: "安室奈美恵-with-SUPER-MONKEYS",
            punycode: "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n"),
        Sample(
            name: "(N) Hello-Another-Way-<sorezore><no><basho>", unicode: "Hello-Another-Way-それぞれの場所",
            punycode: "Hello-Another-Way--fc4qua05auwb3674vfr0b"),
        Sample(name: "(O) <hitotsu><yane><no><shita>2", unicode: "ひとつ屋根の下2", punycode: "2-u9tlzr9756bt3uc0v"),
        Sample(name: "(P) Maji<de>Koi<suru>5<byou><mae>", unicode: "MajiでKoiする5秒前", punycode: "MajiKoi5-783gue6qz075azm5e"),
        Sample(name: "(Q) <pafii>de<runba>", unicode: "パフィーdeルンバ", punycode: "de-jg4avhby1noc0d"),
        Sample(name: "(R) <sono><supiido><de>", unicode: "そのスピードで", punycode: "d9juau41awczczp"),
        Sample(name: "(S) -> $1.00 <-", unicode: "-> $1.00 <-", punycode: "-> $1.00 <--"),
    ]

    @Test(arguments: samples)
    func encodesTheRFCSample(_ sample: Sample) {
        #expect(Punycode.encode(Array(sample.unicode.unicodeScalars)) == sample.punycode)
    }

    @Test(arguments: samples)
    func decodesTheRFCSample(_ sample: Sample) throws {
        let decoded = try #require(Punycode.decode(sample.punycode))
        #expect(decoded == Array(sample.unicode.unicodeScalars))
    }

    @Test func decodingIgnoresTheCaseOfDigitsAsInTheRFCsMixedCaseAnnotation() {
        #expect(Punycode.decode("b1abfaaepdrnnbgefbaDotcwatmq2g4l") == Array("почемужеонинеговорятпорусски".unicodeScalars))
        #expect(Punycode.decode("BCHER-KVA") == Array("BüCHER".unicodeScalars))
    }

    @Test func encodesTheGermanExampleUsedForDomains() {
        #expect(Punycode.encode(Array("bücher".unicodeScalars)) == "bcher-kva")
        #expect(Punycode.encode(Array("münchen".unicodeScalars)) == "mnchen-3ya")
        #expect(Punycode.encode([]) == "")
    }

    @Test(arguments: [
        "bcher-kv\u{00E4}",  // non-ASCII input
        "bcher-kv!",  // not a digit
        "zzzzzz",  // number cut short: every digit says "more follows"
        "-abc",  // a leading delimiter has no basic part before it and is not a digit
        "99999999999999999999",  // overflow
        "en32g",  // U+110000, beyond Unicode
        "ib9b",  // U+D800, a surrogate
    ])
    func refusesMalformedPunycode(_ text: String) {
        #expect(Punycode.decode(text) == nil)
    }

    @Test func decodesTheLastCodePointButNoFurther() {
        #expect(Punycode.decode("dn32g") == [Unicode.Scalar(0x10FFFF)].compactMap { $0 })
    }
}
