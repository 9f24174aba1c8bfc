/// The `near-dedup` stage: documents that are the same article, edited, are one document; the first
/// seen stays and absorbs the others (or, with `representative: longest`, the longest one).
///
/// Per document, in parallel: word shingles of the matching key, a MinHash signature (one-permutation
/// hashing with densification), and one key per LSH band. In input order: the bands give candidates
/// among earlier documents, and each candidate is verified on a stored 4-bit-per-value signature.
/// A pair is the same article when its Jaccard similarity reaches `threshold` (decision `near`), or
/// when the smaller document stands at least `containment` inside the larger, their sizes are within
/// a factor two and their Jaccard similarity is at least 0.45 (decision `near-contained`: a
/// syndicated copy with a paragraph cut, a header or footer added, some words edited). Dropped documents stay in the index and point to their representative, so
/// clusters close transitively, as a union-find would.
///
/// With `representative: longest` the stage holds each document it passes on for the next
/// `representative-window` documents (in input order, so the output never depends on the threads);
/// a longer copy that comes within that span takes a held representative's place — its place in the
/// order too, so later stages still see the article before its fragments and teasers — and the
/// held one is dropped in its favour. A copy that comes later is dropped as usual.
///
/// Memory per document: 12 band entries of 8 bytes in a table kept between 35% and 70% full, a
/// 4-bit signature (64 bytes at 128 permutations), its size and representative (8 bytes), and the id
/// and successor of each kept document: about 250 bytes. `representative: longest` holds up to
/// `representative-window` documents besides.
public final class NearDedupStage: Stage {
    /// The stage's options, as the pipeline file names them.
    public struct Options: Sendable, Equatable {
        /// Units per shingle.
        public var shingle = 5
        /// What a shingle counts: words, or characters (very short texts, scripts without spaces).
        public var unit = Shingler.Unit.words
        /// MinHash values per signature (16…1024).
        public var permutations = 128
        /// The Jaccard similarity from which two documents are one.
        public var threshold = 0.8
        /// The share of the smaller document's shingles inside the larger from which two documents of
        /// similar size are one; 0 turns the test off.
        public var containment = 0.7
        /// LSH bands and rows; derived when nil.
        public var lsh: LSHParameters?
        /// Which document of a cluster is kept.
        public var representative = Representative.first
        /// With `representative: longest`, the documents a kept document waits for a longer copy.
        public var representativeWindow = 10_000

        /// The defaults: 5-word shingles, 128 permutations, Jaccard 0.8, containment 0.7, the first
        /// document of a cluster kept.
        public init() {}

        /// The lowest Jaccard similarity a pair that must be found can have: the threshold, or the
        /// Jaccard of two equal-sized documents at the containment bound.
        public var candidateThreshold: Double {
            containment > 0 ? min(threshold, containment / (2 - containment)) : threshold
        }

        /// The bands and rows in force: given, or derived from the candidate threshold with misses
        /// weighted above extra candidates (verification removes those), within `maximumBands`.
        public var effectiveLSH: LSHParameters {
            lsh ?? LSHParameters(threshold: candidateThreshold, permutations: permutations,
                                 falsePositiveWeight: 0.2, falseNegativeWeight: 0.8, maximumBands: Self.maximumBands)
        }

        /// Bands derived at most: each costs about 12 bytes of index per document.
        public static let maximumBands = 12
    }

    /// Which document of a cluster is kept.
    public enum Representative: String, Sendable, CaseIterable {
        /// The first seen: the output streams with no delay.
        case first
        /// The longest (in UTF-8 bytes; the first of equals) among the copies that come within
        /// `representative-window` documents of the one kept so far.
        case longest
    }

    public let name = "near-dedup"
    public let preparation: Preparation
    private let options: Options
    private let lsh: LSHParameters
    // Unchecked at run time: only the stage's own calls, which never overlap, touch it (see `Stage`).
    @exclusivity(unchecked) private var bands = PackedMultimap()
    @exclusivity(unchecked) private var signatures: [UInt8] = []
    @exclusivity(unchecked) private var sizes: [UInt32] = []
    @exclusivity(unchecked) private var representatives: [Int32] = []
    @exclusivity(unchecked) private var ids = IdentifierArena()
    @exclusivity(unchecked) private var handles: Int32 = 0
    /// For each kept document (by arena handle), the document that replaced it, or -1.
    @exclusivity(unchecked) private var successors: [Int32] = []
    /// With `representative: longest`: the documents passed on but held, in input order.
    @exclusivity(unchecked) private var held = HeldDocuments()
    /// Candidates verified per document at most, so a crowded bucket cannot make a run quadratic.
    private let maximumCandidates = 64

