import Foundation

/// The state of one pipeline run: the stage runners, the output window, the ledger and the counters.
final class PipelineRun {
    let options: Pipeline.Options
    let threads: Int
    let sink: DocumentSink
    let decisionSink: DecisionSink?
    var runners: [any StageRunning] = []
    var contexts: [StageContext] = []
    var window: OutputWindow
    var ledger = ConservationLedger()
    var statistics = Counters()
    var summary = RunSummary()
    var pendingDecisions: [Decision] = []

    init(stages: [any Stage], options: Pipeline.Options, sink: DocumentSink, decisions: DecisionSink?) {
        self.options = options
        self.threads = options.effectiveThreads
        self.sink = sink
        self.decisionSink = decisions
        self.window = OutputWindow(capacity: options.outputWindow)
        self.stages = stages
        self.runners = stages.map { makeRunner($0) }
        self.contexts = stages.enumerated().map { StageContext(stageName: $0.element.name, position: $0.offset, pipeline: self) }
    }

    let stages: [any Stage]

    func execute(source: DocumentSource, progress: ((Pipeline.Progress) -> Void)?) throws -> RunSummary {
        let clock = ContinuousClock.now
        summary.threads = threads
        let producer = BatchProducer(source: source, first: runners.first, options: options, threads: threads)
        defer { producer.stop() }
        var documentsSeen = 0
        var bytesSeen = 0

        func report() {
            progress?(Pipeline.Progress(documents: documentsSeen, bytes: bytesSeen, totalBytes: source.totalBytes,
                                        seconds: Self.seconds(since: clock)))
        }

        while let batch = try producer.next() {
            if options.isCancelled() { throw WinnowError(.interrupted(signal: 2), "interrupted") }
            for document in batch.documents { ledger.enter(document) }
            documentsSeen += batch.documents.count
            bytesSeen = batch.bytesRead
            try flow(batch.documents, from: 0, firstPrepared: batch.prepared)
            report()
        }
        for stage in stages where stage.indexBytes > 0 { summary.indexBytes[stage.name] = stage.indexBytes }
        for index in runners.indices {
            if options.isCancelled() { throw WinnowError(.interrupted(signal: 2), "interrupted") }
            try runners[index].finish(context: contexts[index])
            let released = take(from: index)
            try flushDecisions()
            try flow(released, from: index + 1)
        }
        try write(window.release(all: true))
        report()

        summary.documentsIn = documentsSeen
        summary.bytesIn = source.bytesRead
        for (name, value) in source.counters.sorted { statistics.add(name, value) }
        summary.counters = statistics
        summary.seconds = Self.seconds(since: clock)
        let violations = ledger.finalViolations()
        if !violations.isEmpty {
            let shown = violations.prefix(20).joined(separator: "; ")
            let more = violations.count > 20 ? " (and \(violations.count - 20) more)" : ""
            throw WinnowError(.check, "conservation check failed: \(shown)\(more)")
        }
        try sink.finish(summary: summary)
        try decisionSink?.finish()
        return summary
    }

    /// Passes `batch` through the stages from `first` on, then into the output window; the first
    /// stage's preparation may already be done.
    private func flow(_ batch: [Document], from first: Int, firstPrepared: (any Sendable)? = nil) throws {
        var current = batch
        for index in first..<runners.count {
            guard !current.isEmpty else { break }
            let prepared = index == first ? firstPrepared ?? runners[index].prepare(&current, threads: threads)
                : runners[index].prepare(&current, threads: threads)
            try runners[index].process(current, prepared: prepared, context: contexts[index])
            current = take(from: index)
            try flushDecisions()
        }
        for var document in current {
            document.key = nil
            window.append(document)
        }
        try write(window.release())
    }

    private func take(from index: Int) -> [Document] {
        let emitted = contexts[index].emitted
        contexts[index].emitted.removeAll(keepingCapacity: true)
        return emitted
    }

    private func write(_ documents: [Document]) throws {
        for document in documents {
            ledger.leave(document, as: "was written")
            summary.documentsOut += 1
            try sink.write(document)
        }
    }

    private func flushDecisions() throws {
        guard !pendingDecisions.isEmpty else { return }
        if let decisionSink {
            for decision in pendingDecisions { try decisionSink.record(decision) }
        }
        pendingDecisions.removeAll(keepingCapacity: true)
    }

    func recordDrop(_ document: Document, _ decision: Decision, from position: Int) {
        ledger.leave(document, as: "was dropped")
        summary.dropped.add(decision.reason)
        pendingDecisions.append(decision)
        guard decision.of != nil else { return }
        for later in stages.indices where later > position {
            stages[later].absorbed(document, by: decision, context: contexts[later])
        }
    }

    func recordChange(_ decision: Decision) {
        summary.changed.add(decision.reason)
        pendingDecisions.append(decision)
    }

    func annotateWaiting(_ id: DocumentID, _ change: (inout Document) -> Void) -> Bool {
        window.annotate(id, change)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// A stage with its types erased, so the run can hold stages of different kinds in one list.
protocol StageRunning {
    /// The stage's preparation of a batch, in parallel; the result goes back to `process`.
    func prepare(_ batch: inout [Document], threads: Int) -> any Sendable
    /// The stage's decisions over a prepared batch, in input order.
    func process(_ batch: [Document], prepared: any Sendable, context: StageContext) throws
    func finish(context: StageContext) throws
}

private struct StageRunner<S: Stage>: StageRunning, @unchecked Sendable {
    let stage: S

    func prepare(_ batch: inout [Document], threads: Int) -> any Sendable {
        Parallel.prepare(&batch, with: stage.preparation, threads: threads)
    }

    func process(_ batch: [Document], prepared: any Sendable, context: StageContext) throws {
        let outputs = prepared as! [S.Preparation.Output]
        for index in batch.indices {
            try stage.process(batch[index], prepared: outputs[index], context: context)
        }
    }

    func finish(context: StageContext) throws {
        try stage.finish(context: context)
    }
}

private func makeRunner(_ stage: some Stage) -> any StageRunning {
    StageRunner(stage: stage)
}
