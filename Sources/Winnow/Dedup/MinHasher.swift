/// MinHash signatures by one-permutation hashing with optimal densification (Shrivastava, 2017).
///
/// Each shingle hash is mixed once; its top bits choose one of `count` bins and its low 32 bits
/// compete for that bin's minimum, so the cost is O(1) per shingle whatever the signature length.
/// Empty bins borrow the value of a bin chosen by a stable hash sequence of the empty bin's index,
/// which keeps the estimator unbiased. The signature is a pure function of the shingles, the count
/// and the seed: the same on every machine and every run.
public struct MinHasher: Sendable {
    /// Values per signature.
    public let count: Int
    /// Seeds the mixing, so independent signatures can be drawn.
    public let seed: UInt64

    /// A hasher of `count`-value signatures.
    public init(count: Int, seed: UInt64 = 0x5749_4e4e_4f57_4d48) {
        precondition(count > 0)
        self.count = count
        self.seed = seed
    }

    /// The signature of a set of shingle hashes (repeats do not matter).
    public func signature(of shingles: [UInt64]) -> [UInt32] {
        var bins = [UInt32](repeating: .max, count: count)
        bins.withUnsafeMutableBufferPointer { bins in
            _ = sign(into: bins) { feed in for shingle in shingles { feed(shingle) } }
        }
        return bins
    }

    /// Signs the shingle hashes that `shingles` hands to its argument into `bins` (`count` values,
    /// all `UInt32.max` on entry), allocating nothing; returns how many shingles came. The same
    /// signature as `signature(of:)` for the same shingles.
    func sign(into bins: UnsafeMutableBufferPointer<UInt32>, _ shingles: ((UInt64) -> Void) -> Void) -> Int {
        precondition(bins.count == count)
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: count) { filled in
            filled.initialize(repeating: false)
            let width = UInt64(count)
            var seen = 0
            shingles { shingle in
                let mixed = StableHash.mix(shingle, seed: seed)
                let bin = Int(((mixed >> 32) &* width) >> 32)
                bins[bin] = min(bins[bin], UInt32(truncatingIfNeeded: mixed))
                filled[bin] = true
                seen &+= 1
            }
            guard seen > 0 else { return 0 }
            for bin in 0..<count where !filled[bin] {
                var attempt: UInt64 = 1
                while true {
                    let probe = StableHash.mix(UInt64(bin) << 32 | attempt, seed: seed ^ 0xD3E5)
                    let donor = Int(((probe >> 32) &* width) >> 32)
                    if filled[donor] {
                        bins[bin] = bins[donor]
                        break
                    }
                    attempt += 1
                }
            }
            return seen
        }
    }

    /// The fraction of positions where two signatures agree: an estimate of their Jaccard similarity.
    public static func similarity(_ a: [UInt32], _ b: [UInt32]) -> Double {
        precondition(a.count == b.count)
        var equal = 0
        for index in a.indices where a[index] == b[index] { equal += 1 }
        return Double(equal) / Double(a.count)
    }
}
