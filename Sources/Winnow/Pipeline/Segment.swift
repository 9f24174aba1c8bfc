/// A run of consecutive stages that one thread drives, batch after batch.
///
/// A pipeline of two stages or more is cut in two segments (before the first stage that reads
/// documents waiting in the output window, at most halfway): the first runs on the reading thread
/// and hands each batch over with what it decided; the second runs beside the output window and
/// writes. With several threads the two work at once; with one they take turns. What the first
/// segment does to documents it no longer holds (annotations, news of absorbed duplicates) travels
/// with the batch and takes effect when the second segment takes the batch up — the same way
/// whatever the thread count, so the output never depends on it.
final class Segment {
    /// What the first segment hands over with a batch.
    struct Handoff: @unchecked Sendable {
        /// The documents that passed the first segment.
        var documents: [Document] = []
        /// The ids and input places of the documents read for this batch, for the ledger.
        var entered: [(id: DocumentID, ordinal: Int)] = []
        /// The first segment's decisions, in order.
        var decisions: [Decision] = []
        /// Duplicates the first segment absorbed, for the second segment's stages to learn from.
        var absorbed: [(document: Document, decision: Decision)] = []
        /// Changes to documents the first segment no longer holds.
        var annotations: [(id: DocumentID, change: (inout Document) -> Void)] = []
    }

    /// The stages of the pipeline this segment drives.
    let stages: Range<Int>
    private let allStages: [any Stage]
    let runners: [any StageRunning]
    private(set) var contexts: [StageContext] = []
    /// The threads a stage's preparation of a batch may use, this segment's own among them.
    private let threads: Int
    /// The output side, for the segment that writes; nil for the first of two.
    let output: OutputSide?
    var statistics = Counters()
    var dropped = Counters()
    var changed = Counters()
    var indexBytes: [String: Int] = [:]
    private var outgoing = Handoff()

    init(stages: Range<Int>, allStages: [any Stage], runners: [any StageRunning], threads: Int, output: OutputSide?) {
        self.stages = stages
        self.allStages = allStages
        self.runners = runners
        self.threads = threads
        self.output = output
        contexts = stages.map { StageContext(stageName: allStages[$0].name, position: $0, segment: self) }
    }

    /// Passes documents through this segment's stages from the one at `position` on; that stage's
    /// preparation may be done already.
    func flow(_ batch: consuming [Document], from position: Int, prepared first: (any Sendable)? = nil) throws -> [Document] {
        var current = consume batch
        for index in position..<stages.upperBound {
            guard !current.isEmpty else { break }
            let local = index - stages.lowerBound
            let prepared = index == position ? first ?? runners[local].prepare(&current, threads: threads)
                : runners[local].prepare(&current, threads: threads)
            try runners[local].process(consume current, prepared: prepared, context: contexts[local])
            current = take(local)
            try output?.flushDecisions()
        }
        return current
    }

    /// Finishes the stages in order, each one's released documents flowing through the rest; returns
    /// what comes out of the last.
    func finish() throws -> [Document] {
        for index in stages where allStages[index].indexBytes > 0 {
            indexBytes[allStages[index].name] = allStages[index].indexBytes
        }
        var passed: [Document] = []
        for index in stages {
            let local = index - stages.lowerBound
            try runners[local].finish(context: contexts[local])
            try output?.flushDecisions()
            passed += try flow(take(local), from: index + 1)
        }
        return passed
    }

    private func take(_ local: Int) -> [Document] {
        contexts[local].emitted.takeAll()
    }

    /// The handoff gathered since the last call, with `documents` as the batch's output.
    func handoff(_ documents: [Document], entered: [(id: DocumentID, ordinal: Int)]) -> Handoff {
        var handoff = outgoing
        outgoing = Handoff()
        handoff.documents = documents
        handoff.entered = entered
        return handoff
    }

    func recordDrop(_ document: consuming Document, _ decision: Decision, from position: Int) {
        dropped.add(decision.reason)
        if decision.of != nil {
            for later in stages where later > position {
                allStages[later].absorbed(document, by: decision, context: contexts[later - stages.lowerBound])
            }
            if output == nil && stages.upperBound < allStages.count { outgoing.absorbed.append((consume document, decision)) }
        }
        if let output { output.dropped(decision) } else { outgoing.decisions.append(decision) }
    }

    /// Drops a record its reader could not read, before any stage, with decision `invalid-input`.
    func reject(_ document: Document) {
        recordDrop(document, Decision(id: document.id, action: .drop, reason: "invalid-input", stage: "read",
                                      source: document.source, detail: document.invalidReason), from: -1)
    }

    func recordChange(_ decision: Decision) {
        changed.add(decision.reason)
        if let output { output.pendingDecisions.append(decision) } else { outgoing.decisions.append(decision) }
    }

    func annotateWaiting(_ id: DocumentID, from position: Int, _ change: @escaping (inout Document) -> Void) -> Bool {
        if annotateHeld(id, after: position, change) { return true }
        if let output { return output.window.annotate(id, change) }
        outgoing.annotations.append((id, change))
        return true
    }

    /// The document `id` was dropped into, followed to the end, as the output side knows it; the
    /// first of two segments hands its drops over with the batch, so it answers `id` itself.
    func survivor(of id: DocumentID) -> DocumentID {
        output?.survivor(of: id) ?? id
    }

    /// Changes a document that a stage of this segment after `position` holds back, if one does.
    private func annotateHeld(_ id: DocumentID, after position: Int, _ change: (inout Document) -> Void) -> Bool {
        stages.contains { $0 > position && allStages[$0].annotateHeld(id, change) }
    }

    /// Takes up a batch handed over by the first segment: its bookkeeping first, then its documents.
    func receive(_ handoff: consuming Handoff) throws -> [Document] {
        guard let output else { preconditionFailure("only the writing segment takes batches up") }
        for (id, ordinal) in handoff.entered { output.ledger.enter(id, ordinal: ordinal) }
        for decision in handoff.decisions {
            if decision.action == .drop { output.dropped(decision) } else { output.pendingDecisions.append(decision) }
        }
        try output.flushDecisions()
        for (id, change) in handoff.annotations where !annotateHeld(id, after: -1, change) { _ = output.window.annotate(id, change) }
        handoff.absorbed.takeAll().drain { entry in
            for index in stages {
                allStages[index].absorbed(entry.document, by: entry.decision, context: contexts[index - stages.lowerBound])
            }
        }
        return try flow(handoff.documents.takeAll(), from: stages.lowerBound)
    }
}
