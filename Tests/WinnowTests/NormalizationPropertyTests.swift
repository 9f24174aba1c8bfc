import Foundation
import Testing
@testable import Winnow
import WinnowLab

/// Properties of normalisation over generated strings, each checked on hundreds of seeded cases.
@Suite struct NormalizationPropertyTests {
    static let words = ["the", "café", "Über", "naïve", "Straße", "niño", "façade", "rôle", "maître", "öffentlich",
                        "Äpfel", "crème", "don't", "it's", "year", "2025", "report", "Ministerium", "señor", "coûte"]
    static let pieces = ["a", "Z", " ", "  ", "\t", "\n", "\r\n", "\r", "\u{A0}", "&amp;", "&eacute;", "&#8217;", "&bogus;",
                         "&", "é", "e\u{301}", "\u{AD}", "\u{200B}", "\u{202E}", "\u{07}", "\u{85}", "\u{2028}", "ﬁ",
                         "“", "’", "—", "…", "東", "Привет", "\u{FEFF}", "Ã©", "â€™", ".", "!", "0", "ß"]

    /// A sentence of vocabulary words with punctuation.
    static func sentence(_ generator: inout SeededGenerator) -> String {
        let count = 3 + Int(generator.next() % 12)
        var parts: [String] = []
        for index in 0..<count {
            var word = words[Int(generator.next() % UInt64(words.count))]
            if index == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
            parts.append(word)
        }
        let quoted = generator.next() % 3 == 0 ? "\"\(parts[0])\"" : parts[0]
        return ([quoted] + parts.dropFirst()).joined(separator: " ") + (generator.next() % 2 == 0 ? "." : "!")
    }

