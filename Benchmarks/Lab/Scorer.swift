/// Scores a run's decisions against a labelled corpus's ground truth.
///
/// Duplicates: pairwise precision, recall and F1 over the clusters the decisions form (`exact`,
/// `near`, `near-contained` link a document to the one that absorbs it). Fragments: a `fragment`
/// decision is right when its container tells the same story. Hard negatives: any follow-up story
/// or short article merged with another story is counted. Teasers: right when linked to their own
/// story, or left unmatched when that story is absent; precision counts wrong links.
public struct Scorer {
    /// One decision as the scorer needs it.
    public struct Verdict: Sendable {
        public var id: String
        public var reason: String
        public var of: String?
        public init(id: String, reason: String, of: String?) {
            self.id = id
            self.reason = reason
            self.of = of
        }
    }

    /// The scores, with examples of what went wrong.
    public struct Score: Sendable, CustomStringConvertible {
        public var duplicatePairs = (truePositive: 0, predicted: 0, actual: 0)
        public var fragments = (correct: 0, predicted: 0, actual: 0)
        public var teasers = (right: 0, total: 0, wrongLinks: 0, links: 0)
        public var hardNegativesMerged = 0
        /// Missed or wrong decisions by kind and detail, counted.
        public var failures: [String: Int] = [:]

        public var duplicatePrecision: Double { ratio(duplicatePairs.truePositive, duplicatePairs.predicted) }
        public var duplicateRecall: Double { ratio(duplicatePairs.truePositive, duplicatePairs.actual) }
        public var duplicateF1: Double {
            let p = duplicatePrecision, r = duplicateRecall
            return p + r > 0 ? 2 * p * r / (p + r) : 0
        }
        public var fragmentPrecision: Double { ratio(fragments.correct, fragments.predicted) }
        public var fragmentRecall: Double { ratio(fragments.correct, fragments.actual) }
        public var teaserAccuracy: Double { ratio(teasers.right, teasers.total) }
        public var teaserPrecision: Double { teasers.links == 0 ? 1 : 1 - ratio(teasers.wrongLinks, teasers.links) }

        private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 1 : Double(a) / Double(b) }

        public var description: String {
            var lines = [
                "duplicates: precision \(format(duplicatePrecision)) recall \(format(duplicateRecall)) F1 \(format(duplicateF1)) "
                    + "(\(duplicatePairs.truePositive) of \(duplicatePairs.actual) pairs found, \(duplicatePairs.predicted) predicted)",
                "fragments:  precision \(format(fragmentPrecision)) recall \(format(fragmentRecall)) "
                    + "(\(fragments.correct) of \(fragments.actual), \(fragments.predicted) predicted)",
                "teasers:    accuracy \(format(teaserAccuracy)) precision \(format(teaserPrecision)) "
                    + "(\(teasers.right) of \(teasers.total) right, \(teasers.wrongLinks) wrong links of \(teasers.links))",
                "hard negatives merged: \(hardNegativesMerged)",
            ]
            for (failure, count) in failures.sorted(by: { $0.value > $1.value }).prefix(12) {
                lines.append("  \(count) × \(failure)")
            }
            return lines.joined(separator: "\n")
        }

        private func format(_ value: Double) -> String {
            let scaled = Int((value * 10000).rounded())
            return "\(scaled / 10000).\(String(scaled % 10000).leftPadded(4, with: "0"))"
        }
    }

    /// Scores `verdicts` (every decision of the run) against `labels` (every input document's).
    public static func score(labels: [String: Label], verdicts: [Verdict]) -> Score {
        var score = Score()
        var parent: [String: String] = [:]
        func find(_ id: String) -> String {
            var root = id
            while let next = parent[root], next != root { root = next }
            var node = id
            while let next = parent[node], next != root {
                parent[node] = root
                node = next
            }
            return root
        }
        let duplicateReasons: Set<String> = ["exact", "near", "near-contained"]
        var linkedTeasers: [String: String] = [:]
        for verdict in verdicts {
            guard let of = verdict.of else { continue }
            if duplicateReasons.contains(verdict.reason) {
                let a = find(verdict.id), b = find(of)
                if a != b { parent[a] = b }
            }
            if verdict.reason == "fragment" {
                score.fragments.predicted += 1
                if let label = labels[verdict.id], label.kind == .fragment, labels[of]?.story == label.story {
                    score.fragments.correct += 1
                } else {
                    score.failures["wrong fragment: \(labels[verdict.id]?.kind.rawValue ?? "?") \(labels[verdict.id]?.detail ?? "")", default: 0] += 1
                }
            }
            if verdict.reason == "teaser" { linkedTeasers[verdict.id] = of }
            if let label = labels[verdict.id], let target = labels[of], label.story != target.story,
               [.followUp, .short].contains(label.kind) || [.followUp, .short].contains(target.kind) {
                score.hardNegativesMerged += 1
                score.failures["hard negative merged: \(label.kind.rawValue) \(verdict.reason) \(target.kind.rawValue)", default: 0] += 1
            }
        }

        var clusters: [String: [String]] = [:]
        for id in labels.keys { clusters[find(id), default: []].append(id) }
        var truthSizes: [Int: Int] = [:]
        for label in labels.values where label.isDuplicate { truthSizes[label.story, default: 0] += 1 }
        score.duplicatePairs.actual = truthSizes.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        for members in clusters.values where members.count > 1 {
            score.duplicatePairs.predicted += members.count * (members.count - 1) / 2
            var byStory: [Int: Int] = [:]
            for id in members { if let label = labels[id], label.isDuplicate { byStory[label.story, default: 0] += 1 } }
            score.duplicatePairs.truePositive += byStory.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        }
        var originalCluster: [Int: String] = [:]
        for (id, label) in labels where label.kind == .original { originalCluster[label.story] = find(id) }
        for (id, label) in labels {
            switch label.kind {
            case .exact, .variant, .syndicated:
                if originalCluster[label.story] != find(id) {
                    score.failures["missed \(label.kind.rawValue): \(label.detail)", default: 0] += 1
                }
            case .fragment:
                score.fragments.actual += 1
            case .teaser, .orphanTeaser:
                score.teasers.total += 1
                if let target = linkedTeasers[id] {
                    score.teasers.links += 1
                    if labels[target]?.story == label.story && label.kind == .teaser {
                        score.teasers.right += 1
                    } else {
                        score.teasers.wrongLinks += 1
                        score.failures["wrong teaser link: \(label.detail)", default: 0] += 1
                    }
                } else if label.kind == .orphanTeaser {
                    score.teasers.right += 1
                } else {
                    score.failures["missed teaser: \(label.detail)", default: 0] += 1
                }
            default:
                break
            }
        }
        let foundFragments = Set(verdicts.filter { $0.reason == "fragment" }.map(\.id))
        for (id, label) in labels where label.kind == .fragment && !foundFragments.contains(id) {
            score.failures["missed fragment: \(label.detail)", default: 0] += 1
        }
        return score
    }
}

extension String {
    func leftPadded(_ width: Int, with pad: Character = " ") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
