/// The `teasers` stage: finds truncated teasers and matches each to the article it was cut from.
///
/// A teaser is a record a reader flagged, or a short one (`max-chars`) that ends with an ellipsis and
/// possibly a "read more" tail. Its key, less the last (possibly cut) word, must begin the key of a
/// kept document or of one of its paragraphs. Heads of kept documents are indexed as they pass, and
/// those of duplicates dropped upstream under their representative; a teaser that finds no article
/// waits for one until the end of the stream, so order does not matter. Two different articles with
/// the same head make the teaser `ambiguous`: it is kept, not guessed.
public final class TeasersStage: Stage {
    /// What to do with a teaser that matched its article.
    public enum OnMatch: String, Sendable, CaseIterable {
        /// Drop it (decision `teaser`); the article records it.
        case drop
        /// Keep its id and fields, give it the article's full text, mark it repaired.
        case expand
        /// Keep it as it is, annotated with the article it belongs to.
        case link
    }

    /// What to do with a teaser whose article is not in the corpus.
    public enum Unmatched: String, Sendable, CaseIterable {
        /// Keep it, marked truncated.
        case keep
        /// Drop it (decision `unmatched-teaser`).
        case drop
    }

    /// The stage's options, as the pipeline file names them.
    public struct Options: Sendable, Equatable {
        /// Key characters a teaser must share with its article's head, at least.
        public var minChars = 20
        /// Records longer than this are never teasers.
        public var maxChars = 600
        /// What to do with a matched teaser.
        public var onMatch = OnMatch.drop
        /// What to do with an unmatched teaser.
        public var unmatched = Unmatched.keep
        /// The "read more" tails that may follow the ellipsis, compared case-insensitively.
        public var tails = TeaserDetector.defaultTails

        /// The defaults: 20 characters of evidence, teasers up to 600 characters, drop on match, keep unmatched.
        public init() {}
    }

    public let name = "teasers"
    public let preparation: Preparation
    private let options: Options
    // Unchecked at run time: only the stage's own calls, which never overlap, touch it (see `Stage`).
    @exclusivity(unchecked) private var heads = HeadIndex()
    @exclusivity(unchecked) private var ids = IdentifierArena()
    /// The handle of each id with heads indexed, under the id's stable hash, so a near copy's heads
    /// join its representative's under one handle and the heads they share are kept once.
    @exclusivity(unchecked) private var handles = StableHashMap<Int32>(filler: -1)
    @exclusivity(unchecked) private var waiting: [StableHashKey: [Int]] = [:]
    @exclusivity(unchecked) private var held: [(document: Document, pattern: TeaserPattern)?] = []
    @exclusivity(unchecked) private var lateAttachments: [DocumentID: [AttachedTeaser]] = [:]

    /// What the preparation found out about a document.
    public enum TeaserEvidence: Sendable {
        /// Not a teaser.
        case none
        /// A teaser with too little text to match an article safely.
        case tooShort
        /// A teaser, with what its article's head must begin with.
        case pattern(TeaserPattern)
    }

    /// A teasers stage with `options`.
    public init(options: Options = Options()) {
        self.options = options
        self.preparation = Preparation(detector: TeaserDetector(tails: options.tails), options: options)
    }

    /// Detects whether a document is a teaser and builds its pattern.
    public struct Preparation: DocumentPreparation {
        let detector: TeaserDetector
        let options: Options

        public func prepare(_ document: inout Document) -> TeaserEvidence {
            let flagged = document.annotations.teaserCandidate
            guard flagged || document.text.utf8.count <= options.maxChars * 4 else { return .none }
            let body: String
            if let detection = detector.detect(document.text) {
                // A text has no more characters than bytes, so the bytes settle most cases without counting characters.
                guard flagged || detection.body.utf8.count <= options.maxChars || detection.body.count <= options.maxChars else { return .none }
                body = String(detection.body)
            } else if flagged {
                body = document.text
            } else {
                return .none
            }
            return TeaserPattern(body: body, minimumBytes: options.minChars).map { .pattern($0) } ?? .tooShort
        }
    }

    /// It looks at documents waiting to be written to change them and log the change.
    public var readsWaitingDocuments: Bool { true }

    /// Measured: the teaser test, then the heads of every article indexed in order.
    public var relativeCost: Double { 3 }

    public var indexBytes: Int { heads.memoryBytes + ids.memoryBytes + handles.memoryBytes }

    public func process(_ document: consuming Document, prepared evidence: TeaserEvidence, context: StageContext) throws {
        switch evidence {
        case .none: break
        case .tooShort:
            context.count("teasers.found")
            context.count("teasers.too-short")
            keepUnmatched(document, context: context)
            return
        case .pattern(let pattern):
            context.count("teasers.found")
            resolve(document, pattern, context: context)
            return
        }
        var article: Document? = consume document
        let id = article!.id
        if let attachments = lateAttachments.removeValue(forKey: id) {
            article!.annotations.teasers += attachments
        }
        let key = article!.matchingKey()
        index(key, of: id, article: &article, context: context)
        context.emit(article.take()!)
    }

