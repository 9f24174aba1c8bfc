import ArgumentParser
import Foundation
import Winnow
import WinnowLab

/// `winnow-bench`: per-stage throughput on generated text (release builds only mean anything).
@main
struct WinnowBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow-bench",
        abstract: "Throughput benchmarks of Winnow's stages on generated text.",
        subcommands: [NormalizeBenchmark.self, StagesBenchmark.self, ReadersBenchmark.self, QualityBenchmark.self, GenerateCorpus.self,
                      ScoreDecisions.self]
    )
}
