import Testing
@testable import Winnow
import WinnowLab

/// Teaser detection, matching in any order, the repair modes, and what must not match.
@Suite struct TeaserTests {
    static let article = """
        Storm closes the northern bridge for a week
        The northern bridge will stay closed for at least a week after Tuesday’s storm damaged two of its supports, the city council said on Wednesday.
        Engineers found cracks in both supports during an inspection that began at dawn, and traffic has been sent through the old harbour tunnel.
        """

    static func run(_ texts: [String], options: TeasersStage.Options = TeasersStage.Options()) throws -> CollectingSink {
        let documents = texts.enumerated().map { TestSupport.document($0.offset + 1, $0.element) }
        return try TestSupport.process(documents, [NormalizeStage(), TeasersStage(options: options)])
    }

    @Test(arguments: ["…", "...", " [...]", " […]", " (…)", "&hellip;", " . . .", "… Read more", "... Continue reading",
                      " [...] Weiterlesen", "… Lire la suite", "&#8230;", "... more »"])
    func everyMarkerIsDetected(marker: String) {
        let detection = TeaserDetector().detect("The council said on Wednesday that the bridge" + marker)
        #expect(detection?.body == "The council said on Wednesday that the bridge")
    }

    @Test func tailsAreConfigurable() throws {
        let spec = try PipelineSpec(text: "stages:\n  - teasers: { tails: [\"lees verder\"] }\n", file: "p.yaml")
        guard case .teasers(let options) = spec.stages[0] else { Issue.record("not a teasers stage"); return }
        #expect(options.tails == ["lees verder"])
        #expect(TeaserDetector(tails: options.tails).detect("De brug blijft een week dicht… Lees verder")?.tail == "Lees verder")
        #expect(TeaserDetector(tails: options.tails).detect("De brug blijft een week dicht… Read more") == nil)
    }

    @Test func textsThatMerelyEndWithAPeriodAreNotTeasers() {
        #expect(TeaserDetector().detect("The bridge reopened. More to follow.") == nil)
        #expect(TeaserDetector().detect("…") == nil)
    }

    @Test func aTeaserAfterItsArticleIsDroppedAndRecorded() throws {
        let teaser = "The northern bridge will stay closed for at least a week after Tuesday's storm dam…"
        let sink = try Self.run([Self.article, teaser])
        #expect(sink.documents.map(\.id) == ["d1"])
        #expect(sink.documents[0].annotations.teasers.map(\.id) == ["d2"])
        #expect(sink.decisions.map(\.reason) == ["teaser"] && sink.decisions[0].of == "d1")
    }

    @Test func aTeaserBeforeItsArticleWaitsForIt() throws {
        let teaser = "“Storm closes the northern bridge for a week” – The northern bridge will stay closed for at least a [...]"
        let sink = try Self.run([teaser, Self.article])
        #expect(sink.documents.map(\.id) == ["d2"])
        #expect(sink.documents[0].annotations.teasers.map(\.id) == ["d1"])
    }

    @Test func aTeaserOfALaterParagraphWithEntitiesMatches() throws {
        let teaser = "Engineers found cracks in both supports during an inspection that began at dawn, and traf&hellip;"
        let sink = try Self.run([Self.article, teaser])
        #expect(sink.decisions.first?.of == "d1")
    }

    @Test func anOrphanTeaserIsKeptAndMarkedTruncated() throws {
        let sink = try Self.run([Self.article, "The southern ferry will not sail until the harbour wall is repaired, the port said…"])
        #expect(sink.documents.map(\.id) == ["d1", "d2"])
        #expect(sink.documents[1].annotations.truncated)
        var options = TeasersStage.Options()
        options.unmatched = .drop
        let dropped = try Self.run([Self.article, "The southern ferry will not sail until the harbour wall is repaired, the port said…"], options: options)
        #expect(dropped.decisions.map(\.reason) == ["unmatched-teaser"])
    }

    @Test func twoArticlesWithTheSameHeadMakeTheTeaserAmbiguous() throws {
        let other = "The northern bridge will stay closed for at least a week after Tuesday’s storm, but the ferry runs again."
        let sink = try Self.run([Self.article, other, "The northern bridge will stay closed for at least a week…"])
        #expect(sink.documents.count == 3)
        #expect(sink.documents[2].annotations.truncated)
        #expect(sink.summary?.counters["teasers.ambiguous"] == 1)
    }

