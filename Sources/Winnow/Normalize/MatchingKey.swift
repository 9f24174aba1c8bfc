/// The aggressive form of a text that every matching stage compares: never written out.
///
/// Tokens are runs of letters, digits and marks, lower-cased; apostrophes inside a word are dropped
/// (`don't` → `dont`); each CJK ideograph or kana is a token of its own; everything else separates
/// tokens. The key keeps each token's bytes, its stable hash, where it stands in the output text, and
/// which token opens each paragraph, so later stages never tokenise again.
public struct MatchingKey: Sendable, Equatable {
    /// The tokens' UTF-8 bytes, separated by single spaces.
    public private(set) var bytes: [UInt8] = []
    /// The byte offset in `bytes` where each token starts.
    public private(set) var tokenStarts: [Int32] = []
    /// The stable 64-bit hash of each token.
    public private(set) var tokenHashes: [UInt64] = []
    /// The UTF-8 offset in the output text where each token starts.
    public private(set) var sourceStarts: [Int32] = []
    /// The UTF-8 offset in the output text just past each token.
    public private(set) var sourceEnds: [Int32] = []
    /// The index of the first token of each paragraph (a line of the text holding a token).
    public private(set) var paragraphStarts: [Int32] = []
    /// The index of the first token of each sentence: after `.`, `!`, `?` (or their CJK forms) and a
    /// blank, and at every paragraph start. The rule looks only at the text around the boundary, so
    /// the same passage splits the same way wherever it stands.
    public private(set) var sentenceStarts: [Int32] = []

    /// The key of `text`.
    public init(text: String) {
        var copy = text
        copy.withUTF8 { build(from: $0) }
    }

    /// The number of tokens.
    public var count: Int { tokenStarts.count }

    /// True when the text holds no token at all.
    public var isEmpty: Bool { tokenStarts.isEmpty }

    /// The key as a string, tokens separated by spaces.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// The byte range of token `index` in `bytes`.
    public func tokenRange(_ index: Int) -> Range<Int> {
        let start = Int(tokenStarts[index])
        let end = index + 1 < tokenStarts.count ? Int(tokenStarts[index + 1]) - 1 : bytes.count
        return start..<end
    }

    /// The token at `index`, as a string.
    public func token(_ index: Int) -> String {
        String(decoding: bytes[tokenRange(index)], as: UTF8.self)
    }

    /// The token range of paragraph `index`.
    public func paragraphTokens(_ index: Int) -> Range<Int> {
        let start = Int(paragraphStarts[index])
        let end = index + 1 < paragraphStarts.count ? Int(paragraphStarts[index + 1]) : count
        return start..<end
    }

    /// The token range of sentence `index`.
    public func sentenceTokens(_ index: Int) -> Range<Int> {
        let start = Int(sentenceStarts[index])
        let end = index + 1 < sentenceStarts.count ? Int(sentenceStarts[index + 1]) : count
        return start..<end
    }

    /// The key bytes of a token range (tokens separated by spaces).
    public func keyBytes(tokens range: Range<Int>) -> ArraySlice<UInt8> {
        guard !range.isEmpty else { return [] }
        return bytes[Int(tokenStarts[range.lowerBound])..<tokenRange(range.upperBound - 1).upperBound]
    }

