import Testing
@testable import Winnow
import WinnowLab

/// Exact, near-duplicate, fragment and boilerplate decisions on small, readable cases.
@Suite struct DedupTests {
    static func story(_ seed: UInt64, paragraphs: Int = 6) -> Story {
        var writer = StoryWriter(seed: seed)
        return writer.story(topic: writer.topic())
    }

    static func run(_ texts: [String], _ stages: [any Stage]) throws -> CollectingSink {
        let documents = texts.enumerated().map { TestSupport.document($0.offset + 1, $0.element) }
        return try TestSupport.process(documents, [NormalizeStage()] + stages)
    }

    @Test func signaturesArePackedTwoNibblesToAByteAndPaddedToEightBytes() {
        var generator = SeededGenerator(seed: 3)
        for count in [1, 2, 5, 16, 17, 128] {
            let values = (0..<count).map { _ in UInt32(truncatingIfNeeded: generator.next()) }
            let packed = values.withUnsafeBufferPointer { NearDedupStage.Preparation.pack($0) }
            #expect(packed.count == (count + 15) / 16 * 8)
            for (index, byte) in packed.enumerated() {
                let low = 2 * index < count ? UInt8(values[2 * index] & 0xF) : 0
                let high = 2 * index + 1 < count ? UInt8(values[2 * index + 1] & 0xF) : 0
                #expect(byte == low | high << 4, "count \(count), byte \(index)")
            }
        }
    }

    @Test func exactCopiesDifferingOnlyByNoiseAreOne() throws {
        let text = Self.story(1).text
        let sink = try Self.run([text, text.uppercased().replacingOccurrences(of: " ", with: "  "), text], [ExactDedupStage()])
        #expect(sink.documents.map(\.id) == ["d1"])
        #expect(sink.decisions.map(\.reason) == ["exact", "exact"])
        #expect(sink.decisions.allSatisfy { $0.of == "d1" && $0.score == 1 })
    }

    @Test func syndicatedCopyWithAParagraphCutIsNearContained() throws {
        var copy = Self.story(2)
        copy.paragraphs.remove(at: 2)
        copy.headline = nil
        let sink = try Self.run([Self.story(2).text, copy.text + "\nShare this article: Facebook Twitter Email"], [NearDedupStage()])
        #expect(sink.documents.map(\.id) == ["d1"])
        #expect(sink.decisions.first?.reason == "near-contained" || sink.decisions.first?.reason == "near")
        #expect(sink.decisions.first?.of == "d1")
    }

    @Test func differentStoriesOnOneTopicStayApart() throws {
        var writer = StoryWriter(seed: 3)
        let topic = writer.topic()
        let first = writer.story(topic: topic).text, second = writer.story(topic: topic).text
        let sink = try Self.run([first, second], [NearDedupStage(), FragmentsStage()])
        #expect(sink.documents.count == 2)
        #expect(sink.decisions.isEmpty)
    }

    @Test func plainJaccardOptionDropsContainment() throws {
        var copy = Self.story(4)
        copy.paragraphs.removeLast(3)
        var options = NearDedupStage.Options()
        options.containment = 0
        let sink = try Self.run([Self.story(4).text, copy.text], [NearDedupStage(options: options)])
        #expect(sink.documents.count == 2)
    }

    /// A copy with a paragraph cut, another story, the full article, a copy with a paragraph cut.
    static func clusterWithTheLongestThird() -> [String] {
        var first = Self.story(7), last = Self.story(7)
        first.paragraphs.remove(at: 1)
        last.paragraphs.remove(at: 3)
        return [first.text, Self.story(8).text, Self.story(7).text, last.text]
    }

    @Test func theLongestCopyCanRepresentItsCluster() throws {
        var options = NearDedupStage.Options()
        options.representative = .longest
        let sink = try Self.run(Self.clusterWithTheLongestThird(), [NearDedupStage(options: options)])
        #expect(sink.documents.map(\.id) == ["d3", "d2"], "the longest takes the first copy's place")
        #expect(sink.decisions.map(\.id) == ["d1", "d4"])
        #expect(sink.decisions.allSatisfy { $0.of == "d3" })
        #expect(sink.documents[0].annotations.duplicates == ["d1", "d4"])
    }

