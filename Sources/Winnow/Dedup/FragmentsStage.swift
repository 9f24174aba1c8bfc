/// The `fragments` stage: a short document whose text stands inside a longer kept document (its first
/// sentence, a paragraph, its headline repeated alone) is dropped in favour of that document.
///
/// The index holds one stable hash per sentence of each kept document (and of each near copy dropped
/// in its favour), pointing to the document: about 24 bytes a sentence (`StableHashMultimap`), a
/// sixth of the text's size on news (53 MB for the 315 MB, 102,283-document benchmark corpus).
/// A candidate's sentences are looked up; the kept document that covers the largest
/// share of the candidate's tokens is its container when the share reaches `min-containment`.
/// A candidate that holds half its container or more is a copy with parts cut rather than a
/// fragment, and is dropped as `near-contained`. Teasers are left alone: the `teasers` stage judges them.
public final class FragmentsStage: Stage {
    /// The stage's options, as the pipeline file names them.
    public struct Options: Sendable, Equatable {
        /// The share of a candidate's tokens that must stand in one container.
        public var minContainment = 0.9
        /// Candidates longer than this many tokens are not fragments.
        public var maxLength = 200

        /// The defaults: containment 0.9, candidates up to 200 tokens.
        public init() {}
    }

    public let name = "fragments"
    public let preparation = Preparation()
    private let options: Options
    // Unchecked at run time: only the stage's own calls, which never overlap, touch it (see `Stage`).
    @exclusivity(unchecked) private var index = StableHashMultimap()
    @exclusivity(unchecked) private var lengths: [Int32] = []
    @exclusivity(unchecked) private var ids = IdentifierArena()
    /// Entries walked per sentence at most, so a sentence in every document cannot make a run quadratic.
    private let maximumChain = 32

    /// A fragments stage with `options`.
    public init(options: Options = Options()) { self.options = options }

    /// Hashes each sentence of the key and notes whether the document is a teaser.
    public struct Preparation: DocumentPreparation {
        let detector = TeaserDetector()

        public func prepare(_ document: inout Document) -> (sentences: [(hash: UInt64, tokens: Int)], tokens: Int, teaser: Bool) {
            let key = document.matchingKey()
            let teaser = detector.isCandidate(document)
            var sentences: [(hash: UInt64, tokens: Int)] = []
            sentences.reserveCapacity(key.sentenceStarts.count)
            key.tokenHashes.withUnsafeBufferPointer { hashes in
                for sentence in key.sentenceStarts.indices {
                    let range = key.sentenceTokens(sentence)
                    var hash: UInt64 = 0x5345_4e54
                    for token in range { hash = StableHash.combine(hash, hashes[token]) }
                    sentences.append((hash, range.count))
                }
            }
            return (sentences, key.count, teaser)
        }
    }

    /// Measured: sentence hashes, then an index lookup and insertion per sentence in order.
    public var relativeCost: Double { 3 }

    public var indexBytes: Int {
        index.memoryBytes + MemoryEstimate.of(lengths)
            + ids.memoryBytes
    }

    public func process(_ document: consuming Document, prepared: (sentences: [(hash: UInt64, tokens: Int)], tokens: Int, teaser: Bool),
                        context: StageContext) throws {
        if !prepared.teaser, prepared.tokens > 0, prepared.tokens <= options.maxLength,
           let (container, share) = container(of: prepared.sentences, tokens: prepared.tokens, excluding: document.id) {
            let kept = ids[container]
            let isCopy = prepared.tokens * 2 >= Int(lengths[Int(container)])
            let id = document.id
            context.drop(document, reason: isCopy ? "near-contained" : "fragment", of: kept, score: share)
            context.annotate(kept) { $0.annotations.duplicates.append(id) }
            return
        }
        add(prepared.sentences, tokens: prepared.tokens, of: document.id)
        context.emit(document)
    }

    /// A near copy that an earlier stage dropped still contains what it contained: its sentences are
    /// indexed under the document that absorbed it, so a fragment of the copy (or of the first copy,
    /// when near-dedup keeps the longest) finds that document.
    public func absorbed(_ document: Document, by decision: Decision, context: StageContext) {
        guard let kept = decision.of, decision.reason == "near" || decision.reason == "near-contained" else { return }
        var copy = document
        let prepared = preparation.prepare(&copy)
        guard !prepared.teaser, prepared.tokens > 0 else { return }
        add(prepared.sentences, tokens: prepared.tokens, of: kept)
    }

    /// Indexes the sentences of a document of `tokens` tokens as those of `id`.
    private func add(_ sentences: [(hash: UInt64, tokens: Int)], tokens: Int, of id: DocumentID) {
        let handle = ids.append(id)
        lengths.append(Int32(tokens))
        index.insert(keys: sentences.lazy.map(\.hash), handle: handle)
    }

    /// The longer kept document covering the largest share of the candidate's tokens, if enough;
    /// never the candidate itself, whose near copies may be indexed under its id.
    private func container(of sentences: [(hash: UInt64, tokens: Int)], tokens: Int, excluding id: DocumentID) -> (Int32, Double)? {
        var covered: [(owner: Int32, tokens: Int)] = []
        var seen: [Int32] = []
        for sentence in sentences {
            seen.removeAll(keepingCapacity: true)
            var walked = 0
            index.forEach(key: sentence.hash) { owner in
                if lengths[Int(owner)] > tokens, !seen.contains(owner), !ids.holds(owner, id) {
                    seen.append(owner)
                    if let slot = covered.firstIndex(where: { $0.owner == owner }) {
                        covered[slot].tokens += sentence.tokens
                    } else {
                        covered.append((owner, sentence.tokens))
                    }
                }
                walked += 1
                return walked < maximumChain
            }
        }
        let best = covered.max { $0.tokens < $1.tokens || ($0.tokens == $1.tokens && $0.owner > $1.owner) }
        guard let best else { return nil }
        let share = Double(best.tokens) / Double(tokens)
        return share >= options.minContainment ? (best.owner, share) : nil
    }
}
