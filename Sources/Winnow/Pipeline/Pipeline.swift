import Foundation

/// Runs documents from a source through stages to a sink, recording every decision.
///
/// The pipeline owns the flow: it reads a batch, lets each stage prepare the batch in parallel and
/// decide about it in input order, then writes what survives. It holds only the batch, a bounded
/// output window and what stages keep in their indexes, never the whole corpus. At the end it checks
/// that every input document was written or dropped exactly once.
///
/// ```swift
/// let pipeline = Pipeline(stages: [NormalizeStage(), ExactDedupStage()])
/// let output = CollectingSink()
/// let summary = try pipeline.run(source: ArraySource(documents), sink: output, decisions: output)
/// ```
public final class Pipeline {
    /// How a run is carried out; none of these change what a run outputs.
    public struct Options: Sendable {
        /// Worker threads for per-document work; 0 means one per core.
        public var threads = 0
        /// Documents read before the stages run over them. Small batches keep both threads busy from
        /// the first batch to the last and little text in flight; a stage can change a document still
        /// waiting up to `outputWindow` documents plus one batch back, so this is part of what a run
        /// outputs (the thread count never is).
        public var batchSize = 256
        /// Input bytes that close a batch early, so large documents do not pile up.
        public var batchBytes = 16 << 20
        /// Documents kept after the last stage before they are written, so stages can still annotate them.
        public var outputWindow = 4096
        /// Asked between batches; returning true stops the run with an interruption error.
        public var isCancelled: @Sendable () -> Bool = { false }

        /// The default options.
        public init() {}

        /// The thread count actually used.
        public var effectiveThreads: Int {
            threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount
        }
    }

    /// What a run reports as it goes, for a progress line.
    public struct Progress: Sendable {
        /// Documents read so far.
        public var documents: Int
        /// Input bytes read so far.
        public var bytes: Int
        /// Total input bytes, when known.
        public var totalBytes: Int?
        /// Seconds since the run started.
        public var seconds: Double
    }

    /// The stages, in the order documents pass through them.
    public let stages: [any Stage]
    /// How runs are carried out.
    public var options: Options

    /// A pipeline of `stages`.
    public init(stages: [any Stage], options: Options = Options()) {
        self.stages = stages
        self.options = options
    }

    /// Runs every document of `source` through the stages into `sink`, decisions into `decisions`.
    ///
    /// Throws `WinnowError` for bad input, a failed write, an interruption, or a conservation violation;
    /// `sink.finish` is then never called, so a file output is never completed with partial content.
    @discardableResult
    public func run(source: DocumentSource, sink: DocumentSink, decisions: DecisionSink? = nil,
                    progress: ((Progress) -> Void)? = nil) throws -> RunSummary {
        let run = PipelineRun(stages: stages, options: options, sink: sink, decisions: decisions)
        return try run.execute(source: source, progress: progress)
    }
}
