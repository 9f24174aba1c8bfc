/// What a stage can do with a document: pass it on, drop it with a decision, record a change, or
/// annotate a document it already passed on while that document is still waiting to be written.
public final class StageContext {
    /// The name of the stage this context serves; decisions carry it.
    public let stageName: String
    /// The stage's place in the pipeline.
    let position: Int
    var emitted: [Document] = []
    unowned let pipeline: PipelineRun

    init(stageName: String, position: Int, pipeline: PipelineRun) {
        self.stageName = stageName
        self.position = position
        self.pipeline = pipeline
    }

    /// Passes `document` on to the next stage.
    public func emit(_ document: Document) {
        emitted.append(document)
    }

    /// Removes `document` from the corpus, recording why and which kept document absorbs it.
    public func drop(_ document: Document, reason: String, of container: DocumentID? = nil, score: Double? = nil,
                     detail: String? = nil) {
        pipeline.recordDrop(document, Decision(id: document.id, action: .drop, reason: reason, of: container, score: score,
                                               stage: stageName, source: document.source, detail: detail), from: position)
    }

    /// Records a change to a document the stage keeps (`edit` or `repair`); the stage still emits it.
    public func record(_ action: Decision.Action, of document: Document, reason: String, from source: DocumentID? = nil,
                       score: Double? = nil, detail: String? = nil) {
        precondition(action != .drop, "drops go through drop(_:reason:)")
        pipeline.recordChange(Decision(id: document.id, action: action, reason: reason, of: source, score: score,
                                       stage: stageName, source: document.source, detail: detail))
    }

    /// Records a change made to a document through `annotate`.
    public func record(_ decision: Decision) {
        precondition(decision.action != .drop, "drops go through drop(_:reason:)")
        pipeline.recordChange(decision)
    }

    /// Changes a document this stage already emitted, if it has not been written yet.
    ///
    /// Returns false when the document has left the pipeline's output window; the change is then lost,
    /// though the decision that prompted it still stands in the log.
    @discardableResult
    public func annotate(_ id: DocumentID, _ change: (inout Document) -> Void) -> Bool {
        if let index = emitted.lastIndex(where: { $0.id == id }) {
            change(&emitted[index])
            return true
        }
        return pipeline.annotateWaiting(id, change)
    }

    /// Adds `amount` to the run's counter `name` (shown in the report, e.g. `teasers.matched`).
    public func count(_ name: String, by amount: Int = 1) {
        pipeline.statistics.add(name, amount)
    }
}