    private mutating func build(from text: UnsafeBufferPointer<UInt8>) {
        bytes.reserveCapacity(text.count)
        tokenStarts.reserveCapacity(text.count / 5)
        sourceStarts.reserveCapacity(text.count / 5)
        sourceEnds.reserveCapacity(text.count / 5)
        tokenHashes.reserveCapacity(text.count / 5)
        var tokenOpen = false
        var tokenStart = 0
        var newParagraph = true
        var sawTerminal = false
        var newSentence = true
        var offset = 0
        let count = text.count

        func open(at source: Int) {
            if !tokenStarts.isEmpty { bytes.append(0x20) }
            tokenStart = bytes.count
            tokenStarts.append(Int32(tokenStart))
            sourceStarts.append(Int32(source))
            if newParagraph {
                paragraphStarts.append(Int32(tokenStarts.count - 1))
                newParagraph = false
                newSentence = true
            }
            if newSentence {
                sentenceStarts.append(Int32(tokenStarts.count - 1))
                newSentence = false
            }
            sawTerminal = false
            tokenOpen = true
        }
        func close(at source: Int) {
            guard tokenOpen else { return }
            tokenOpen = false
            sourceEnds.append(Int32(source))
            tokenHashes.append(bytes.withUnsafeBytes {
                StableHash.hash64(UnsafeRawBufferPointer(rebasing: $0[tokenStart..<bytes.count]))
            })
        }

        while offset < count {
            let byte = text[offset]
            if byte < 0x80 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if !tokenOpen { open(at: offset) }
                    bytes.append(byte)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    if !tokenOpen { open(at: offset) }
                    bytes.append(byte | 0x20)
                case UInt8(ascii: "'") where tokenOpen && Self.letterFollows(text, offset + 1):
                    break
                case 0x0A:
                    close(at: offset)
                    newParagraph = true
                case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"):
                    close(at: offset)
                    sawTerminal = true
                case 0x20, 0x09, 0x0D:
                    close(at: offset)
                    if sawTerminal { newSentence = true }
                default:
                    close(at: offset)
                }
                offset += 1
                continue
            }
            let (scalar, length) = Self.decodeScalar(text, offset)
            switch Self.classify(scalar) {
            case .word:
                if !tokenOpen { open(at: offset) }
                Self.appendLowercased(scalar, to: &bytes)
            case .ideograph:
                close(at: offset)
                open(at: offset)
                bytes.append(contentsOf: UTF8.encode(scalar)!)
                close(at: offset + length)
            case .apostrophe where tokenOpen && Self.letterFollows(text, offset + length):
                break
            case .lineBreak:
                close(at: offset)
                newParagraph = true
            case .terminal:
                close(at: offset)
                sawTerminal = true
                newSentence = scalar.value >= 0x3000
            default:
                close(at: offset)
            }
            offset += length
        }
        close(at: count)
    }

    /// How the key treats a non-ASCII scalar.
    enum Role { case word, ideograph, apostrophe, lineBreak, terminal, separator }

    static func classify(_ scalar: Unicode.Scalar) -> Role {
        switch scalar.value {
        case 0x2019, 0x2018, 0x02BC, 0x02B9, 0x2032: return .apostrophe
        case 0x2028, 0x2029, 0x85: return .lineBreak
        case 0x2026, 0x3002, 0xFF01, 0xFF1F, 0xFF0E: return .terminal
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return .ideograph
        default: break
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return .word }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber, .letterNumber, .otherNumber: return .word
        default: return .separator
        }
    }

    static func appendLowercased(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let properties = scalar.properties
        if properties.changesWhenLowercased {
            for lowered in properties.lowercaseMapping.unicodeScalars { bytes.append(contentsOf: UTF8.encode(lowered)!) }
        } else {
            bytes.append(contentsOf: UTF8.encode(scalar)!)
        }
    }

    static func letterFollows(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        guard offset < text.count else { return false }
        let byte = text[offset]
        if byte < 0x80 {
            return (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
        }
        return classify(decodeScalar(text, offset).scalar) == .word
    }

    /// Decodes the scalar at `offset` of valid UTF-8, or U+FFFD for a broken sequence.
    static func decodeScalar(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int) -> (scalar: Unicode.Scalar, length: Int) {
        var iterator = UnsafeBufferPointer(rebasing: text[offset...]).makeIterator()
        var decoder = UTF8()
        switch decoder.decode(&iterator) {
        case .scalarValue(let scalar): return (scalar, UTF8.width(scalar))
        default: return ("\u{FFFD}", 1)
        }
    }
}
