import Foundation
import Testing
@testable import Winnow

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

/// A small deterministic random generator (SplitMix64) for reproducible test corpora.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
