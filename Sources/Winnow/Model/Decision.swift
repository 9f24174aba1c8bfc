/// The audit record of one change: a document dropped, edited or repaired, and why.
///
/// Every input document ends either in the output or in a `drop` decision, never both.
public struct Decision: Hashable, Sendable {
    /// What was done to the document.
    public enum Action: String, Hashable, Sendable, CaseIterable {
        /// Removed from the output; `of` names the document that absorbs it, when there is one.
        case drop
        /// Kept, its text changed (boilerplate lines removed, for example).
        case edit
        /// Kept, its text restored (a teaser expanded to its article).
        case repair
    }

    /// The document the decision is about.
    public var id: DocumentID
    /// What was done.
    public var action: Action
    /// Why, as a short stable word: `exact`, `near`, `fragment`, `teaser`, `invalid-input`, ….
    public var reason: String
    /// The kept document that absorbs or explains this one.
    public var of: DocumentID?
    /// The evidence behind the decision (similarity, containment), when it has one.
    public var score: Double?
    /// The stage that took the decision.
    public var stage: String
    /// Where the document was read.
    public var source: SourceLocation?
    /// A short human-readable detail (what was removed, what was ambiguous).
    public var detail: String?

    /// A decision about `id`, taken by `stage`.
    public init(id: DocumentID, action: Action, reason: String, of: DocumentID? = nil, score: Double? = nil,
                stage: String, source: SourceLocation? = nil, detail: String? = nil) {
        self.id = id
        self.action = action
        self.reason = reason
        self.of = of
        self.score = score
        self.stage = stage
        self.source = source
        self.detail = detail
    }
}
