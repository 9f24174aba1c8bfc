import ArgumentParser
import Foundation
import Winnow
import WinnowLab

/// Scores any decision log (Winnow's, or a peer's written the same way) against a generated corpus.
struct ScoreDecisions: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "score",
                                                    abstract: "Score a decisions file against a labelled corpus (JSON Lines from generate).")

    @Option(help: "The labelled corpus, as written by generate.")
    var corpus: String

    @Option(help: "The decisions, one JSON object a line with id, reason and of.")
    var decisions: String

    func run() throws {
        var labels: [String: Label] = [:]
        for line in try String(contentsOfFile: corpus, encoding: .utf8).split(separator: "\n") {
            guard let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = record["id"] as? String, let label = record["label"] as? [String: Any],
                  let kind = (label["kind"] as? String).flatMap(Label.Kind.init(rawValue:)), let story = label["story"] as? Int
            else { continue }
            labels[id] = Label(kind: kind, story: story, detail: label["detail"] as? String ?? "")
        }
        var verdicts: [Scorer.Verdict] = []
        for line in try String(contentsOfFile: decisions, encoding: .utf8).split(separator: "\n") {
            guard let record = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let id = record["id"] as? String, let reason = record["reason"] as? String else { continue }
            verdicts.append(Scorer.Verdict(id: id, reason: reason, of: record["of"] as? String))
        }
        let score = Scorer.score(labels: labels, verdicts: verdicts)
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        let fragments = score.fragments.predicted == 0 ? "—" : "\(f(score.fragmentPrecision)) / \(f(score.fragmentRecall))"
        let teasers = score.teasers.links == 0 ? "—" : "\(f(score.teaserAccuracy)) / \(f(score.teaserPrecision))"
        print("\(f(score.duplicatePrecision)) / \(f(score.duplicateRecall)) / \(f(score.duplicateF1)) | \(fragments) | \(teasers)")
    }
}