    /// A syndicated copy opens with a byline, so the paragraph the teaser quotes is its third, whose head
    /// keeps fewer bytes than the teaser runs to; the copy then differs past those bytes. Only the
    /// article, where the paragraph is the second, holds the whole teaser, so the teaser is its.
    @Test func anArticleHoldingTheWholeTeaserWinsOverAHeadCutShortOfIt() throws {
        let article = "Storm closes the northern bridge for a week\n"
            + "Engineers found cracks in both supports during an inspection that began at dawn, and traffic was sent away."
        let copy = "By Jo Lane, Herald correspondent\nStorm closes the northern bridge for a week\n"
            + "Engineers found cracks in both supports during an inspection that began at noon on Thursday."
        let teaser = "Engineers found cracks in both supports during an inspection that began at dawn, and traf…"
        let sink = try Self.run([article, copy, teaser])
        #expect(sink.decisions.map(\.reason) == ["teaser"] && sink.decisions[0].of == "d1")
        #expect((sink.summary?.counters["teasers.ambiguous"] ?? 0) == 0)
        let twice = try Self.run([article, article.replacingOccurrences(of: "Storm closes", with: "Gale shuts"), teaser])
        #expect(twice.decisions.isEmpty && twice.summary?.counters["teasers.ambiguous"] == 1)
    }

    @Test func tooLittleEvidenceIsNeverMatched() throws {
        let sink = try Self.run([Self.article, "The northern…"])
        #expect(sink.documents.count == 2)
        #expect(sink.documents[1].annotations.truncated)
    }

    @Test func expandGivesTheTeaserTheArticleText() throws {
        var options = TeasersStage.Options()
        options.onMatch = .expand
        let sink = try Self.run([Self.article, "The northern bridge will stay closed for at least a week after Tues…"], options: options)
        #expect(sink.documents.count == 2)
        #expect(sink.documents[1].text == sink.documents[0].text)
        #expect(sink.documents[1].annotations.repaired && sink.documents[1].annotations.teaserOf == "d1")
        #expect(sink.decisions.map(\.action) == [.repair])
    }

    @Test func linkKeepsTheTeaserAnnotated() throws {
        var options = TeasersStage.Options()
        options.onMatch = .link
        let sink = try Self.run([Self.article, "The northern bridge will stay closed for at least a week after Tues…"], options: options)
        #expect(sink.documents[1].text.hasSuffix("Tues…"))
        #expect(sink.documents[1].annotations.teaserOf == "d1")
        #expect(sink.decisions.isEmpty)
    }

    @Test func aTeaserOfADroppedTwinLinksToTheRepresentative() throws {
        var writer = StoryWriter(seed: 77)
        let story = writer.story(topic: writer.topic())
        var twin = story
        twin.paragraphs[0] = "HARBOUR CITY (Wire) — " + twin.paragraphs[0]
        let teaser = String(twin.paragraphs[0].prefix(90)) + "…"
        let documents = [story.text, twin.text, teaser].enumerated().map { TestSupport.document($0.offset + 1, $0.element) }
        let sink = try TestSupport.process(documents, [NormalizeStage(), NearDedupStage(), TeasersStage()])
        #expect(sink.documents.map(\.id) == ["d1"])
        #expect(sink.decisions.map(\.reason).sorted() == ["near", "teaser"])
        #expect(sink.decisions.allSatisfy { $0.of == "d1" })
        #expect(sink.documents[0].annotations.teasers.map(\.id) == ["d3"])
    }

    /// A copy that exact-dedup drops in favour of a document near-dedup dropped before (a twin, or a
    /// first copy a longer one replaced) names that document; its heads still belong to the one kept,
    /// so a teaser of it is linked there rather than left ambiguous between two names.
    @Test(arguments: [NearDedupStage.Representative.first, .longest])
    func aTeaserFindsTheKeptDocumentThroughEveryNameOfItsCluster(representative: NearDedupStage.Representative) throws {
        var writer = StoryWriter(seed: 91)
        let story = writer.story(topic: writer.topic())
        var copy = story
        copy.paragraphs[0] = "HARBOUR CITY (Wire) — " + copy.paragraphs[0]
        let teaser = String(story.paragraphs[1].prefix(90)) + "…"
        let texts: [String]
        if representative == .first {
            copy.paragraphs.remove(at: 1)
            texts = [copy.text, story.text, story.text, teaser]
        } else {
            texts = [story.text, teaser, copy.text + "\nMore from the Wire at wire.example.", story.text]
        }
        var near = NearDedupStage.Options()
        near.representative = representative
        let documents = texts.enumerated().map { TestSupport.document($0.offset + 1, $0.element) }
        let sink = try TestSupport.process(documents, [NormalizeStage(), ExactDedupStage(), NearDedupStage(options: near), TeasersStage()])
        let kept = representative == .first ? "d1" : "d3"
        let teaserID = representative == .first ? "d4" : "d2"
        #expect(sink.documents.map(\.id.rawValue) == [kept])
        #expect(sink.decisions.first { $0.id.rawValue == teaserID }?.reason == "teaser")
        #expect(sink.decisions.allSatisfy { $0.of?.rawValue == kept })
    }
}

/// The index of article heads that teasers are matched against.
@Suite struct HeadIndexTests {
    static let article = """
        The council said on Wednesday that the bridge over the river will stay closed for another week.
        Engineers found cracks in two of its supports during an inspection on Monday morning.
        """