    /// A near-dedup stage with `options`.
    public init(options: Options = Options()) {
        self.options = options
        self.lsh = options.effectiveLSH
        self.preparation = Preparation(shingler: Shingler(size: options.shingle, unit: options.unit),
                                       hasher: MinHasher(count: options.permutations), lsh: lsh)
    }

    /// What near-dedup computes per document.
    public struct Signed: Sendable {
        /// The signature, 4 bits per value, two to a byte, padded to 8 bytes; empty for a document
        /// without tokens, and for a teaser, which the `teasers` stage judges.
        public var signature: [UInt8]
        /// One key per band.
        public var bands: [UInt32]
        /// Shingles.
        public var size: Int
    }

    /// Shingles, signs and bands one document.
    public struct Preparation: DocumentPreparation {
        let shingler: Shingler
        let hasher: MinHasher
        let lsh: LSHParameters
        let detector = TeaserDetector()

        /// The size recorded is the number of shingles: repeats of a 5-word sequence inside one article are
        /// rare enough that counting them apart is not worth a sort.
        /// The full signature lives on the stack: only its packed form and the band keys are kept.
        public func prepare(_ document: inout Document) -> Signed {
            if detector.isCandidate(document) { return Signed(signature: [], bands: [], size: 0) }
            let key = document.matchingKey()
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: hasher.count) { signature in
                signature.initialize(repeating: .max)
                let distinct = hasher.sign(into: signature) { feed in shingler.forEachShingle(of: key, feed) }
                guard distinct > 0 else { return Signed(signature: [], bands: [], size: 0) }
                var keys = [UInt32]()
                keys.reserveCapacity(lsh.bands)
                for band in 0..<lsh.bands {
                    var hash = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
                    for row in 0..<lsh.rows { hash = StableHash.combine(hash, UInt64(signature[band * lsh.rows + row])) }
                    keys.append(UInt32(truncatingIfNeeded: hash >> 32))
                }
                return Signed(signature: Self.pack(UnsafeBufferPointer(signature)), bands: keys, size: distinct)
            }
        }

