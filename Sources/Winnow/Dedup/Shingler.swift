/// Word n-gram shingles of a matching key, as stable 64-bit hashes.
///
/// Shingle `i` hashes tokens `i..<i+size` in order from their token hashes, so no text is touched
/// twice. A key shorter than `size` tokens gives one shingle of all its tokens.
public struct Shingler: Sendable {
    /// Tokens per shingle.
    public var size: Int

    /// A shingler of `size`-token shingles.
    public init(size: Int) { self.size = max(1, size) }

    /// The shingle hashes of `key`'s tokens in `range` (the whole key by default).
    public func shingles(of key: MatchingKey, tokens range: Range<Int>? = nil) -> [UInt64] {
        let tokens = range ?? 0..<key.count
        guard !tokens.isEmpty else { return [] }
        return key.tokenHashes.withUnsafeBufferPointer { hashes in
            let width = min(size, tokens.count)
            var result = [UInt64]()
            result.reserveCapacity(tokens.count - width + 1)
            for start in tokens.lowerBound...(tokens.upperBound - width) {
                var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
                for offset in 0..<width { hash = StableHash.combine(hash, hashes[start + offset]) }
                result.append(hash)
            }
            return result
        }
    }
}
