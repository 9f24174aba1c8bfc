/// The end of the pipeline: the output window, the conservation ledger, and the sinks.
final class OutputSide {
    var window: OutputWindow
    var ledger = ConservationLedger()
    var pendingDecisions: [Decision] = []
    var documentsOut = 0
    let sink: DocumentSink
    let decisionSink: DecisionSink?

    init(windowCapacity: Int, sink: DocumentSink, decisions: DecisionSink?) {
        window = OutputWindow(capacity: windowCapacity)
        self.sink = sink
        decisionSink = decisions
    }

    /// Writes the decisions taken so far, in the order they were taken.
    func flushDecisions() throws {
        guard !pendingDecisions.isEmpty else { return }
        if let decisionSink {
            for decision in pendingDecisions { try decisionSink.record(decision) }
        }
        pendingDecisions.removeAll(keepingCapacity: true)
    }

    /// Takes documents that passed every stage into the window, and writes what leaves it.
    func accept(_ documents: [Document]) throws {
        for var document in documents {
            document.key = nil
            window.append(document)
        }
        try write(window.release())
    }

    /// Writes everything still waiting.
    func releaseAll() throws {
        try write(window.release(all: true))
    }

    private func write(_ documents: [Document]) throws {
        for document in documents {
            ledger.leave(document, as: "was written")
            documentsOut += 1
            try sink.write(document)
        }
    }
}