    /// A near copy dropped upstream still shows what its article's heads look like: index them under
    /// the representative, so a teaser cut from the twin links to the kept document. An exact copy has
    /// the same matching key, so the same heads, as the document it was dropped for: nothing to add.
    public func absorbed(_ document: Document, by decision: Decision, context: StageContext) {
        guard let target = decision.of, decision.reason == "near" || decision.reason == "near-contained" else { return }
        let kept = context.survivor(of: target)
        guard !preparation.detector.isCandidate(document, maxChars: options.maxChars) else { return }
        var copy = document
        var article: Document?
        index(copy.matchingKey(), of: kept, article: &article, context: context)
    }

    public func finish(context: StageContext) throws {
        for entry in held {
            guard let entry else { continue }
            keepUnmatched(entry.document, context: context)
        }
        if !lateAttachments.isEmpty { context.count("teasers.recorded-late", by: lateAttachments.values.reduce(0) { $0 + $1.count }) }
        held.removeAll()
        waiting.removeAll()
        lateAttachments.removeAll()
    }

    /// Indexes the heads of `key` as those of article `id`, and matches the teasers waiting for them;
    /// `article` is the document when it is in hand.
    private func index(_ key: MatchingKey, of id: DocumentID, article: inout Document?, context: StageContext) {
        let found = HeadIndex.heads(of: key)
        if let known = handles[id.stableHash], ids.holds(known, id) {
            heads.insert(owner: known, heads: found, skippingHeldOnes: true)
        } else {
            let handle = ids.append(id)
            _ = handles.updateValue(handle, forKey: id.stableHash)
            heads.insert(owner: handle, heads: found, skippingHeldOnes: false)
        }
        guard !waiting.isEmpty else { return }
        for head in found {
            guard let slots = waiting[StableHashKey(head.anchor)] else { continue }
            var remaining: [Int] = []
            for slot in slots {
                guard let entry = held[slot] else { continue }
                if entry.pattern.matches(head: head.bytes, complete: head.complete) {
                    held[slot] = nil
                    apply(entry.document, to: &article, articleID: id, context: context)
                } else {
                    remaining.append(slot)
                }
            }
            waiting[StableHashKey(head.anchor)] = remaining.isEmpty ? nil : remaining
        }
    }

    private func resolve(_ teaser: Document, _ pattern: TeaserPattern, context: StageContext) {
        // An article whose head holds the whole teaser is better evidence than one whose head was cut
        // short of the teaser's end (a later paragraph keeps fewer bytes): when exactly one article
        // holds it whole, the teaser is its, whatever the cut-short heads agree with.
        let matched = heads.matches(pattern)
        func survivors(_ entries: some Sequence<(owner: Int32, match: TeaserPattern.Match)>) -> Set<DocumentID> {
            Set(entries.map { context.survivor(of: ids[$0.owner]) }).subtracting([teaser.id])
        }
        let whole = survivors(matched.lazy.filter { $0.match == .whole })
        let owners = whole.count == 1 ? whole : survivors(matched)
        if owners.count > 1 {
            context.count("teasers.ambiguous")
            var kept = teaser
            kept.annotations.truncated = true
            context.emit(kept)
            return
        }
        if let articleID = owners.first {
            var article: Document?
            apply(teaser, to: &article, articleID: articleID, context: context)
            return
        }
        held.append((teaser, pattern))
        waiting[StableHashKey(pattern.anchor), default: []].append(held.count - 1)
    }

    /// Applies `on-match` to a teaser and its article: changed in place when in hand, else through the
    /// output window, else recorded for when the article comes through this stage.
    private func apply(_ teaser: Document, to article: inout Document?, articleID: DocumentID, context: StageContext) {
        context.count("teasers.matched")
        let attached = AttachedTeaser(id: teaser.id, text: teaser.text)
        switch options.onMatch {
        case .drop:
            context.drop(teaser, reason: "teaser", of: articleID, score: 1)
            if article != nil {
                article!.annotations.teasers.append(attached)
            } else if !context.annotate(articleID, { $0.annotations.teasers.append(attached) }) {
                lateAttachments[articleID, default: []].append(attached)
            }
        case .expand:
            var expanded = teaser
            var fullText = article?.text
            if fullText == nil { context.annotate(articleID) { fullText = $0.text } }
            expanded.annotations.teaserOf = articleID
            if let fullText {
                expanded.text = fullText
                expanded.key = nil
                expanded.annotations.repaired = true
                context.record(.repair, of: teaser, reason: "teaser", from: articleID, score: 1)
            } else {
                context.count("teasers.expand-unavailable")
            }
            context.emit(expanded)
        case .link:
            var linked = teaser
            linked.annotations.teaserOf = articleID
            context.emit(linked)
        }
    }

    private func keepUnmatched(_ teaser: Document, context: StageContext) {
        context.count("teasers.unmatched")
        switch options.unmatched {
        case .keep:
            var kept = teaser
            kept.annotations.truncated = true
            context.emit(kept)
        case .drop:
            context.drop(teaser, reason: "unmatched-teaser")
        }
    }
}
