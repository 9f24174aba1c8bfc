import Foundation

/// The paragraphs of a document as lines of its text, each with the stable hash of its key tokens.
///
/// Two paragraphs with the same hash read the same once normalised (case, quotes, blanks and
/// punctuation aside). Lines without a token (a row of dashes) have no entry.
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

    static func entries(text: String, key: MatchingKey) -> [Entry] {
        var lineStarts = [0]
        var copy = text
        copy.withUTF8 { bytes in
            guard var cursor = bytes.baseAddress else { return }
            let end = cursor + bytes.count
            while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
                let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
                lineStarts.append(newline - bytes.baseAddress! + 1)
                cursor = newline + 1
            }
        }
        var result: [Entry] = []
        result.reserveCapacity(key.paragraphStarts.count)
        var line = 0
        for paragraph in key.paragraphStarts.indices {
            let tokens = key.paragraphTokens(paragraph)
            let source = Int(key.sourceStarts[tokens.lowerBound])
            while line + 1 < lineStarts.count && lineStarts[line + 1] <= source { line += 1 }
            var hash: UInt64 = 0x5041_5241
            for token in tokens { hash = StableHash.combine(hash, key.tokenHashes[token]) }
            result.append(Entry(line: line, hash: hash, tokens: tokens.count))
        }
        return result
    }

    /// `text` without the lines in `removed`.
    static func removing(lines removed: Set<Int>, from text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { !removed.contains($0.offset) }.map(\.element).joined(separator: "\n")
    }
}