    /// A string of random pieces, noise included.
    static func noisy(_ generator: inout SeededGenerator) -> String {
        (0..<Int(generator.next() % 40)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
    }

    static func normalize(_ text: String) -> String { TextCleaner().clean(text).text }
    static func key(_ text: String) -> String { MatchingKey(text: normalize(text)).string }

    @Test func normalisingTwiceChangesNothing() {
        var generator = SeededGenerator(seed: 1)
        for _ in 0..<800 {
            let once = Self.normalize(Self.noisy(&generator))
            #expect(MatchingKey(text: Self.normalize(once)) == MatchingKey(text: once))
            if HTMLEntities.decodeAll(once) == once {
                #expect(Self.normalize(once) == once, "\(once.debugDescription)")
            }
        }
    }

    @Test func whatTheCleanCheckPassesCleaningLeavesAlone() {
        var generator = SeededGenerator(seed: 5)
        var passed = 0
        for round in 0..<3000 {
            let raw = Self.sentence(&generator) + Self.noisy(&generator) + Self.sentence(&generator)
            let text = round % 3 == 0 ? raw : Self.normalize(raw)
            var copy = text
            copy.withUTF8 { bytes in
                guard TextCleaner.isClean(bytes, options: TextCleaner.Options()) else { return }
                passed += 1
                let cleaned = TextCleaner().clean(dirty: bytes)
                #expect(cleaned.text == text, "\(text.debugDescription)")
                #expect(cleaned.changes == TextCleaner.Changes(), "\(text.debugDescription)")
            }
        }
        #expect(passed > 400)
    }

    /// The clean check as a byte-at-a-time reading of its rules, against which its eight- and
    /// sixteen-byte steps are measured.
    static func cleanByRules(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0x0A
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "&"): return false
            case 0x21..<0x7F: previous = byte
            case 0x20, 0x0A:
                if previous == 0x20 || previous == 0x0A { return false }
                previous = byte
            case 0x80...:
                let (scalar, length, valid) = UTF8Decoding.decode(bytes, at: index)
                guard valid, TextCleaner.classify(scalar) == .text, !UnicodeFolding.mayChangeUnderNFC(scalar) else { return false }
                previous = 0x41
                index += length
                continue
            default: return false
            }
            index += 1
        }
        return bytes.isEmpty || (previous != 0x20 && previous != 0x0A)
    }

    @Test func theCleanCheckReadingManyBytesAtOnceJudgesAsItsRulesDo() {
        let pieces = ["The minister said", " ", "  ", "\n", "\n\n", " \n", "é", "’", "e\u{301}", "&", "\t", "\u{7F}", "\r", "ab", "x",
                      "\u{A0}", "東", "\u{200B}", ".", " word", "1234567", "\u{85}", "—", "“", "”", "…", "\u{2028}", "\u{2003}",
                      "\u{2001}", "\u{202F}", "\u{2032}", "\u{203F}"]
        var generator = SeededGenerator(seed: 12)
        var clean = 0
        for _ in 0..<6000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 24) {
                text += generator.next() % 3 == 0 ? pieces[Int(generator.next() % UInt64(pieces.count))]
                    : String(repeating: "plain text ", count: Int(generator.next() % 3)) + "words"
            }
            var copy = text
            copy.withUTF8 { bytes in
                let expected = Self.cleanByRules(bytes)
                if expected { clean += 1 }
                #expect(TextCleaner.isClean(bytes, options: TextCleaner.Options()) == expected, "\(text.debugDescription)")
                var quotesReplaced = TextCleaner.Options()
                quotesReplaced.asciiQuotes = true
                let expectedWithASCIIQuotes = expected && !text.unicodeScalars.contains { CleanState.asciiQuote($0) != $0 }
                #expect(TextCleaner.isClean(bytes, options: quotesReplaced) == expectedWithASCIIQuotes, "\(text.debugDescription)")
            }
        }
        #expect(clean > 600 && clean < 5400)
    }

    /// The variants that must not change the key.
    static let variants: [(String, @Sendable (String, inout SeededGenerator) -> String)] = [
        ("whitespace", { text, generator in
            text.split(separator: " ").map(String.init).joined(separator: ["  ", "\t", " \u{A0}", "\n", " \u{2003} "][Int(generator.next() % 5)])
                + "  \r\n" }),
        ("quotes", { text, _ in text.replacingOccurrences(of: "'", with: "’").replacingOccurrences(of: "\"", with: "”") }),
        ("case", { text, generator in generator.next() % 2 == 0 ? text.uppercased() : text.lowercased() }),
        ("NFD", { text, _ in text.decomposedStringWithCanonicalMapping }),
        ("entities", { text, _ in
            text.replacingOccurrences(of: "é", with: "&eacute;").replacingOccurrences(of: "'", with: "&#39;")
                .replacingOccurrences(of: "ü", with: "&#xFC;").replacingOccurrences(of: "ß", with: "&szlig;") }),
        ("soft hyphens", { text, _ in text.replacingOccurrences(of: "ter", with: "t\u{AD}er").replacingOccurrences(of: "ai", with: "a\u{AD}i") }),
        ("zero-width", { text, _ in text.replacingOccurrences(of: "e", with: "e\u{200B}").replacingOccurrences(of: "o", with: "\u{2060}o") }),
        ("mojibake", { text, _ in
            String(text.utf8.map { Character(Windows1252.scalar(forByte: $0) ?? Unicode.Scalar($0)) }) }),
    ]

    @Test(arguments: variants.map(\.0))
    func keyIsTheSameForVariants(name: String) {
        let variant = Self.variants.first { $0.0 == name }!.1
        var generator = SeededGenerator(seed: UInt64(name.utf8.count))
        for _ in 0..<300 {
            let original = Self.sentence(&generator)
            let changed = variant(original, &generator)
            #expect(Self.key(changed) == Self.key(original), "\(name): \(changed.debugDescription)")
        }
    }

    @Test func outputIsValidUTF8WithoutForbiddenCharacters() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<1000 {
            let bytes = (0..<Int(generator.next() % 64)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let text = bytes.withUnsafeBufferPointer { TextCleaner().clean(utf8: $0).text }
            #expect(String(validating: Array(text.utf8), as: UTF8.self) != nil)
            for scalar in text.unicodeScalars {
                #expect(TextCleaner.classify(scalar.value) == .text || scalar == "\n" || scalar == " ", "\(scalar.value)")
            }
            _ = MatchingKey(text: text)
        }
    }

    @Test func arbitraryBytesNeverCrashTheReaders() throws {
        var generator = SeededGenerator(seed: 9)
        for round in 0..<200 {
            var bytes = Array("{\"text\":\"".utf8) + (0..<Int(generator.next() % 48)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 2 == 0 { bytes += Array("\"}\n".utf8) }
            let path = try TestSupport.file("fuzz.jsonl", "")
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                for document in try TestSupport.read(path) { _ = MatchingKey(text: TextCleaner().clean(document.text).text) }
            } catch is WinnowError {
                continue
            }
        }
    }
}

