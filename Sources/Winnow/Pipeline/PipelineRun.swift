import Foundation

/// One pipeline run: the producer of batches, the segments of stages, and the output side.
final class PipelineRun {
    let options: Pipeline.Options
    let threads: Int
    let stages: [any Stage]
    let output: OutputSide
    let segments: [Segment]

    init(stages: [any Stage], options: Pipeline.Options, sink: DocumentSink, decisions: DecisionSink?) {
        self.options = options
        self.threads = options.effectiveThreads
        self.stages = stages
        output = OutputSide(windowCapacity: options.outputWindow, sink: sink, decisions: decisions)
        let runners = stages.map { makeRunner($0) }
        let split = Self.split(stages)
        if split == 0 {
            segments = [Segment(stages: 0..<stages.count, allStages: stages, runners: runners, threads: options.effectiveThreads,
                                output: output)]
        } else {
            let preparers = Self.preparers(threads: threads)
            segments = [
                Segment(stages: 0..<split, allStages: stages, runners: Array(runners[..<split]), threads: preparers, output: nil),
                Segment(stages: split..<stages.count, allStages: stages, runners: Array(runners[split...]), threads: preparers,
                        output: output),
            ]
        }
    }

    /// Where the second segment begins: where the two threads get the closest shares of the stages'
    /// `relativeCost` (the second also writes, which costs about `writingCost`), and no later than the
    /// first stage that reads waiting documents; 0 for a single segment. It depends on the stages
    /// only, never on the threads.
    static func split(_ stages: [any Stage]) -> Int {
        guard stages.count >= 2 else { return 0 }
        let reader = stages.firstIndex { $0.readsWaitingDocuments } ?? stages.count
        guard reader > 0 else { return 0 }
        let costs = stages.map(\.relativeCost)
        let total = costs.reduce(0, +) + writingCost
        var best = 1
        var bestLoad = Double.infinity
        var first = 0.0
        for split in 1...min(reader, stages.count - 1) {
            first += costs[split - 1]
            let load = max(first, total - first)
            if load < bestLoad {
                best = split
                bestLoad = load
            }
        }
        return best
    }

    /// The threads the reading thread and each of two segments prepare a batch on: one fewer than the
    /// run's, since those threads already keep that many cores busy; at two threads each prepares
    /// alone, as helpers would only take turns with them and leave a batch waiting for a helper the
    /// system has put aside (measured: the four dedup stages scale 1.8× instead of 1.7×; the news
    /// pipeline as fast, with 15 MB less memory when reading and normalising alone). The output is
    /// the same whatever the count.
    static func preparers(threads: Int) -> Int { max(1, threads - 1) }

    /// The threads the reading thread parses and prepares a batch on: as a segment's with two
    /// segments; all the run's with one, whose stages' decisions leave cores free.
    static func readingPreparers(_ stages: [any Stage], threads: Int) -> Int {
        split(stages) > 0 ? preparers(threads: threads) : threads
    }

    /// Writing a document, against the stages' `relativeCost`.
    static let writingCost = 5.0