    @Test func anExactCopyOfAHeldDocumentIsRecordedOnIt() throws {
        var options = NearDedupStage.Options()
        options.representative = .longest
        var texts = Self.clusterWithTheLongestThird()
        texts.insert(texts[1], at: 3)
        let sink = try Self.run(texts, [ExactDedupStage(), NearDedupStage(options: options)])
        #expect(sink.documents.map(\.id) == ["d3", "d2"])
        #expect(sink.documents[1].annotations.duplicates == ["d4"])
        #expect(sink.documents[0].annotations.duplicates == ["d1", "d5"])
    }

    @Test func theFirstStaysWhenTheLongerCopyComesAfterTheWindow() throws {
        var options = NearDedupStage.Options()
        options.representative = .longest
        options.representativeWindow = 1
        let sink = try Self.run(Self.clusterWithTheLongestThird(), [NearDedupStage(options: options)])
        #expect(sink.documents.map(\.id) == ["d1", "d2"])
        #expect(sink.decisions.allSatisfy { $0.of == "d1" })
        let first = try Self.run(Self.clusterWithTheLongestThird(), [NearDedupStage()])
        #expect(first.documents.map(\.id) == ["d1", "d2"])
    }

    @Test func fragmentsAreFoundAndNamed() throws {
        let story = Self.story(5)
        let firstSentence = String(story.paragraphs[0].prefix { $0 != "." && $0 != "?" }) + "."
        let sink = try Self.run([story.text, firstSentence, story.headline!, story.paragraphs[3]], [FragmentsStage()])
        #expect(sink.documents.map(\.id) == ["d1"])
        #expect(sink.decisions.map(\.reason) == ["fragment", "fragment", "fragment"])
        #expect(sink.decisions.allSatisfy { $0.of == "d1" && ($0.score ?? 0) >= 0.9 })
    }

    @Test func aTeaserIsNeverAFragment() throws {
        let story = Self.story(6)
        let sink = try Self.run([story.text, String(story.paragraphs[0].prefix(80)) + "…"], [FragmentsStage(), NearDedupStage()])
        #expect(sink.documents.count == 2)
    }

    @Test func boilerplateIsRemovedOnceItRecursIncludingEarlierDocuments() throws {
        let footer = "Share this article: Facebook Twitter Email WhatsApp"
        let texts = (10..<15).map { Self.story(UInt64($0)).paragraphs[0] + "\n" + footer }
        let sink = try Self.run(texts, [LineDedupStage()])
        #expect(sink.documents.count == 5)
        #expect(sink.documents.allSatisfy { !$0.text.contains("Share this article") })
        #expect(sink.decisions.filter { $0.action == .edit && $0.reason == "boilerplate" }.count == 5)
        #expect(sink.decisions.first { $0.stage == "line-dedup" }?.detail == "removed 1 line: \"\(footer)\"")
    }

    @Test func aParagraphRepeatedInOneDocumentIsKeptOnce() throws {
        let story = Self.story(20)
        let text = ([story.paragraphs[0], story.paragraphs[1], story.paragraphs[0]]).joined(separator: "\n")
        var options = LineDedupStage.Options()
        options.scope = .document
        let sink = try Self.run([text], [LineDedupStage(options: options)])
        #expect(sink.documents.first?.text == story.paragraphs[0] + "\n" + story.paragraphs[1])
        #expect(sink.decisions.map(\.reason) == ["repeated"])
    }

    @Test func aParagraphRepeatedInALongDocumentIsKeptOnce() throws {
        let lines = (0..<LineDedupStage.scannedParagraphs + 6).map { "Paragraph \($0) of the long report says something new." }
        let text = (lines + [lines[2], lines[LineDedupStage.scannedParagraphs + 1]]).joined(separator: "\n")
        var options = LineDedupStage.Options()
        options.scope = .document
        let sink = try Self.run([text], [LineDedupStage(options: options)])
        #expect(sink.documents.first?.text == lines.joined(separator: "\n"))
        #expect(sink.decisions.map(\.reason) == ["repeated"])
        #expect(sink.decisions.first?.detail?.hasPrefix("removed 2 lines") == true)
    }

    @Test func aDocumentOfNothingButBoilerplateIsDropped() throws {
        let footer = "© 2025 The Courier. All rights reserved."
        let texts = (30..<33).map { Self.story(UInt64($0)).paragraphs[0] + "\n" + footer } + [footer]
        let sink = try Self.run(texts, [LineDedupStage()])
        #expect(sink.decisions.last?.reason == "boilerplate" && sink.decisions.last?.action == .drop)
        #expect(sink.documents.count == 3)
    }