    @Test func headsAnOwnerHoldsAlreadyAreKeptOnceWhenAskedAndTwiceOtherwise() throws {
        let key = MatchingKey(text: Self.article)
        let pattern = try #require(TeaserPattern(body: "The council said on Wednesday that the bri", minimumBytes: 20))
        let later = try #require(TeaserPattern(body: "Engineers found cracks in two of its supp", minimumBytes: 20))
        var index = HeadIndex()
        index.insert(owner: 0, heads: HeadIndex.heads(of: key), skippingHeldOnes: false)
        index.insert(owner: 0, heads: HeadIndex.heads(of: key), skippingHeldOnes: true)
        #expect(index.matches(pattern).map(\.owner) == [0] && index.matches(later).map(\.owner) == [0])
        index.insert(owner: 0, heads: HeadIndex.heads(of: key), skippingHeldOnes: false)
        #expect(index.matches(pattern).map(\.owner) == [0, 0])
        let copy = MatchingKey(text: Self.article.replacingOccurrences(of: "another week", with: "a month"))
        index.insert(owner: 0, heads: HeadIndex.heads(of: copy), skippingHeldOnes: true)
        #expect(index.matches(pattern).map(\.owner) == [0, 0, 0] && index.matches(later).map(\.owner) == [0, 0])
        index.insert(owner: 1, heads: HeadIndex.heads(of: key), skippingHeldOnes: true)
        #expect(index.matches(later).map(\.owner) == [1, 0, 0])
    }
}

/// The detector against the rule it implements, written plainly over characters, on generated endings.
@Suite struct TeaserDetectorReferenceTests {
    /// The rule: trim blanks; a read-more tail (any case) may follow the ellipsis; the ellipsis must
    /// have text before it.
    static func reference(_ text: String, tails: [String]) -> TeaserDetector.Detection? {
        let sortedTails = tails.map { $0.lowercased() }.filter { $0.count <= TeaserDetector.longestTail }.sorted { $0.count > $1.count }
        func marker(_ text: Substring) -> String? { TeaserDetector.markers.first { text.hasSuffix($0) } }
        var rest = Substring(text).trimmingBlanks()
        var tail: String?
        let ending = rest.suffix(TeaserDetector.longestTail).lowercased()
        if let found = sortedTails.first(where: { ending.hasSuffix($0) }) {
            let candidate = rest.dropLast(found.count).trimmingBlanks()
            if marker(candidate) != nil {
                tail = String(rest.suffix(found.count))
                rest = candidate
            }
        }
        guard let found = marker(rest) else { return nil }
        let body = rest.dropLast(found.count).trimmingBlanks()
        guard !body.isEmpty else { return nil }
        return TeaserDetector.Detection(body: body, marker: found, tail: tail)
    }

    @Test func detectionsMatchTheRule() {
        let bodies = ["The minister said", "Die Regierung hat", "Правительство заявило", "東京で", "Café au lait", "x", "", "  ", "AT&T said"]
        let ends = TeaserDetector.markers + ["", ".", "!", "&amp;", "…”", "’…"]
        let blanks = ["", " ", "  ", "\t", "\u{A0}", " \u{A0} "]
        let tails = TeaserDetector.defaultTails + ["READ MORE", "Read More »", "ПОДРОБНЕЕ", "Weiterlesen", "more.", "Mehr", ""]
        // Leads long enough that the end is read eight bytes at a time, with dots and `&` in them.
        let leads = ["", "A lead paragraph of the story. ", String(repeating: "plain words ", count: 20), "He paused... and. . . left & ",
                     String(repeating: "x", count: 171), "Wait.. no.   Yes.  ", String(repeating: "ab. ", count: 45), "Zürich – “quoted” … "]
        var generator = SeededGenerator(seed: 21)
        var detected = 0
        for _ in 0..<8000 {
            func pick(_ list: [String]) -> String { list[Int(generator.next() % UInt64(list.count))] }
            let text = pick(leads) + pick(blanks) + pick(bodies) + pick(blanks) + pick(ends) + pick(blanks) + pick(tails) + pick(blanks)
            let found = TeaserDetector.standard.detect(text)
            let expected = Self.reference(text, tails: TeaserDetector.defaultTails)
            #expect(found == expected, "\(text.debugDescription)")
            if found != nil { detected += 1 }
        }
        #expect(detected > 2000)
    }

    @Test func tailsSetLaterWorkAsTailsGivenAtFirst() {
        var detector = TeaserDetector(tails: [])
        #expect(detector.detect("De brug blijft een week dicht… Lees verder") == nil)
        detector.tails = ["Lees Verder", "meer"]
        #expect(detector.tails == ["lees verder", "meer"])
        #expect(detector.detect("De brug blijft een week dicht… Lees verder")?.tail == "Lees verder")
    }
}
