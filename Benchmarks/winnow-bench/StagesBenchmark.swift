import ArgumentParser
import CJemalloc
import Foundation
import Winnow
import WinnowLab

/// Each stage alone, then the dedup stages together, on the labelled corpus held in memory.
struct StagesBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stages",
                                                    abstract: "Per-stage throughput (reading and writing excluded), MB/s.")

    @Option(help: "Stories in the corpus (about 6.3 KB of text per story with its copies).")
    var stories = 20000

    @Option(parsing: .upToNextOption, help: "Thread counts for the dedup stages and the news pipeline together.")
    var threads: [Int] = [1, 2]

    @Option(help: "Rounds of the runs together, each thread count once a round in turn (so a busy spell of the host hits them alike); the best of each is shown.")
    var rounds = 5

    @Flag(help: "Skip the single stages.")
    var togetherOnly = false

    func run() throws {
        var options = LabelledCorpus.Options()
        options.stories = stories
        var raw: [Document] = []
        var bytes = 0
        LabelledCorpus.generate(options) { entry in
            bytes += entry.text.utf8.count
            raw.append(Document(id: DocumentID(entry.id), text: entry.text, source: SourceLocation(file: "generated", line: raw.count + 1)))
        }
        let normalizer = NormalizeStage().preparation
        var normalized = raw
        let normalizeSeconds = Measure.best(rounds: 1) {
            for index in normalized.indices {
                _ = normalizer.prepare(&normalized[index])
                _ = normalized[index].matchingKey()
            }
        }
        print("\(raw.count) documents, \(bytes / 1_000_000) MB of text; jemalloc \(String(cString: winnow_jemalloc_version())), as the winnow command")
        print("normalize (text + key)   \(Measure.megabytesPerSecond(bytes: bytes, seconds: normalizeSeconds))")
        // Each stage with what its preparation is and what the rest of its run is (its decisions, with
        // the pipeline's share), for the line that times them apart: the rest is the whole less the preparation.
        let single: [(name: String, make: () -> any Stage, preparation: String, rest: String)] = [
            ("exact-dedup", { ExactDedupStage() }, "hashing", "lookups"),
            ("near-dedup", { NearDedupStage() }, "shingles and signatures", "LSH and verification"),
            ("fragments", { FragmentsStage() }, "sentence hashes", "fragment index"),
            ("line-dedup", { LineDedupStage() }, "paragraph hashes", "tallies and edits"),
            ("teasers", { TeasersStage() }, "teaser test", "head index"),
        ]
        for stage in single where !togetherOnly {
            let seconds = try Measure.best(rounds: 1) { try run([stage.make()], normalized, threads: 1) }
            let preparing = preparationSeconds(stage.make(), normalized)
            print("\(stage.name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(Measure.megabytesPerSecond(bytes: bytes, seconds: seconds))"
                  + "  (\(stage.preparation) \(Measure.megabytesPerSecond(bytes: bytes, seconds: preparing)), "
                  + "then \(stage.rest) \(Measure.megabytesPerSecond(bytes: bytes, seconds: seconds - preparing)))")
        }
        let four = { [ExactDedupStage(), NearDedupStage(), FragmentsStage(), LineDedupStage()] as [any Stage] }
        let news = { try BuiltinPipelines.named("news")!.makeStages() }
        var fourBest = Array(repeating: (seconds: Double.infinity, cpu: 0.0), count: self.threads.count)
        var newsBest = fourBest
        for _ in 0..<rounds {
            for (slot, threads) in self.threads.enumerated() {
                let together = try Measure.bestWithCPU(rounds: 1) { try run(four(), normalized, threads: threads) }
                if together.seconds < fourBest[slot].seconds { fourBest[slot] = together }
                let whole = try Measure.bestWithCPU(rounds: 1) { try run(news(), raw, threads: threads) }
                if whole.seconds < newsBest[slot].seconds { newsBest[slot] = whole }
            }
        }
        for (slot, threads) in self.threads.enumerated() {
            let plural = threads > 1 ? "s" : " "
            print("four dedup stages, \(threads) thread\(plural)  \(Measure.megabytesPerSecond(bytes: bytes, seconds: fourBest[slot].seconds))"
                  + String(format: "  (%.2f s, CPU %.2f s)", fourBest[slot].seconds, fourBest[slot].cpu))
            print("news pipeline, \(threads) thread\(plural)      \(Measure.megabytesPerSecond(bytes: bytes, seconds: newsBest[slot].seconds))"
                  + String(format: "  (%.2f s, CPU %.2f s)", newsBest[slot].seconds, newsBest[slot].cpu))
        }
    }

    /// Seconds a stage's preparation takes over every document on one thread, without the pipeline.
    func preparationSeconds<S: Stage>(_ stage: S, _ documents: [Document]) -> Double {
        var copies = documents
        let preparation = stage.preparation
        return Measure.best(rounds: 1) {
            for index in copies.indices { _ = preparation.prepare(&copies[index]) }
        }
    }

    /// Runs `stages` over `documents`; the stages are new for every run (they keep indexes).
    func run(_ stages: [any Stage], _ documents: [Document], threads: Int) throws {
        var options = Pipeline.Options()
        options.threads = threads
        try Pipeline(stages: stages, options: options).run(source: ArraySource(documents), sink: DiscardingSink())
    }
}

/// Forgets every document: the benchmark times the stages, not a writer.
final class DiscardingSink: DocumentSink {
    func write(_ document: Document) throws {}
    func finish(summary: RunSummary) throws {}
}
