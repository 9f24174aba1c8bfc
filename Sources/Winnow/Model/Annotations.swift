/// What the stages learned about a kept document; writers show it (`--annotate` in JSONL, attributes in XML).
public struct Annotations: Hashable, Sendable {
    /// The text ends cut short (a teaser) and no full article was found for it.
    public var truncated = false
    /// A reader saw this record as a teaser (a link teaser, a cut line of a scraped page).
    public var teaserCandidate = false
    /// The teasers that were matched to this document and removed in its favour.
    public var teasers: [AttachedTeaser] = []
    /// The documents removed as duplicates or fragments of this one.
    public var duplicates: [DocumentID] = []
    /// The duplicate cluster this document represents, when it absorbed any.
    public var cluster: DocumentID?
    /// The article this teaser belongs to (`on-match: link`).
    public var teaserOf: DocumentID?
    /// The text was restored from the article this teaser was cut from (`on-match: expand`).
    public var repaired = false

    /// No annotation at all.
    public init() {}

    /// True when nothing is recorded, so writers can leave the `winnow` object out.
    public var isEmpty: Bool { self == Annotations() }
}

/// A teaser removed in favour of the article it was cut from, kept on that article for the record.
public struct AttachedTeaser: Hashable, Sendable {
    /// The teaser's own id.
    public var id: DocumentID
    /// The teaser's text, as it came.
    public var text: String

    /// A teaser `id` with its `text`.
    public init(id: DocumentID, text: String) {
        self.id = id
        self.text = text
    }
}
