import ArgumentParser
import Foundation
import Winnow
import WinnowLab

/// Duplicate, fragment and teaser quality of a pipeline on the labelled corpus.
struct QualityBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quality",
                                                    abstract: "Score a pipeline on a generated labelled corpus.")

    @Option(help: "Stories in the corpus (about 2.3 documents each).")
    var stories = 5000

    @Option(help: "The pipeline: a file or a built-in name.")
    var pipeline = "news"

    @Option(help: "Corpus seed.")
    var seed: UInt64 = 1

    func run() throws {
        let spec = try BuiltinPipelines.named(pipeline) ?? PipelineSpec(contentsOf: pipeline)
        var options = LabelledCorpus.Options()
        options.stories = stories
        options.seed = seed
        let (score, summary) = try QualityRun.run(spec, corpus: options)
        print("\(summary.documentsIn) documents, \(summary.documentsDropped) dropped: \(summary.dropped.sorted.map { "\($0.name) \($0.value)" }.joined(separator: ", "))")
        print(score)
    }
}