        /// The low 4 bits of each value, two to a byte, padded with zeros to a multiple of 8 bytes.
        static func pack(_ values: UnsafeBufferPointer<UInt32>) -> [UInt8] {
            let count = values.count
            return [UInt8](unsafeUninitializedCapacity: (count + 15) / 16 * 8) { packed, initialized in
                packed.initialize(repeating: 0)
                for pair in 0..<count / 2 {
                    packed[pair] = UInt8(truncatingIfNeeded: values[2 * pair] & 0xF | (values[2 * pair + 1] & 0xF) << 4)
                }
                if count % 2 == 1 { packed[count / 2] = UInt8(truncatingIfNeeded: values[count - 1] & 0xF) }
                initialized = packed.count
            }
        }
    }

    /// Measured: shingling and signing in preparation, candidates and verification in order.
    public var relativeCost: Double { 5 }

    public var indexBytes: Int {
        bands.memoryBytes + MemoryEstimate.of(signatures) + MemoryEstimate.of(sizes) + MemoryEstimate.of(representatives)
            + MemoryEstimate.of(successors) + ids.memoryBytes
    }

    public func process(_ document: consuming Document, prepared: Signed, context: StageContext) throws {
        let id = document.id
        guard !prepared.bands.isEmpty else {
            pass(document, context: context)
            return
        }
        let match = bestCandidate(prepared)
        let handle = handles
        handles += 1
        signatures.append(contentsOf: prepared.signature)
        sizes.append(UInt32(min(prepared.size, Int(UInt32.max))))
        for key in prepared.bands { bands.insert(key: key, handle: handle) }
        guard let (candidate, reason, score) = match else {
            representatives.append(keep(id))
            pass(document, context: context)
            return
        }
        let representative = current(representatives[Int(candidate)])
        let kept = ids[representative]
        if options.representative == .longest, let length = held.length(of: kept), length < document.text.utf8.count {
            let successor = keep(id)
            successors[Int(representative)] = successor
            representatives.append(successor)
            let replaced = held.exchange(kept, for: document)
            _ = held.annotate(id) {
                $0.annotations.duplicates = replaced.annotations.duplicates + [replaced.id] + $0.annotations.duplicates
                $0.annotations.cluster = id
            }
            context.drop(replaced, reason: reason, of: id, score: score)
            return
        }
        representatives.append(representative)
        context.drop(document, reason: reason, of: kept, score: score)
        let join = { (member: inout Document) in
            member.annotations.duplicates.append(id)
            member.annotations.cluster = kept
        }
        if !held.annotate(kept, join) { context.annotate(kept, join) }
    }

    public func finish(context: StageContext) throws {
        for document in held.releaseAll() { context.emit(document) }
    }

    public func annotateHeld(_ id: DocumentID, _ change: (inout Document) -> Void) -> Bool {
        held.annotate(id, change)
    }

    /// A new kept document's arena handle.
    private func keep(_ id: DocumentID) -> Int32 {
        successors.append(-1)
        return ids.append(id)
    }

    /// The kept document a cluster has now: `handle`, or the longer one that replaced it.
    private func current(_ handle: Int32) -> Int32 {
        var handle = handle
        while successors[Int(handle)] >= 0 { handle = successors[Int(handle)] }
        return handle
    }

    /// Passes a document on: at once, or behind the held ones so the order stays the input's.
    private func pass(_ document: consuming Document, context: StageContext) {
        guard options.representative == .longest else { return context.emit(document) }
        held.append(document)
        releaseAged(context: context)
    }

    /// Passes on the held documents older than the window.
    private func releaseAged(context: StageContext) {
        for document in held.release(keeping: options.representativeWindow) { context.emit(document) }
    }

    /// The earlier document that is most clearly the same article, if any.
    private func bestCandidate(_ signed: Signed) -> (Int32, String, Double)? {
        var best: (Int32, String, Double)?
        var checked: [Int32] = []
        bands.forEach(keys: signed.bands) { handle in
            guard checked.count < maximumCandidates, !checked.contains(handle) else { return }
            checked.append(handle)
            guard let verdict = verify(signed, against: handle) else { return }
            if best == nil || verdict.1 > best!.2 || (verdict.1 == best!.2 && handle < best!.0) {
                best = (handle, verdict.0, verdict.1)
            }
        }
        return best
    }

    /// The Jaccard similarity a `near-contained` pair needs as well: containment alone would merge two
    /// short items that share little but a site's footer.
    static let containmentJaccardFloor = 0.45

    /// `near` with the Jaccard estimate, or `near-contained` with the containment estimate, or nil.
    private func verify(_ signed: Signed, against handle: Int32) -> (String, Double)? {
        let jaccard = estimate(signed.signature, handle)
        if jaccard >= options.threshold { return ("near", jaccard) }
        guard options.containment > 0 else { return nil }
        let a = Double(signed.size), b = Double(sizes[Int(handle)])
        let smaller = min(a, b), larger = max(a, b)
        guard smaller * 2 >= larger, jaccard >= Self.containmentJaccardFloor else { return nil }
        let containment = min(1, jaccard * (a + b) / ((1 + jaccard) * smaller))
        return containment >= options.containment ? ("near-contained", containment) : nil
    }

    /// The Jaccard estimate from 4-bit signatures, corrected for chance agreement (1 in 16): sixteen
    /// values compared at a time by counting the zero nibbles of their difference.
    private func estimate(_ signature: [UInt8], _ handle: Int32) -> Double {
        let width = signature.count
        let offset = Int(handle) * width
        var differing = 0
        signatures.withUnsafeBytes { stored in
            signature.withUnsafeBytes { signature in
                for word in stride(from: 0, to: width, by: 8) {
                    var difference = stored.loadUnaligned(fromByteOffset: offset + word, as: UInt64.self)
                        ^ signature.loadUnaligned(fromByteOffset: word, as: UInt64.self)
                    difference |= difference >> 1
                    difference |= difference >> 2
                    differing += (difference & 0x1111_1111_1111_1111).nonzeroBitCount
                }
            }
        }
        let count = options.permutations
        let agreement = Double(count - differing) / Double(count)
        let chance = 1.0 / 16.0
        return max(0, min(1, (agreement - chance) / (1 - chance)))
    }
}
