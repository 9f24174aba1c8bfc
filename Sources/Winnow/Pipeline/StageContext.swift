/// What a stage can do with a document: pass it on, drop it with a decision, record a change, or
/// annotate a document it already passed on while that document is still waiting to be written.
public final class StageContext {
    /// The name of the stage this context serves; decisions carry it.
    public let stageName: String
    /// The stage's place in the pipeline.
    let position: Int
    var emitted: [Document] = []
    unowned let segment: Segment

    init(stageName: String, position: Int, segment: Segment) {
        self.stageName = stageName
        self.position = position
        self.segment = segment
    }

    /// Passes `document` on to the next stage.
    public func emit(_ document: consuming Document) {
        emitted.append(document)
    }

    /// Removes `document` from the corpus, recording why and which kept document absorbs it.
    public func drop(_ document: consuming Document, reason: String, of container: DocumentID? = nil, score: Double? = nil,
                     detail: String? = nil) {
        let decision = Decision(id: document.id, action: .drop, reason: reason, of: container, score: score,
                                stage: stageName, source: document.source, detail: detail)
        segment.recordDrop(document, decision, from: position)
    }

    /// Records a change to a document the stage keeps (`edit` or `repair`); the stage still emits it.
    public func record(_ action: Decision.Action, of document: Document, reason: String, from source: DocumentID? = nil,
                       score: Double? = nil, detail: String? = nil) {
        precondition(action != .drop, "drops go through drop(_:reason:)")
        segment.recordChange(Decision(id: document.id, action: action, reason: reason, of: source, score: score,
                                      stage: stageName, source: document.source, detail: detail))
    }

    /// Records a change made to a document through `annotate`.
    public func record(_ decision: Decision) {
        precondition(decision.action != .drop, "drops go through drop(_:reason:)")
        segment.recordChange(decision)
    }

    /// Changes a document this stage already emitted, if it has not been written yet (a later stage
    /// may hold it back: near-dedup waiting for a longer copy).
    ///
    /// A stage that runs beside the output window (`readsWaitingDocuments`) sees the change made at
    /// once, and false when the document has already been written. For other stages a change to a
    /// document they no longer hold is made when the current batch reaches the window, the same way
    /// whatever the thread count, and the call returns true.
    @discardableResult
    public func annotate(_ id: DocumentID, _ change: @escaping (inout Document) -> Void) -> Bool {
        if let index = emitted.lastIndex(where: { $0.id == id }) {
            change(&emitted[index])
            return true
        }
        return segment.annotateWaiting(id, from: position, change)
    }

    /// The kept document that `id` now stands for: `id`, or, if `id` was dropped in favour of another
    /// (a first copy a longer one replaced), that one, followed to the end. A stage beside the output
    /// window (`readsWaitingDocuments`) sees every drop made so far; others get `id` itself.
    public func survivor(of id: DocumentID) -> DocumentID {
        segment.survivor(of: id)
    }

    /// Adds `amount` to the run's counter `name` (shown in the report, e.g. `teasers.matched`).
    public func count(_ name: String, by amount: Int = 1) {
        segment.statistics.add(name, amount)
    }
}
