import Winnow

/// Runs a pipeline over a generated labelled corpus in memory and scores its decisions.
public enum QualityRun {
    /// The score of `spec`'s stages on a corpus made with `options`, and the run's summary.
    public static func run(_ spec: PipelineSpec, corpus options: LabelledCorpus.Options, threads: Int = 1) throws -> (Scorer.Score, RunSummary) {
        var labels: [String: Label] = [:]
        var documents: [Document] = []
        LabelledCorpus.generate(options) { entry in
            labels[entry.id] = entry.label
            documents.append(Document(id: DocumentID(entry.id), text: entry.text,
                                      fields: [Field(name: "site", value: .string(entry.site))],
                                      source: SourceLocation(file: "generated", line: documents.count + 1)))
        }
        var pipelineOptions = Pipeline.Options()
        pipelineOptions.threads = threads
        let sink = VerdictSink()
        let summary = try Pipeline(stages: spec.makeStages(), options: pipelineOptions)
            .run(source: ArraySource(documents), sink: sink, decisions: sink)
        return (Scorer.score(labels: labels, verdicts: sink.verdicts), summary)
    }
}

/// Keeps decisions only, dropping documents as they are written.
final class VerdictSink: DocumentSink, DecisionSink {
    var verdicts: [Scorer.Verdict] = []
    func write(_ document: Document) throws {}
    func finish(summary: RunSummary) throws {}
    func record(_ decision: Decision) throws {
        verdicts.append(Scorer.Verdict(id: decision.id.rawValue, reason: decision.reason, of: decision.of?.rawValue))
    }
    func finish() throws {}
}
