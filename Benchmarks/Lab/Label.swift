/// The ground truth of one generated document: which story it tells and how it came to be.
public struct Label: Sendable, Equatable {
    /// How the document relates to its story.
    public enum Kind: String, Sendable, CaseIterable {
        /// The first publication of a story.
        case original
        /// A byte-for-byte copy.
        case exact
        /// The same text with scraping noise (whitespace, quotes, case, NFD, entities, soft hyphens, mojibake).
        case variant
        /// A syndicated copy: headline changed or dropped, byline or dateline, a paragraph added or removed,
        /// word edits, boilerplate header or footer.
        case syndicated
        /// A part of the story standing alone: first sentence, a paragraph, the headline.
        case fragment
        /// Another story on the same event (a hard negative: never a duplicate of the original).
        case followUp = "follow-up"
        /// A short article that shares only its site's boilerplate with others (a hard negative).
        case short
        /// A truncated teaser of the story.
        case teaser
        /// A truncated teaser of a story that is not in the corpus.
        case orphanTeaser = "orphan-teaser"
    }

    /// How the document came to be.
    public var kind: Kind
    /// The story it tells (its own number for follow-ups and short articles).
    public var story: Int
    /// What exactly was done (`headline dropped, footer`, `first sentence`, `mojibake`), for reading failures.
    public var detail: String

    public init(kind: Kind, story: Int, detail: String = "") {
        self.kind = kind
        self.story = story
        self.detail = detail
    }

    /// True for the kinds that are the same document as their story's original.
    public var isDuplicate: Bool { kind == .original || kind == .exact || kind == .variant || kind == .syndicated }
}
