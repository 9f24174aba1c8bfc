/// The end of the pipeline: the output window, the conservation ledger, and the sinks.
///
/// It also keeps every decision's `of` pointing at a document that is written: a decision whose
/// absorbing document is still in the pipeline waits for it; when that document is itself dropped
/// in favour of another, the decision follows to that one. (Only an absorbing document dropped with
/// no document to take its place — boilerplate, an unmatched teaser — is named as it is.)
final class OutputSide {
    var window: OutputWindow
    var ledger = ConservationLedger()
    var pendingDecisions: [Decision] = []
    var documentsOut = 0
    let sink: DocumentSink
    let decisionSink: DecisionSink?
    /// Dropped documents and the document that absorbed each: about 60 bytes a duplicate.
    private var absorbedInto: [DocumentID: DocumentID] = [:]
    /// Decisions waiting for their absorbing document to be written or dropped.
    private var waiting: [DocumentID: [Decision]] = [:]

    init(windowCapacity: Int, sink: DocumentSink, decisions: DecisionSink?) {
        window = OutputWindow(capacity: windowCapacity)
        self.sink = sink
        decisionSink = decisions
    }

    /// Accounts for the document a `drop` decision names and queues the decision.
    func dropped(_ decision: Decision) {
        ledger.leave(decision.id, as: "was dropped")
        if let of = decision.of { absorbedInto[decision.id] = of }
        pendingDecisions.append(decision)
        if let held = waiting.removeValue(forKey: decision.id) { pendingDecisions += held }
    }

    /// Writes the decisions taken so far, in order, except those that wait for their absorbing document.
    func flushDecisions() throws {
        guard !pendingDecisions.isEmpty else { return }
        let decisions = pendingDecisions
        pendingDecisions.removeAll(keepingCapacity: true)
        for decision in decisions { try place(decision) }
    }

    /// The document `id` was dropped into, followed to one not dropped in favour of another.
    func survivor(of id: DocumentID) -> DocumentID {
        var target = id
        var hops = 0
        while let next = absorbedInto[target], hops < 1000 {
            target = next
            hops += 1
        }
        return target
    }

    private func place(_ decision: Decision) throws {
        guard let of = decision.of else { return try decisionSink?.record(decision) ?? () }
        let target = survivor(of: of)
        var resolved = decision
        resolved.of = target
        if ledger.isInFlight(target) {
            waiting[target, default: []].append(resolved)
        } else {
            try decisionSink?.record(resolved)
        }
    }

    /// Takes documents that passed every stage into the window, and writes what leaves it.
    func accept(_ documents: consuming [Document]) throws {
        (consume documents).drain { document in window.append(document) }
        try write(window.release())
    }

    /// Writes everything still waiting, and the decisions that waited for it.
    func releaseAll() throws {
        try write(window.release(all: true))
        try flushDecisions()
        for target in waiting.keys.sorted() {
            for decision in waiting[target] ?? [] { try decisionSink?.record(decision) }
        }
        waiting.removeAll()
    }

    private func write(_ documents: consuming [Document]) throws {
        try (consume documents).drain { document in
            ledger.leave(document.id, as: "was written")
            documentsOut += 1
            try sink.write(document)
            if let held = waiting.removeValue(forKey: document.id) {
                for decision in held { try decisionSink?.record(decision) }
            }
        }
    }
}
