import Foundation

/// The heads of kept documents and of their paragraphs, looked up by their first tokens.
///
/// Each head is the matching key from a paragraph's first token on, cut to `headBytes` bytes, so the
/// memory per head is bounded whatever the paragraph's length: the bytes in an arena of chunks that
/// never move, 13 bytes of offset, length, owner and the previous head under the same anchor, and the
/// anchor's slot in `ChainedMultimap` (at most about 155 bytes for each of the first two paragraphs of
/// a document and 95 for each of the next ten). Lookups hash the first `anchorTokens` tokens, then
/// compare bytes.
struct HeadIndex {
    /// Tokens hashed to find a head.
    static let anchorTokens = 3
    /// Key bytes kept per head of the first two paragraphs (about twenty words), where most teasers
    /// are cut; a longer teaser is verified on these. At most 255, the length a head keeps in a byte.
    static let headBytes = 128
    /// Key bytes kept per head of a later paragraph (about ten words).
    static let laterHeadBytes = 64
    /// Paragraphs of a document whose heads are kept.
    static let paragraphsPerDocument = 12
    /// Heads under an anchor that `holds` reads at most: a head it misses is only stored twice.
    static let heldHeadsRead = 32
    /// Marks, in `starts`, a head that holds the rest of its document's key.
    private static let completeFlag: UInt32 = 1 << 31

    private var anchors = ChainedMultimap()
    private var arena = ChunkedArray<UInt8>()
    private var starts = ChunkedArray<UInt32>()
    private var lengths = ChunkedArray<UInt8>()
    private var owners = ChunkedArray<Int32>()

    /// A paragraph's head: its anchor hash, its first key bytes, and whether they reach the key's end.
    typealias Head = (anchor: UInt64, bytes: ArraySlice<UInt8>, complete: Bool)

    /// The anchor hash of the tokens starting at `start`, or nil when fewer tokens remain.
    static func anchor(_ key: MatchingKey, from start: Int) -> UInt64? {
        guard start + anchorTokens <= key.count else { return nil }
        var hash: UInt64 = 0x4845_4144
        for token in start..<start + anchorTokens { hash = StableHash.combine(hash, key.tokenHashes[token]) }
        return hash
    }

    /// The heads of `key`: one per paragraph start, as (anchor, bytes, complete).
    static func heads(of key: MatchingKey) -> [Head] {
        var result: [Head] = []
        result.reserveCapacity(min(key.paragraphStarts.count, paragraphsPerDocument))
        for paragraph in key.paragraphStarts.indices.prefix(paragraphsPerDocument) {
            let start = Int(key.paragraphStarts[paragraph])
            guard let anchor = anchor(key, from: start) else { continue }
            let from = Int(key.tokenStarts[start])
            let to = min(key.bytes.count, from + (paragraph < 2 ? headBytes : laterHeadBytes))
            result.append((anchor, key.bytes[from..<to], to == key.bytes.count))
        }
        return result
    }

    /// Bytes held.
    var memoryBytes: Int { anchors.memoryBytes + arena.memoryBytes + starts.memoryBytes + lengths.memoryBytes + owners.memoryBytes }

    /// Remembers the heads of a document (`heads(of:)` of its key), under `owner`; with
    /// `skippingHeldOnes`, not those `owner` has already (a near copy's heads that its representative shares).
    mutating func insert(owner: Int32, heads: [Head], skippingHeldOnes: Bool) {
        anchors.prefetch(keys: heads.lazy.map { UInt32(truncatingIfNeeded: $0.anchor) })
        for head in heads {
            if skippingHeldOnes && holds(head, of: owner) { continue }
            let start = head.bytes.withUnsafeBufferPointer { arena.appendContiguous($0) }
            starts.append(UInt32(start) | (head.complete ? Self.completeFlag : 0))
            lengths.append(UInt8(head.bytes.count))
            owners.append(owner)
            anchors.insert(key: UInt32(truncatingIfNeeded: head.anchor), handle: Int32(owners.count - 1))
        }
    }

    /// True when `owner` has a head with the same anchor, bytes and completeness as `head` among the
    /// newest `heldHeadsRead` heads under the anchor.
    private func holds(_ head: Head, of owner: Int32) -> Bool {
        var held = false
        var read = 0
        anchors.forEach(key: UInt32(truncatingIfNeeded: head.anchor)) { index in
            read += 1
            let entry = Int(index)
            guard owners[entry] == owner, Int(lengths[entry]) == head.bytes.count else { return read < Self.heldHeadsRead }
            let start = starts[entry]
            guard (start & Self.completeFlag != 0) == head.complete else { return read < Self.heldHeadsRead }
            held = arena.withContiguous(from: Int(start & ~Self.completeFlag), count: head.bytes.count) { stored in
                head.bytes.withUnsafeBufferPointer { memcmp(stored.baseAddress!, $0.baseAddress!, stored.count) == 0 }
            }
            return !held && read < Self.heldHeadsRead
        }
        return held
    }

    /// The owners whose heads begin with the teaser pattern, newest head first, each with how its head
    /// matched.
    func matches(_ pattern: TeaserPattern) -> [(owner: Int32, match: TeaserPattern.Match)] {
        var result: [(owner: Int32, match: TeaserPattern.Match)] = []
        anchors.forEach(key: UInt32(truncatingIfNeeded: pattern.anchor)) { index in
            let entry = Int(index)
            let start = starts[entry]
            let match = arena.withContiguous(from: Int(start & ~Self.completeFlag), count: Int(lengths[entry])) { head in
                pattern.match(head: head, complete: start & Self.completeFlag != 0)
            }
            if let match { result.append((owners[entry], match)) }
            return true
        }
        return result
    }
}
