import Foundation
import Synchronization
import Testing
@testable import Winnow
import WinnowLab

/// The output never depends on the thread count: the same bytes with 1, 2 and 8 threads.
@Suite struct DeterminismTests {
    /// A corpus with exact copies, near copies, fragments and teasers, large enough for several batches.
    static func corpus() -> String {
        var generator = SeededGenerator(seed: 42)
        let words = ["market", "minister", "council", "river", "school", "price", "energy", "report", "city", "court",
                     "budget", "storm", "election", "bridge", "hospital", "factory", "farmers", "police", "festival", "museum"]
        var lines: [String] = []
        for index in 0..<3000 {
            let length = 20 + Int(generator.next() % 60)
            var text = (0..<length).map { _ in words[Int(generator.next() % UInt64(words.count))] }.joined(separator: " ")
            text = "Story \(index): " + text + "."
            lines.append(#"{"id":"s\#(index)","text":"\#(text)"}"#)
            switch generator.next() % 6 {
            case 0: lines.append(#"{"id":"s\#(index)-copy","text":"\#(text.uppercased())"}"#)
            case 1: lines.append(#"{"id":"s\#(index)-teaser","text":"\#(String(text.prefix(70)))…"}"#)
            case 2: lines.append(#"{"id":"s\#(index)-near","text":"\#(text) Extra closing words."}"#)
            default: break
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func sameBytesWhateverTheThreadCount() throws {
        let path = try TestSupport.file("corpus.jsonl", Self.corpus())
        var spec = try TestSupport.news(.jsonl, annotate: true)
        spec.read.format = .jsonl
        let one = try TestSupport.run(spec, [path], threads: 1)
        let two = try TestSupport.run(spec, [path], threads: 2)
        let eight = try TestSupport.run(spec, [path], threads: 8)
        #expect(one.summary.documentsDropped > 500)
        #expect(one.output == two.output && one.output == eight.output)
        #expect(one.decisions == two.decisions && one.decisions == eight.decisions)
    }
}

/// Where a pipeline is cut between its two threads: by the stages alone, balanced by their cost.
@Suite struct PipelineSplitTests {
    @Test func theCutBalancesTheStagesAndStopsAtTheFirstReader() throws {
        let news = try BuiltinPipelines.named("news")!.makeStages()
        #expect(news.map(\.name) == ["normalize", "exact-dedup", "near-dedup", "fragments", "line-dedup", "teasers"])
        #expect(PipelineRun.split(news) == 4)
        #expect(PipelineRun.split([ExactDedupStage(), NearDedupStage(), FragmentsStage(), LineDedupStage()]) == 2)
        #expect(PipelineRun.split([NormalizeStage(), TeasersStage()]) == 1)
        #expect(PipelineRun.split([LineDedupStage(), NearDedupStage(), FragmentsStage()]) == 0)
        #expect(PipelineRun.split([NearDedupStage()]) == 0)
    }

    #if os(Linux)
    /// The helper threads yield to the driving one: they run at a higher nice value than the test's.
    @Test func helperThreadsRunAtALowerPriority() {
        let own = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0)
        let seen = Mutex<Int32?>(nil)
        let done = DispatchSemaphore(value: 0)
        HelperThread.start {
            seen.withLock { $0 = getpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0) }
            done.signal()
        }
        done.wait()
        #expect(seen.withLock { $0 } == min(19, own + HelperThread.niceness))
    }
    #endif

    @Test func theReadingThreadSharesTheCoresOnlyWithTwoSegments() throws {
        let news = try BuiltinPipelines.named("news")!.makeStages()
        #expect(PipelineRun.readingPreparers(news, threads: 1) == 1)
        #expect(PipelineRun.readingPreparers(news, threads: 2) == 1)
        #expect(PipelineRun.readingPreparers(news, threads: 4) == 3)
        #expect(PipelineRun.readingPreparers([NearDedupStage()], threads: 2) == 2)
        #expect(PipelineRun.readingPreparers([NearDedupStage()], threads: 4) == 4)
    }
}
