import Foundation

/// The paragraphs of a document as lines of its text, each with the stable hash of its key tokens.
///
/// Two paragraphs with the same hash read the same once normalised (case, quotes, blanks and
/// punctuation aside). Lines without a token (a row of dashes) have no entry. Lines are found and
/// cut on the UTF-8 bytes: a line feed is never part of a grapheme cluster that matters here, and
/// splitting a `String` by `Character` costs twenty times more.
public enum ParagraphMap {
    /// One paragraph: its line, the hash of its key tokens, and how many tokens it has.
    public struct Entry: Sendable, Equatable {
        /// The line of the text (0-based, counting every `\n`).
        public var line: Int
        /// The hash of the paragraph's key tokens.
        public var hash: UInt64
        /// Its key tokens.
        public var tokens: Int
    }

    /// The entries of `text` with its `key`; `starts` are the text's `lineStarts` when already known.
    static func entries(text: String, key: MatchingKey, starts: [Int]? = nil) -> [Entry] {
        let lineStarts = starts ?? lineStarts(of: text)
        var result: [Entry] = []
        result.reserveCapacity(key.paragraphStarts.count)
        var line = 0
        for paragraph in key.paragraphStarts.indices {
            let tokens = key.paragraphTokens(paragraph)
            let source = Int(key.paragraphSources[paragraph])
            while line + 1 < lineStarts.count && lineStarts[line + 1] <= source { line += 1 }
            var hash: UInt64 = 0x5041_5241
            for token in tokens { hash = StableHash.combine(hash, key.tokenHashes[token]) }
            result.append(Entry(line: line, hash: hash, tokens: tokens.count))
        }
        return result
    }

    /// The UTF-8 offset where each line of `text` starts; the first is 0.
    static func lineStarts(of text: String) -> [Int] {
        var starts = [0]
        text.withUTF8Bytes { bytes in
            guard let base = bytes.baseAddress else { return }
            // A line every 200 bytes or so in news; a guess too low costs one more growth.
            starts.reserveCapacity(bytes.count / 128 + 8)
            var cursor = base
            let end = base + bytes.count
            while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
                let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                starts.append(newline - base + 1)
                cursor = newline + 1
            }
        }
        return starts
    }

    /// Line `number` of `text`, without its line feed; `starts` are the text's `lineStarts`.
    static func line(_ number: Int, of text: String, starts: [Int]) -> Substring {
        let utf8 = text.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: starts[number])
        let to = number + 1 < starts.count ? utf8.index(utf8.startIndex, offsetBy: starts[number + 1] - 1) : utf8.endIndex
        return text[from..<to]
    }

    /// `text` without the lines in `removed`; `starts` are the text's `lineStarts`.
    static func removing(lines removed: Set<Int>, from text: String, starts: [Int]) -> String {
        var kept: [UInt8] = []
        kept.reserveCapacity(text.utf8.count)
        text.withUTF8Bytes { bytes in
            var first = true
            for line in starts.indices where !removed.contains(line) {
                let end = line + 1 < starts.count ? starts[line + 1] - 1 : bytes.count
                if !first { kept.append(0x0A) }
                first = false
                kept.append(contentsOf: bytes[starts[line]..<end])
            }
        }
        return kept.withUnsafeBufferPointer { String(repairingUTF8: $0) }
    }

    /// True when `text` has a paragraph: a line with something besides spaces and tabs.
    static func hasParagraph(_ text: String) -> Bool {
        text.utf8.contains { $0 != 0x0A && $0 != 0x20 && $0 != 0x09 }
    }
}