    func execute(source: DocumentSource, progress: ((Pipeline.Progress) -> Void)?) throws -> RunSummary {
        let clock = ContinuousClock.now
        let producer = BatchProducer(source: source, first: segments[0].runners.first, options: options, threads: threads,
                                     preparers: Self.readingPreparers(stages, threads: threads))
        defer { producer.stop() }
        let writer = segments.count > 1 ? segments[1] : nil
        let queue = writer != nil && threads > 1 ? HandoffQueue<Segment.Handoff?>(capacity: 4) : nil
        let done = DispatchSemaphore(value: 0)
        if let queue, let writer {
            let handed = Unchecked((writer, output))
            HelperThread.start {
                Self.drive(handed.value.0, output: handed.value.1, queue: queue)
                done.signal()
            }
        }
        var documentsIn = 0
        var bytesIn = 0
        do {
            while var batch = try producer.next() {
                if options.isCancelled() { throw WinnowError(.interrupted(signal: 2), "interrupted") }
                documentsIn += batch.documents.count
                bytesIn = batch.bytesRead
                documentsIn += batch.rejected.count
                if writer == nil {
                    for document in batch.documents { output.ledger.enter(document) }
                    for document in batch.rejected { output.ledger.enter(document) }
                }
                for document in batch.rejected { segments[0].reject(document) }
                let entered = writer == nil ? []
                    : batch.documents.map { (id: $0.id, ordinal: $0.ordinal) } + batch.rejected.map { (id: $0.id, ordinal: $0.ordinal) }
                let passed = try segments[0].flow(batch.documents.takeAll(), from: 0, prepared: batch.prepared)
                if let writer {
                    try deliver(segments[0].handoff(passed, entered: entered), to: writer, queue: queue)
                } else {
                    try output.accept(passed)
                }
                progress?(Pipeline.Progress(documents: documentsIn, bytes: bytesIn, totalBytes: source.totalBytes,
                                            seconds: Self.seconds(since: clock)))
            }
            if options.isCancelled() { throw WinnowError(.interrupted(signal: 2), "interrupted") }
            let tail = try segments[0].finish()
            if let writer {
                try deliver(segments[0].handoff(tail, entered: []), to: writer, queue: queue)
                if let queue {
                    try queue.put(nil)
                    done.wait()
                    if let error = queue.error { throw error }
                } else {
                    try output.accept(try writer.finish())
                    try output.releaseAll()
                }
            } else {
                try output.accept(tail)
                try output.releaseAll()
            }
        } catch {
            if let queue {
                queue.fail(error)
                queue.close()
                done.wait()
            }
            throw error
        }

        var summary = RunSummary()
        summary.threads = threads
        summary.documentsIn = documentsIn
        summary.documentsOut = output.documentsOut
        summary.bytesIn = source.bytesRead
        for segment in segments {
            for (name, value) in segment.dropped.sorted { summary.dropped.add(name, value) }
            for (name, value) in segment.changed.sorted { summary.changed.add(name, value) }
            for (name, value) in segment.statistics.sorted { summary.counters.add(name, value) }
            summary.indexBytes.merge(segment.indexBytes) { $1 }
        }
        for (name, value) in source.counters.sorted { summary.counters.add(name, value) }
        if producer.renamedIDs > 0 {
            summary.counters.add("read.duplicate-ids", producer.renamedIDs)
            summary.warnings.append("\(producer.renamedIDs) duplicate id\(producer.renamedIDs == 1 ? "" : "s") made unique: "
                                    + producer.renamedExamples.joined(separator: "; ") + (producer.renamedIDs > 5 ? "; …" : ""))
        }
        summary.seconds = Self.seconds(since: clock)
        progress?(Pipeline.Progress(documents: documentsIn, bytes: summary.bytesIn, totalBytes: source.totalBytes,
                                    seconds: summary.seconds))
        let violations = output.ledger.finalViolations()
        if !violations.isEmpty {
            let shown = violations.prefix(20).joined(separator: "; ")
            let more = violations.count > 20 ? " (and \(violations.count - 20) more)" : ""
            throw WinnowError(.check, "conservation check failed: \(shown)\(more)")
        }
        try output.sink.finish(summary: summary)
        try output.decisionSink?.finish()
        return summary
    }

    /// Hands a batch to the writing segment: on its thread through the queue, or here and now.
    private func deliver(_ handoff: consuming Segment.Handoff, to writer: Segment, queue: HandoffQueue<Segment.Handoff?>?) throws {
        if let queue {
            try queue.put(consume handoff)
        } else {
            try output.accept(try writer.receive(consume handoff))
        }
    }

    /// The writing segment's thread: takes batches up until the end, then finishes and writes the rest.
    private static func drive(_ writer: Segment, output: OutputSide, queue: HandoffQueue<Segment.Handoff?>) {
        do {
            while let item = queue.take() {
                guard let handoff = item else {
                    try output.accept(try writer.finish())
                    try output.releaseAll()
                    return
                }
                try output.accept(try writer.receive(handoff))
            }
        } catch {
            queue.fail(error)
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// A value handed to another thread that, from then on, is the only one to touch it.
private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// A stage with its types erased, so the run can hold stages of different kinds in one list.
protocol StageRunning {
    /// The stage's preparation of a batch, in parallel; the result goes back to `process`.
    func prepare(_ batch: inout [Document], threads: Int) -> any Sendable
    /// The stage's decisions over a prepared batch, in input order.
    func process(_ batch: consuming [Document], prepared: any Sendable, context: StageContext) throws
    func finish(context: StageContext) throws
}

private struct StageRunner<S: Stage>: StageRunning, @unchecked Sendable {
    let stage: S

    func prepare(_ batch: inout [Document], threads: Int) -> any Sendable {
        Parallel.prepare(&batch, with: stage.preparation, threads: threads)
    }

    /// Hands each document over to the stage, moved out of the batch rather than copied.
    func process(_ batch: consuming [Document], prepared: any Sendable, context: StageContext) throws {
        let outputs = prepared as! [S.Preparation.Output]
        var index = 0
        try (consume batch).drain { document in
            try stage.process(document, prepared: outputs[index], context: context)
            index += 1
        }
    }

    func finish(context: StageContext) throws {
        try stage.finish(context: context)
    }
}

private func makeRunner(_ stage: some Stage) -> any StageRunning {
    StageRunner(stage: stage)
}
