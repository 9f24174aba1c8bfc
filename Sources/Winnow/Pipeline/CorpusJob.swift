/// A whole run as the command line does it: inputs read per a pipeline spec, the corpus written to
/// a file or standard output, and optionally the decision log and the report.
///
/// Every output is written to a temporary file and renamed into place only when the run succeeds,
/// so a failed or interrupted run leaves no partial file and no old file replaced.
///
/// ```swift
/// var job = CorpusJob(spec: try BuiltinPipelines.named("news")!, inputs: ["page.txt"])
/// job.output = "clean.xml"
/// job.decisions = "decisions.jsonl"
/// let summary = try job.run()
/// ```
public struct CorpusJob {
    /// The pipeline to run.
    public var spec: PipelineSpec
    /// Input paths, read in order as one corpus; `-` is standard input.
    public var inputs: [String]
    /// The corpus output path; `-` is standard output.
    public var output = "-"
    /// The decision log path (JSON Lines), if wanted.
    public var decisions: String?
    /// The report path (JSON), if wanted.
    public var report: String?
    /// Threads and batching.
    public var options = Pipeline.Options()

    /// A job running `spec` over `inputs`, writing to standard output.
    public init(spec: PipelineSpec, inputs: [String]) {
        self.spec = spec
        self.inputs = inputs.isEmpty ? ["-"] : inputs
    }

    /// Runs the job; throws `WinnowError` with nothing half-written.
    @discardableResult
    public func run(progress: ((Pipeline.Progress) -> Void)? = nil) throws -> RunSummary {
        var readOptions = spec.read
        let stages = spec.makeStages()
        readOptions.threads = PipelineRun.readingPreparers(stages, threads: options.effectiveThreads)
        let source = InputReader(paths: inputs, options: readOptions)
        let corpusFile = try OutputFile(path: output)
        let decisionFile = try decisions.map { try OutputFile(path: $0) }
        let reportFile = try report.map { try OutputFile(path: $0) }
        do {
            let writer = try spec.format.makeWriter(corpusFile, annotate: spec.annotate, idField: spec.read.idField,
                                                    textField: spec.read.textField)
            let log = decisionFile.map { DecisionLogWriter(output: $0) }
            let pipeline = Pipeline(stages: stages, options: options)
            let summary = try pipeline.run(source: source, sink: writer, decisions: log, progress: progress)
            if let reportFile {
                try reportFile.write(ReportEncoder.encode(summary, extra: writer.counters))
                try reportFile.commit()
            }
            return summary
        } catch {
            corpusFile.abort()
            decisionFile?.abort()
            reportFile?.abort()
            throw error
        }
    }
}
