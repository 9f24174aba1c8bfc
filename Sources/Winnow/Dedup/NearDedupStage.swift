/// The `near-dedup` stage: documents whose word shingles overlap by at least `threshold` (Jaccard)
/// are one document; the first seen stays and absorbs the others.
///
/// Per document, in parallel: shingles of the matching key, a MinHash signature, and one bucket key
/// per LSH band. In input order: the buckets give candidates among earlier documents, each candidate
/// is verified on a stored 8-bit-per-value signature (Jaccard estimated with the b-bit correction),
/// and a document that matches joins its candidate's cluster. Dropped documents stay in the index
/// and point to their representative, so clusters close transitively, as a union-find would.
public final class NearDedupStage: Stage {
    /// The stage's options, as the pipeline file names them.
    public struct Options: Sendable, Equatable {
        /// Tokens per shingle.
        public var shingle = 5
        /// MinHash values per signature (16…1024).
        public var permutations = 128
        /// The Jaccard similarity from which two documents are one.
        public var threshold = 0.8
        /// LSH bands and rows; derived from the threshold when nil.
        public var lsh: LSHParameters?

        /// The defaults: 5-word shingles, 128 permutations, threshold 0.8.
        public init() {}

        /// The bands and rows in force.
        public var effectiveLSH: LSHParameters {
            lsh ?? LSHParameters(threshold: threshold, permutations: permutations)
        }
    }

    public let name = "near-dedup"
    public let preparation: Preparation
    private let options: Options
    private let lsh: LSHParameters
    private var buckets: [UInt64: Int32] = [:]
    private var chains: [Int32] = []
    private var signatures: [UInt8] = []
    private var representatives: [Int32] = []
    private var ids = IdentifierArena()
    /// Candidates verified per document at most, so a crowded bucket cannot make a run quadratic.
    private let maximumCandidates = 64

    /// A near-dedup stage with `options`.
    public init(options: Options = Options()) {
        self.options = options
        self.lsh = options.effectiveLSH
        self.preparation = Preparation(shingler: Shingler(size: options.shingle),
                                       hasher: MinHasher(count: options.permutations), lsh: lsh)
    }

    /// Shingles, signs and bands one document.
    public struct Preparation: DocumentPreparation {
        let shingler: Shingler
        let hasher: MinHasher
        let lsh: LSHParameters

        /// The signature (8 bits per value) and one bucket key per band; empty for a document without tokens.
        public func prepare(_ document: inout Document) -> (signature: [UInt8], bands: [UInt64]) {
            let shingles = shingler.shingles(of: document.matchingKey())
            guard !shingles.isEmpty else { return ([], []) }
            let signature = hasher.signature(of: shingles)
            var bands = [UInt64]()
            bands.reserveCapacity(lsh.bands)
            for band in 0..<lsh.bands {
                var hash = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
                for row in 0..<lsh.rows { hash = StableHash.combine(hash, UInt64(signature[band * lsh.rows + row])) }
                bands.append(hash)
            }
            return (signature.map { UInt8(truncatingIfNeeded: $0) }, bands)
        }
    }

    public func process(_ document: Document, prepared: (signature: [UInt8], bands: [UInt64]),
                        context: StageContext) throws {
        guard !prepared.bands.isEmpty else {
            context.emit(document)
            return
        }
        let match = bestCandidate(prepared.signature, prepared.bands)
        let handle = ids.append(document.id)
        signatures.append(contentsOf: prepared.signature)
        for band in prepared.bands {
            chains.append(buckets.updateValue(handle, forKey: band) ?? -1)
        }
        if let (candidate, score) = match {
            let representative = representatives[Int(candidate)]
            representatives.append(representative)
            let kept = ids[representative]
            context.drop(document, reason: "near", of: kept, score: score)
            context.annotate(kept) {
                $0.annotations.duplicates.append(document.id)
                $0.annotations.cluster = kept
            }
            context.count("near-dedup.clustered")
        } else {
            representatives.append(handle)
            context.emit(document)
        }
    }

    /// The earlier document most similar to this signature, if any reaches the threshold.
    private func bestCandidate(_ signature: [UInt8], _ bands: [UInt64]) -> (Int32, Double)? {
        var best: (Int32, Double)?
        var checked = Set<Int32>()
        for (band, key) in bands.enumerated() {
            var handle = buckets[key] ?? -1
            while handle >= 0 && checked.count < maximumCandidates {
                if checked.insert(handle).inserted {
                    let score = estimate(signature, handle)
                    if score >= options.threshold && score > (best?.1 ?? -1) { best = (handle, score) }
                }
                handle = chains[Int(handle) * lsh.bands + band]
            }
        }
        return best
    }

    /// The Jaccard estimate from 8-bit signatures, corrected for chance agreement (1 in 256).
    private func estimate(_ signature: [UInt8], _ handle: Int32) -> Double {
        let count = options.permutations
        let offset = Int(handle) * count
        var equal = 0
        signatures.withUnsafeBufferPointer { stored in
            for index in 0..<count where stored[offset + index] == signature[index] { equal += 1 }
        }
        let agreement = Double(equal) / Double(count)
        let chance = 1.0 / 256.0
        return max(0, min(1, (agreement - chance) / (1 - chance)))
    }
}
