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
        self.contexts = stages.map { StageContext(stageName: $0.name, pipeline: self) }
    }

    let stages: [any Stage]

    func execute(source: DocumentSource, progress: ((Pipeline.Progress) -> Void)?) throws -> RunSummary {
        let clock = ContinuousClock.now
        var ordinal = 0
        var batch = [Document]()
        var batchBytes = 0
        summary.threads = threads

        func report() {
            progress?(Pipeline.Progress(documents: ordinal, bytes: source.bytesRead, totalBytes: source.totalBytes,
                                        seconds: Self.seconds(since: clock)))
        }

        while let read = try source.next() {
            var document = read
            document.ordinal = ordinal
            ordinal += 1
            ledger.enter(document)
            batchBytes += document.text.utf8.count
            batch.append(document)
            if batch.count >= options.batchSize || batchBytes >= options.batchBytes {
                if options.isCancelled() { throw WinnowError(.interrupted(signal: 2), "interrupted") }
                try flow(batch, from: 0)
                batch.removeAll(keepingCapacity: true)
                batchBytes = 0
                report()
            }
        }
        try flow(batch, from: 0)
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

        summary.documentsIn = ordinal
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

    /// Passes `batch` through the stages from `first` on, then into the output window.
    private func flow(_ batch: [Document], from first: Int) throws {
        var current = batch
        for index in first..<runners.count {
            guard !current.isEmpty else { break }
            try runners[index].run(&current, threads: threads, context: contexts[index])
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

    func recordDrop(_ document: Document, _ decision: Decision) {
        ledger.leave(document, as: "was dropped")
        summary.dropped.add(decision.reason)
        pendingDecisions.append(decision)
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
    func run(_ batch: inout [Document], threads: Int, context: StageContext) throws
    func finish(context: StageContext) throws
}

private struct StageRunner<S: Stage>: StageRunning {
    let stage: S

    func run(_ batch: inout [Document], threads: Int, context: StageContext) throws {
        let prepared = Parallel.prepare(&batch, with: stage.preparation, threads: threads)
        for index in batch.indices {
            try stage.process(batch[index], prepared: prepared[index], context: context)
        }
    }

    func finish(context: StageContext) throws {
        try stage.finish(context: context)
    }
}

private func makeRunner(_ stage: some Stage) -> any StageRunning {
    StageRunner(stage: stage)
}
