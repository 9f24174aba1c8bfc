/// N-gram shingles of a matching key, as stable 64-bit hashes: of words (the default) or of
/// characters (for very short texts and scripts written without spaces).
///
/// Word shingle `i` hashes tokens `i..<i+size` in order from their token hashes, so no text is
/// touched twice; character shingles hash `size` consecutive scalars of the key, spaces included.
/// A key shorter than `size` gives one shingle of all of it.
public struct Shingler: Sendable {
    /// What a shingle counts.
    public enum Unit: String, Sendable, CaseIterable {
        /// Words (key tokens).
        case words
        /// Unicode scalars of the key.
        case characters
    }

    /// Units per shingle.
    public var size: Int
    /// What a shingle counts.
    public var unit: Unit

    /// A shingler of `size`-unit shingles.
    public init(size: Int, unit: Unit = .words) {
        self.size = max(1, size)
        self.unit = unit
    }

    /// The shingle hashes of `key` (word shingles over the tokens in `range`, the whole key by default).
    public func shingles(of key: MatchingKey, tokens range: Range<Int>? = nil) -> [UInt64] {
        var result = [UInt64]()
        forEachShingle(of: key, tokens: range) { result.append($0) }
        return result
    }

    /// Hands each shingle hash of `key` to `body` in order, without gathering them: what `shingles`
    /// returns, for a caller that only folds them (a signature).
    func forEachShingle(of key: MatchingKey, tokens range: Range<Int>? = nil, _ body: (UInt64) -> Void) {
        if unit == .characters {
            for shingle in characterShingles(of: key, tokens: range ?? 0..<key.count) { body(shingle) }
            return
        }
        let tokens = range ?? 0..<key.count
        guard !tokens.isEmpty else { return }
        key.tokenHashes.withUnsafeBufferPointer { hashes in
            let width = min(size, tokens.count)
            var start = tokens.lowerBound
            let last = tokens.upperBound - width
            while start <= last {
                var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
                var position = start
                let end = start &+ width
                while position < end {
                    hash = StableHash.combine(hash, hashes[position])
                    position &+= 1
                }
                body(hash)
                start &+= 1
            }
        }
    }

    private func characterShingles(of key: MatchingKey, tokens: Range<Int>) -> [UInt64] {
        guard !tokens.isEmpty else { return [] }
        let scalars = Array(String(decoding: key.keyBytes(tokens: tokens), as: UTF8.self).unicodeScalars.map(\.value))
        let width = min(size, scalars.count)
        var result = [UInt64]()
        result.reserveCapacity(scalars.count - width + 1)
        for start in 0...(scalars.count - width) {
            var hash: UInt64 = 0x4348_4152
            for offset in 0..<width { hash = StableHash.combine(hash, UInt64(scalars[start + offset])) }
            result.append(hash)
        }
        return result
    }
}
