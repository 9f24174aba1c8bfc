/// The `teasers` stage: finds truncated teasers and matches each to the article it was cut from.
///
/// A teaser is a record a reader flagged, or a short one (`max-chars`) that ends with an ellipsis and
/// possibly a "read more" tail. Its key, less the last (possibly cut) word, must begin the key of a
/// kept document or of one of its paragraphs. Heads of kept documents are indexed as they pass; a
/// teaser that finds no article waits for one until the end of the stream, so order does not matter.
/// Two different articles with the same head make the teaser `ambiguous`: it is kept, not guessed.
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

        /// The defaults: 20 characters of evidence, teasers up to 600 characters, drop on match, keep unmatched.
        public init() {}
    }

    public let name = "teasers"
    public let preparation: Preparation
    private let options: Options
    private var heads = HeadIndex()
    private var ids = IdentifierArena()
    private var waiting: [UInt64: [Int]] = [:]
    private var held: [(document: Document, pattern: TeaserPattern)?] = []

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
        self.preparation = Preparation(detector: TeaserDetector(), options: options)
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
                guard flagged || detection.body.count <= options.maxChars else { return .none }
                body = String(detection.body)
            } else if flagged {
                body = document.text
            } else {
                return .none
            }
            return TeaserPattern(body: body, minimumBytes: options.minChars).map { .pattern($0) } ?? .tooShort
        }
    }

    public var indexBytes: Int { heads.memoryBytes + ids.memoryBytes }

    public func process(_ document: Document, prepared evidence: TeaserEvidence, context: StageContext) throws {
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
        var article = document
        let key = article.matchingKey()
        let handle = ids.append(article.id)
        heads.insert(owner: handle, key: key)
        for head in HeadIndex.heads(of: key) {
            guard let slots = waiting[head.anchor] else { continue }
            var remaining: [Int] = []
            for slot in slots {
                guard let entry = held[slot] else { continue }
                if entry.pattern.matches(head: head.bytes, complete: head.complete) {
                    held[slot] = nil
                    apply(entry.document, to: &article, articleID: article.id, context: context)
                } else {
                    remaining.append(slot)
                }
            }
            waiting[head.anchor] = remaining.isEmpty ? nil : remaining
        }
        context.emit(article)
    }

    public func finish(context: StageContext) throws {
        for entry in held {
            guard let entry else { continue }
            keepUnmatched(entry.document, context: context)
        }
        held.removeAll()
        waiting.removeAll()
    }

    private func resolve(_ teaser: Document, _ pattern: TeaserPattern, context: StageContext) {
        let owners = Set(heads.matches(pattern).map(\.owner))
        if owners.count > 1 {
            context.count("teasers.ambiguous")
            var kept = teaser
            kept.annotations.truncated = true
            context.emit(kept)
            return
        }
        if let owner = owners.first {
            let articleID = ids[owner]
            var placeholder = Document(id: articleID, text: "", source: teaser.source)
            apply(teaser, to: &placeholder, articleID: articleID, context: context, articleEmitted: true)
            return
        }
        held.append((teaser, pattern))
        waiting[pattern.anchor, default: []].append(held.count - 1)
    }

    /// Applies `on-match` to a teaser and its article (changed in place, or through the output window when
    /// it was already passed on).
    private func apply(_ teaser: Document, to article: inout Document, articleID: DocumentID, context: StageContext,
                       articleEmitted: Bool = false) {
        context.count("teasers.matched")
        let attached = AttachedTeaser(id: teaser.id, text: teaser.text)
        switch options.onMatch {
        case .drop:
            context.drop(teaser, reason: "teaser", of: articleID, score: 1)
            if articleEmitted {
                if !context.annotate(articleID, { $0.annotations.teasers.append(attached) }) {
                    context.count("teasers.recorded-late")
                }
            } else {
                article.annotations.teasers.append(attached)
            }
        case .expand:
            var expanded = teaser
            var fullText: String?
            if articleEmitted {
                context.annotate(articleID) { fullText = $0.text }
            } else {
                fullText = article.text
            }
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