/// The key of plain ASCII text against a plain reference tokeniser: the fast paths over ASCII must
/// give the same tokens, hashes, paragraphs and sentences as the rules say.
@Suite struct ASCIIKeyReferenceTests {
    static let words = ["a", "I", "to", "The", "news", "Minister", "x9", "2025", "quickly", "Governments",
                        "unconstitutional", "Internationalisation", "ABCDEFGH", "abcdefg", "don't", "it's", "O'Neil"]
    static let gaps = [" ", " ", " ", ", ", ". ", "! ", "? ", "\n", "\n\n", " - ", "\t", "  ", "'", " '", "' ", ".", "\r\n",
                       ": ", "(", ") ", "\"", ".\"", "...", "/", "'s ", "’", "’s ", " “", "” ", " — ", "–", "… ", "…", "‘",
                       "\u{2009}", "\u{2028}", "\u{200B}", "\u{2032}", "\u{2030} ", ".” "]

    /// What the key of ASCII text without `&` holds, computed the slow, obvious way; a scalar of
    /// U+2000–U+203F acts as the ASCII byte of its role.
    static func reference(_ text: [UInt8]) -> (tokens: [String], hashes: [UInt64], paragraphs: [Int32], sources: [Int32], sentences: [Int32]) {
        func isWord(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
        var tokens: [String] = [], paragraphs: [Int32] = [], sources: [Int32] = [], sentences: [Int32] = []
        var current: [UInt8]? = nil
        var newParagraph = true, newSentence = true, sawTerminal = false
        func close() {
            if let token = current { tokens.append(String(decoding: token, as: UTF8.self)) }
            current = nil
        }
        var index = 0
        while index < text.count {
            var byte = text[index]
            var width = 1
            defer { index += width }
            if byte == 0xE2 {
                width = 3
                switch KeyBuilder.role(of: 0x2000 | UInt32(text[index + 2] & 0x3F)) {
                case .apostrophe: byte = UInt8(ascii: "'")
                case .terminal: byte = UInt8(ascii: ".")
                case .blank: byte = 0x20
                case .lineBreak: byte = 0x0A
                case .ignored: continue
                default: byte = UInt8(ascii: "-")
                }
            }
            if isWord(byte) {
                if current == nil {
                    if newParagraph { paragraphs.append(Int32(tokens.count)); sources.append(Int32(index)) }
                    if newParagraph || newSentence { sentences.append(Int32(tokens.count)) }
                    newParagraph = false; newSentence = false; sawTerminal = false
                    current = []
                }
                current!.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
                continue
            }
            if byte == UInt8(ascii: "'"), current != nil, index + width < text.count, isWord(text[index + width]) { continue }
            close()
            switch byte {
            case 0x20, 0x09: if sawTerminal { newSentence = true }
            case 0x0A, 0x0D: newParagraph = true
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): sawTerminal = true
            default: break
            }
        }
        close()
        return (tokens, tokens.map { StableHash.hash64($0) }, paragraphs, sources, sentences)
    }

    @Test func asciiKeysMatchTheReference() {
        var generator = SeededGenerator(seed: 11)
        for _ in 0..<1500 {
            var text = ""
            for _ in 0..<Int(generator.next() % 60) {
                text += Self.words[Int(generator.next() % UInt64(Self.words.count))]
                text += Self.gaps[Int(generator.next() % UInt64(Self.gaps.count))]
            }
            if generator.next() % 2 == 0, let last = text.last, !last.isLetter, last.isASCII { text.removeLast() }
            let key = MatchingKey(text: text)
            let expected = Self.reference(Array(text.utf8))
            #expect((0..<key.count).map(key.token) == expected.tokens, "\(text.debugDescription)")
            #expect(key.string == expected.tokens.joined(separator: " "))
            #expect(key.tokenHashes == expected.hashes, "\(text.debugDescription)")
            #expect(key.paragraphStarts == expected.paragraphs, "\(text.debugDescription)")
            #expect(key.paragraphSources == expected.sources, "\(text.debugDescription)")
            #expect(key.sentenceStarts == expected.sentences, "\(text.debugDescription)")
        }
    }
}
