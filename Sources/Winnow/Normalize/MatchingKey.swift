/// The aggressive form of a text that every matching stage compares: never written out.
///
/// HTML references are decoded and mojibake repaired; tokens are runs of letters, digits and marks in
/// NFKC with full case folding (ASCII tokens take a fast path); apostrophes inside a word are dropped
/// (`don't` → `dont`), invisible format characters ignored, each CJK ideograph or kana is a token of
/// its own; quotes, dashes, ellipses and all other punctuation separate tokens. The key keeps each
/// token's bytes and stable hash, which token opens each paragraph and sentence, and where each
/// paragraph starts in the text, so later stages never tokenise again.
///
/// The key is immutable and shared, not copied: every stage that reads a document's key reads the
/// same one, and handing it on costs one reference count.
///
/// ```swift
/// MatchingKey(text: "Ｃafé’s “ﬁnal” — STRASSE").string   // "cafés final strasse"
/// ```
public final class MatchingKey: Sendable, Equatable {
    /// The tokens' UTF-8 bytes, separated by single spaces.
    public let bytes: [UInt8]
    /// The byte offset in `bytes` where each token starts.
    public let tokenStarts: [Int32]
    /// The stable 64-bit hash of each token.
    public let tokenHashes: [UInt64]
    /// The index of the first token of each paragraph (a line of the text holding a token).
    public let paragraphStarts: [Int32]
    /// The UTF-8 offset in the text where each paragraph's first token starts, to find its line.
    public let paragraphSources: [Int32]
    /// The index of the first token of each sentence: after `.`, `!`, `?` (or their CJK forms) and a
    /// blank, and at every paragraph start. The rule looks only at the text around the boundary, so
    /// the same passage splits the same way wherever it stands.
    public let sentenceStarts: [Int32]

    /// The key of `text`, read in place. The text is borrowed, not taken: a document's key is built on
    /// another thread than its text was, and taking the string would first retain it there.
    public convenience init(text: borrowing String) {
        self.init(building: text.withUTF8Bytes { KeyBuilder.built(from: $0) })
    }

    private init(building builder: consuming KeyBuilder) {
        bytes = builder.bytes.take()
        tokenStarts = builder.tokenStarts.take()
        tokenHashes = builder.tokenHashes.take()
        paragraphStarts = builder.paragraphStarts.take()
        paragraphSources = builder.paragraphSources.take()
        sentenceStarts = builder.sentenceStarts.take()
    }

    /// Two keys are equal when they hold the same tokens, hashes, paragraphs and sentences.
    public static func == (lhs: MatchingKey, rhs: MatchingKey) -> Bool {
        lhs === rhs || (lhs.bytes == rhs.bytes && lhs.tokenStarts == rhs.tokenStarts && lhs.tokenHashes == rhs.tokenHashes
                        && lhs.paragraphStarts == rhs.paragraphStarts && lhs.paragraphSources == rhs.paragraphSources
                        && lhs.sentenceStarts == rhs.sentenceStarts)
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
}