    @Test func characterShinglesCatchShortNearCopies() throws {
        var options = NearDedupStage.Options()
        options.unit = .characters
        options.shingle = 4
        let texts = ["東京都は新しい橋の建設を発表した", "東京都は新しい橋の建設を発表しました", "大阪府は古い駅の改修を始めた"]
        let sink = try Self.run(texts, [NearDedupStage(options: options)])
        #expect(sink.documents.map(\.id) == ["d1", "d3"])
        #expect(Shingler(size: 3, unit: .characters).shingles(of: MatchingKey(text: "abcd")).count == 2)
    }

    @Test func lshParametersAreDerivedSensibly() {
        let strict = LSHParameters(threshold: 0.8, permutations: 128)
        #expect(strict.bands * strict.rows <= 128)
        #expect(strict == LSHParameters(bands: 9, rows: 13))
        #expect(strict.candidateProbability(0.9) > 0.9 && strict.candidateProbability(0.5) < 0.01)
        let news = NearDedupStage.Options().effectiveLSH
        #expect(news == LSHParameters(bands: 12, rows: 3))
        #expect(news.candidateProbability(0.55) > 0.85)
    }

    @Test func minHashEstimatesJaccard() {
        var generator = SeededGenerator(seed: 99)
        var errors: [Double] = []
        for _ in 0..<200 {
            let shared = (0..<Int(generator.next() % 300)).map { _ in generator.next() }
            let onlyA = (0..<Int(1 + generator.next() % 200)).map { _ in generator.next() }
            let onlyB = (0..<Int(1 + generator.next() % 200)).map { _ in generator.next() }
            let truth = Double(shared.count) / Double(shared.count + onlyA.count + onlyB.count)
            let hasher = MinHasher(count: 128)
            let estimate = MinHasher.similarity(hasher.signature(of: shared + onlyA), hasher.signature(of: shared + onlyB))
            errors.append(abs(estimate - truth))
        }
        #expect(errors.reduce(0, +) / Double(errors.count) < 0.035)
    }

    /// The exact-dedup digest against a word-by-word reading of its definition, whatever the length;
    /// and a digest tells apart texts whose words only trade places.
    @Test func digestsAreTwoLanesOfWordsUnderTwoSeeds() {
        func half(_ raw: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
            var lanes = [seed ^ StableHash.prime0, seed ^ StableHash.prime2]
            let words = raw.count / 8
            for word in 0..<words {
                let value = (0..<8).reduce(UInt64(0)) { $0 | UInt64(raw[word * 8 + $1]) << UInt64($1 * 8) }
                lanes[word % 2] = StableHash.mum(lanes[word % 2] ^ value, StableHash.prime1)
            }
            if raw.count % 8 > 0 {
                let tail = (words * 8..<raw.count).reduce(UInt64(0)) { $0 | UInt64(raw[$1]) << UInt64(($1 - words * 8) * 8) }
                lanes[1] = StableHash.mum(lanes[1] ^ tail, StableHash.prime2)
            }
            return Digest128.joined(lanes[0], lanes[1], count: raw.count, seed: seed)
        }
        var generator = SeededGenerator(seed: 3)
        for length in 0..<70 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            bytes.withUnsafeBytes { raw in
                let digest = Digest128(raw)
                #expect(digest.high == half(raw, seed: Digest128.highSeed))
                #expect(digest.low == half(raw, seed: Digest128.lowSeed))
            }
        }
        let swapped = [Array("eight by".utf8) + Array("tes here".utf8), Array("tes here".utf8) + Array("eight by".utf8)]
        #expect(swapped[0].withUnsafeBytes { Digest128($0) } != swapped[1].withUnsafeBytes { Digest128($0) })
    }

    /// Golden values: a change here changes every signature, so shards signed apart would no longer match.
    @Test func signaturesAreStableAcrossRunsAndMachines() {
        let key = MatchingKey(text: "The quick brown fox jumps over the lazy dog near the river bank today.")
        #expect(StableHash.hash64("the") == 0xF249_594E_EEEC_1C90)
        #expect(key.tokenHashes.first == StableHash.hash64("the"))
        #expect(MinHasher(count: 16).signature(of: Shingler(size: 5).shingles(of: key)) == [
            2_402_360_387, 877_059_566, 1_531_082_767, 4_057_807_605, 3_429_591_644, 3_986_874_933, 4_199_232_590, 4_283_119_951,
            4_283_973_813, 3_986_874_933, 3_986_874_933, 1_531_082_767, 1_531_082_767, 2_026_747_633, 877_059_566, 4_199_232_590,
        ])
    }
}
