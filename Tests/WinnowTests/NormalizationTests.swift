import Foundation
import Testing
@testable import Winnow

/// Every normalisation rule, as a table of input → output text and key.
@Suite struct NormalizationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var rule: String
        var input: String
        var text: String
        var key: String
        var testDescription: String { rule }
    }

    static let cases: [Case] = [
        Case(rule: "plain ASCII is unchanged", input: "Hello world.", text: "Hello world.", key: "hello world"),
        Case(rule: "invalid UTF-8 becomes U+FFFD", input: "a\u{FFFD}b", text: "a\u{FFFD}b", key: "a b"),
        Case(rule: "NFD becomes NFC", input: "Cafe\u{301} cre\u{300}me", text: "Café crème", key: "café crème"),
        Case(rule: "CRLF, CR, NEL, LS, PS become LF", input: "a\r\nb\rc\u{85}d\u{2028}e\u{2029}f", text: "a\nb\nc\nd\ne\nf", key: "a b c d e f"),
        Case(rule: "zero-width characters removed", input: "zero\u{200B}width\u{200D}joiner\u{FEFF}", text: "zerowidthjoiner", key: "zerowidthjoiner"),
        Case(rule: "bidi controls removed", input: "\u{202E}abc\u{202C} \u{2066}def\u{2069}\u{200F}", text: "abc def", key: "abc def"),
        Case(rule: "soft hyphens removed", input: "inter\u{AD}national", text: "international", key: "international"),
        Case(rule: "C0 and C1 controls removed, TAB kept as a blank", input: "a\u{07}b\u{1B}c\u{9B}d\te", text: "abcd e", key: "abcd e"),
        Case(rule: "blank runs folded, Unicode spaces included", input: "a  \t\u{A0}b\u{2003}\u{3000}c\u{202F}d", text: "a b c d", key: "a b c d"),
        Case(rule: "lines trimmed", input: "  first  \n\t second\t", text: "first\nsecond", key: "first second"),
        Case(rule: "blank line runs folded to one", input: "a\n\n\n\n\nb\n \n\nc", text: "a\n\nb\n\nc", key: "a b c"),
        Case(rule: "leading and trailing blank lines removed", input: "\n\n a \n\n", text: "a", key: "a"),
        Case(rule: "named entities decoded", input: "caf&eacute; &amp; cr&egrave;me &hellip;", text: "café & crème …", key: "café crème"),
        Case(rule: "numeric entities decoded", input: "don&#8217;t &#x2014; &#169;", text: "don’t — ©", key: "dont"),
        Case(rule: "entities decoded once (the key decodes what is left)", input: "&amp;amp; x &amp;lt;", text: "&amp; x &lt;", key: "x"),
        Case(rule: "Windows-1252 numeric references", input: "a&#150;b &#146;", text: "a–b ’", key: "a b"),
        Case(rule: "legacy entities without semicolon", input: "&copy 2025 AT&T &amp x", text: "© 2025 AT&T & x", key: "2025 at t x"),
        Case(rule: "unknown entities kept", input: "&bogus; &#; &", text: "&bogus; &#; &", key: "bogus"),
        Case(rule: "nbsp entity is a blank", input: "a&nbsp;&nbsp;b", text: "a b", key: "a b"),
        Case(rule: "key folds case fully", input: "STRASSE Straße ΣΊΣΥΦΟΣ", text: "STRASSE Straße ΣΊΣΥΦΟΣ", key: "strasse strasse σίσυφοσ"),
        Case(rule: "key applies NFKC (ligatures, fullwidth, superscripts)", input: "ﬁnal ＡＢＣ１２ x²", text: "ﬁnal ＡＢＣ１２ x²", key: "final abc12 x2"),
        Case(rule: "key unifies quotes and apostrophes", input: "“Don’t” ‘quote’ \"don't\"", text: "“Don’t” ‘quote’ \"don't\"", key: "dont quote dont"),
        Case(rule: "key drops dashes and ellipses", input: "well-known — yes… no...", text: "well-known — yes… no...", key: "well known yes no"),
        Case(rule: "key repairs mojibake", input: "donâ€™t cafÃ© naÃ¯ve", text: "donâ€™t cafÃ© naÃ¯ve", key: "dont café naïve"),
        Case(rule: "key splits CJK ideographs and kana", input: "東京都は2025年", text: "東京都は2025年", key: "東 京 都 は 2025 年"),
        Case(rule: "key keeps marks inside words", input: "हिन्दी नमस्ते", text: "हिन्दी नमस्ते", key: "हिन्दी नमस्ते"),
        Case(rule: "Cyrillic folds case", input: "Привет, МИР!", text: "Привет, МИР!", key: "привет мир"),
    ]

    @Test(arguments: cases)
    func rule(_ test: Case) {
        let cleaned = TextCleaner().clean(test.input).text
        #expect(cleaned == test.text)
        #expect(MatchingKey(text: cleaned).string == test.key)
    }

    @Test func optionalMojibakeRepairOfOutputText() {
        var options = TextCleaner.Options()
        options.mojibake = true
        let result = TextCleaner(options: options).clean("donâ€™t cafÃ© naÃ¯ve â€” Ã¼ber")
        #expect(result.text == "don’t café naïve — über")
        #expect(result.changes.mojibake == 5)
        #expect(TextCleaner(options: options).clean("São Paulo, Ãngel, PÂTÉ").text == "São Paulo, Ãngel, PÂTÉ")
    }

    @Test func optionalASCIIQuotes() {
        var options = TextCleaner.Options()
        options.asciiQuotes = true
        #expect(TextCleaner(options: options).clean("“Don’t,” she said ‘twice’").text == "\"Don't,\" she said 'twice'")
    }

    @Test func rulesCanBeTurnedOff() {
        var options = TextCleaner.Options()
        options.entities = false
        options.nfc = false
        #expect(TextCleaner(options: options).clean("e\u{301} &amp;").text == "e\u{301} &amp;")
    }

    @Test func theKeyIsMadeFromTheCleanTextWhenFirstRead() {
        let preparation = NormalizeStage().preparation
        var clean = Document(id: "clean", text: "Rain is expected on Tuesday.\nWinds will ease.", source: SourceLocation(file: "t", line: 1))
        _ = preparation.prepare(&clean)
        #expect(clean.key == nil)
        var dirty = Document(id: "dirty", text: "Rain&nbsp;is  expected\u{200B} on Tuesday.\n\n   Winds will ease.",
                             source: SourceLocation(file: "t", line: 2))
        let stale = dirty.matchingKey()
        _ = preparation.prepare(&dirty)
        #expect(dirty.key == nil)
        #expect(dirty.matchingKey() == MatchingKey(text: dirty.text))
        #expect(dirty.matchingKey() != stale)
        #expect(dirty.matchingKey().string == clean.matchingKey().string)
    }

    @Test func invalidBytesAreCounted() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC0, 0xAF, 0xE2, 0x82, 0x63]
        let result = bytes.withUnsafeBufferPointer { TextCleaner().clean(utf8: $0) }
        #expect(result.text == "a\u{FFFD}b\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}c")
        #expect(result.changes.invalidBytes == 5)
    }

    @Test func keyParagraphsKnowTheirPlaceInTheText() {
        let text = "The “Café” opened.\n\n  “It’s new!”\n— &amp; —\nLast"
        let key = MatchingKey(text: text)
        let utf8 = Array(text.utf8)
        let openings = key.paragraphSources.map { String(decoding: utf8[Int($0)...].prefix(2), as: UTF8.self) }
        #expect(openings == ["Th", "It", "La"])
        #expect(key.paragraphStarts == [0, 3, 5])
        #expect(key.sentenceStarts == [0, 3, 5])
        #expect((0..<key.count).map(key.token) == ["the", "café", "opened", "its", "new", "last"])
    }

    @Test func sentencesSplitAfterTerminalsFollowedByBlanks() {
        let key = MatchingKey(text: "U.S. forces left. Then 3.5 percent! Why? Because")
        #expect(key.sentenceStarts.map { key.token(Int($0)) } == ["u", "forces", "then", "why", "because"])
    }
}

/// The fold table, built at every start, takes its entries from the scalars' properties where they
/// show the fold leaves a scalar alone; it must hold what running the fold gives, scalar by scalar.
@Suite struct KeyFoldTableTests {
    @Test func entriesTakenFromPropertiesAreTheEntriesTheFoldGives() {
        var shortcuts = 0
        for value in UInt32(0x80)..<0x10000 where !(0xD800...0xDFFF).contains(value) {
            let role = KeyBuilder.role(of: value)
            guard role == .word || role == .ideograph else { continue }
            if UnicodeFolding.foldsToItself(value) { shortcuts += 1 }
            #expect(KeyFoldTable.entry(for: value) == KeyFoldTable.foldedEntry(for: value), "U+\(String(value, radix: 16))")
        }
        #expect(shortcuts > 40_000)
    }
}
