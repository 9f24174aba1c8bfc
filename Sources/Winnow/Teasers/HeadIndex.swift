/// The heads of kept documents and of their paragraphs, looked up by their first tokens.
///
/// Each head is the matching key from a paragraph's first token on, cut to `headBytes` bytes, so the
/// memory per head is bounded whatever the paragraph's length. Lookups hash the first
/// `anchorTokens` tokens, then compare bytes.
struct HeadIndex {
    /// Tokens hashed to find a head.
    static let anchorTokens = 3
    /// Key bytes kept per head; a longer teaser is verified on these.
    static let headBytes = 320
    /// Paragraphs of a document whose heads are kept.
    static let paragraphsPerDocument = 12

    struct Head {
        var owner: Int32
        var paragraph: Int32
        var bytes: [UInt8]
        var complete: Bool
    }

    private var buckets: [UInt64: [Int32]] = [:]
    private var heads: [Head] = []

    /// The anchor hash of the tokens starting at `start`, or nil when fewer tokens remain.
    static func anchor(_ key: MatchingKey, from start: Int) -> UInt64? {
        guard start + anchorTokens <= key.count else { return nil }
        var hash: UInt64 = 0x4845_4144
        for token in start..<start + anchorTokens { hash = StableHash.combine(hash, key.tokenHashes[token]) }
        return hash
    }

    /// The heads of `key`: one per paragraph start, as (anchor, paragraph, bytes, complete).
    static func heads(of key: MatchingKey) -> [(anchor: UInt64, paragraph: Int, bytes: ArraySlice<UInt8>, complete: Bool)] {
        var result: [(UInt64, Int, ArraySlice<UInt8>, Bool)] = []
        for paragraph in key.paragraphStarts.indices.prefix(paragraphsPerDocument) {
            let start = Int(key.paragraphStarts[paragraph])
            guard let anchor = anchor(key, from: start) else { continue }
            let from = Int(key.tokenStarts[start])
            let to = min(key.bytes.count, from + headBytes)
            result.append((anchor, paragraph, key.bytes[from..<to], to == key.bytes.count))
        }
        return result
    }

    /// Bytes held.
    var memoryBytes: Int {
        heads.reduce(heads.capacity * MemoryLayout<Head>.stride) { $0 + $1.bytes.capacity }
            + MemoryEstimate.of(buckets) + buckets.values.reduce(0) { $0 + $1.capacity * 4 + 32 }
    }

    /// Remembers the heads of a kept document.
    mutating func insert(owner: Int32, key: MatchingKey) {
        for head in Self.heads(of: key) {
            heads.append(Head(owner: owner, paragraph: Int32(head.paragraph), bytes: Array(head.bytes), complete: head.complete))
            buckets[head.anchor, default: []].append(Int32(heads.count - 1))
        }
    }

    /// The owners whose heads begin with the teaser pattern, with the paragraph matched.
    func matches(_ pattern: TeaserPattern) -> [(owner: Int32, paragraph: Int)] {
        guard let bucket = buckets[pattern.anchor] else { return [] }
        var result: [(Int32, Int)] = []
        for entry in bucket {
            let head = heads[Int(entry)]
            if pattern.matches(head: head.bytes[...], complete: head.complete) { result.append((head.owner, Int(head.paragraph))) }
        }
        return result
    }
}
