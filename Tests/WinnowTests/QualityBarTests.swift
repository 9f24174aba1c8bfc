import Testing
@testable import Winnow
import WinnowLab

/// The default news pipeline on a small labelled corpus reaches the quality bar; the full-size
/// corpus runs in `make bench`.
@Suite struct QualityBarTests {
    static func score(seed: UInt64) throws -> Scorer.Score {
        var options = LabelledCorpus.Options()
        options.stories = 700
        options.seed = seed
        return try QualityRun.run(try BuiltinPipelines.named("news")!, corpus: options, threads: 2).0
    }

    @Test(arguments: [UInt64(11), 12])
    func newsPipelineReachesTheBar(seed: UInt64) throws {
        let score = try Self.score(seed: seed)
        #expect(score.duplicatePrecision >= 0.99, "\(score)")
        #expect(score.duplicateRecall >= 0.95, "\(score)")
        #expect(score.fragmentPrecision >= 0.98, "\(score)")
        #expect(score.fragmentRecall >= 0.95, "\(score)")
        #expect(score.hardNegativesMerged == 0, "\(score)")
        #expect(score.teaserAccuracy >= 0.98, "\(score)")
        #expect(score.teaserPrecision >= 0.995, "\(score)")
    }

    @Test func plainJaccardMissesWhatWinnowFinds() throws {
        var options = LabelledCorpus.Options()
        options.stories = 700
        options.seed = 11
        var near = NearDedupStage.Options()
        near.containment = 0
        let plain = PipelineSpec(name: "plain", stages: [.normalize(.init()), .exactDedup, .nearDedup(near)])
        let plainScore = try QualityRun.run(plain, corpus: options).0
        let newsScore = try Self.score(seed: 11)
        #expect(newsScore.duplicateRecall > plainScore.duplicateRecall + 0.1, "plain \(plainScore)\nnews \(newsScore)")
    }

    @Test func scorerCountsWhatItShould() {
        let labels: [String: Label] = [
            "a": Label(kind: .original, story: 1), "b": Label(kind: .exact, story: 1), "c": Label(kind: .syndicated, story: 1),
            "d": Label(kind: .original, story: 2), "e": Label(kind: .followUp, story: 1_000_001),
            "f": Label(kind: .fragment, story: 2), "t": Label(kind: .teaser, story: 2), "o": Label(kind: .orphanTeaser, story: 9),
        ]
        let verdicts = [
            Scorer.Verdict(id: "b", reason: "exact", of: "a"), Scorer.Verdict(id: "e", reason: "near", of: "a"),
            Scorer.Verdict(id: "f", reason: "fragment", of: "d"), Scorer.Verdict(id: "t", reason: "teaser", of: "d"),
        ]
        let score = Scorer.score(labels: labels, verdicts: verdicts)
        #expect(score.duplicatePairs.actual == 3)
        #expect(score.duplicatePairs.predicted == 3)
        #expect(score.duplicatePairs.truePositive == 1)
        #expect(score.hardNegativesMerged == 1)
        #expect(score.fragmentPrecision == 1 && score.fragmentRecall == 1)
        #expect(score.teaserAccuracy == 1 && score.teaserPrecision == 1)
    }
}
