import Foundation
import Testing
@testable import Winnow
import WinnowLab

/// Bad input, interruption and failure: nothing lost, nothing half-written.
@Suite struct ReliabilityTests {
    static let jsonl = PipelineSpec(name: "t", read: { var r = ReadOptions(); r.format = .jsonl; return r }(),
                                    stages: [.normalize(.init()), .exactDedup], format: .jsonl)

    func run(_ input: String, onError: ErrorPolicy, maxErrors: Int? = nil) throws -> (output: String, decisions: String, summary: RunSummary) {
        var spec = Self.jsonl
        spec.read.onError = onError
        spec.read.maxErrors = maxErrors
        return try TestSupport.run(spec, [try TestSupport.file("in.jsonl", input)])
    }

    static let mixed = "{\"text\":\"one\"}\nnot json\n{\"text\":5}\n[1]\n{\"id\":\"a\"}\n{\"text\":\"two\"}\n"

    @Test func badRecordsAreSkippedAndLoggedWithTheirPlace() throws {
        let result = try run(Self.mixed, onError: .skip)
        #expect(result.output == "{\"id\":\"in:1\",\"text\":\"one\"}\n{\"id\":\"in:6\",\"text\":\"two\"}\n")
        let lines = result.decisions.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines.allSatisfy { $0.contains("\"reason\":\"invalid-input\"") && $0.contains("\"stage\":\"read\"") })
        #expect(lines[0].contains("\"source\":") && lines[0].contains("in.jsonl:2:1"))
        #expect(result.summary.dropped["invalid-input"] == 4)
        #expect(result.summary.documentsIn == 6)
    }

    @Test func theFirstBadRecordStopsTheRunByDefault() throws {
        let error = #expect(throws: WinnowError.self) { try run(Self.mixed, onError: .fail) }
        #expect(error?.location?.line == 2 && error?.location?.column == 1)
    }

    @Test func tooManyBadRecordsStopTheRun() throws {
        let error = #expect(throws: WinnowError.self) { try run(Self.mixed, onError: .skip, maxErrors: 2) }
        #expect(error?.message.contains("more than 2 bad records") == true)
        #expect(error?.location?.line == 4)
        _ = try run(Self.mixed, onError: .skip, maxErrors: 4)
    }

    @Test func duplicateIdsAreMadeUniqueWithAWarning() throws {
        let result = try run("{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"a\",\"text\":\"two\"}\n{\"id\":\"a\",\"text\":\"three\"}\n", onError: .fail)
        #expect(result.output.contains("\"id\":\"a#2\"") && result.output.contains("\"id\":\"a#3\""))
        #expect(result.summary.counters["read.duplicate-ids"] == 2)
        #expect(result.summary.warnings.first?.hasPrefix("2 duplicate ids made unique") == true)
    }

    @Test func anUnreadableFileIsSkippedWholeUnderSkip() throws {
        var spec = Self.jsonl
        spec.read.onError = .skip
        let good = try TestSupport.file("good.jsonl", "{\"text\":\"kept\"}\n")
        let result = try TestSupport.run(spec, ["/nonexistent/missing.jsonl", good])
        #expect(result.output == "{\"id\":\"good:1\",\"text\":\"kept\"}\n")
        #expect(result.decisions.contains("cannot open"))
    }

    @Test func aDecisionFollowsItsAbsorberWhenThatIsDroppedInTurn() throws {
        let article = "The northern bridge will stay closed for at least a week after Tuesday’s storm damaged two supports."
        let teaser = "The northern bridge will stay closed for at least a week after Tues…"
        let documents = [article, teaser, teaser].enumerated().map { TestSupport.document($0.offset + 1, $0.element) }
        let sink = try TestSupport.process(documents, [NormalizeStage(), ExactDedupStage(), TeasersStage()])
        #expect(sink.documents.map(\.id) == ["d1"])
        let byID = Dictionary(uniqueKeysWithValues: sink.decisions.map { ($0.id.rawValue, $0) })
        #expect(byID["d3"]?.reason == "exact" && byID["d3"]?.of == "d1")
        #expect(byID["d2"]?.reason == "teaser" && byID["d2"]?.of == "d1")
    }

    @Test func anEmptyFileIsAnEmptyCorpus() throws {
        let result = try TestSupport.run(try TestSupport.news(.xml), [try TestSupport.file("empty.txt", "")])
        #expect(result.summary.documentsIn == 0)
        #expect(result.output.contains("<stats in=\"0\" out=\"0\" dropped=\"0\"/>"))
    }

    @Test func nulBytesCROnlyLinesBOMAndInvalidUTF8AreRepairedAndCounted() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("first\u{0}line\rsecond ".utf8) + [0xC0, 0xAF, 0xFF] + Array(" end\r".utf8)
        bytes += Array("third\n".utf8)
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("dirty.txt").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var spec = PipelineSpec(name: "t", stages: [.normalize(.init())], format: .jsonl)
        spec.read.textMode = .lines
        let result = try TestSupport.run(spec, [path])
        #expect(result.output == "{\"id\":\"dirty:1\",\"text\":\"firstline\"}\n{\"id\":\"dirty:2\",\"text\":\"second \u{FFFD}\u{FFFD}\u{FFFD} end\"}\n{\"id\":\"dirty:3\",\"text\":\"third\"}\n")
        #expect(result.summary.counters["read.repaired-characters"] == 3)
        #expect(result.summary.counters["normalize.removed-characters"] == 1)
    }

    @Test func aVeryLongSingleLineIsReadWhole() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("long.txt").path
        let line = [UInt8](repeating: UInt8(ascii: "a"), count: 200 << 20)
        try Data(line).write(to: URL(fileURLWithPath: path))
        var spec = PipelineSpec(name: "t", stages: [], format: .text)
        spec.read.textMode = .lines
        let result = try TestSupport.run(spec, [path])
        #expect(result.summary.documentsIn == 1)
        #expect(result.output.utf8.count == (200 << 20) + 1)
    }

    @Test func everyInputIsWrittenOrDecidedOnceAndEveryDecisionNamesAWrittenDocument() throws {
        var generator = SeededGenerator(seed: 2024)
        for round in 0..<12 {
            var near = NearDedupStage.Options()
            if round % 2 == 1 {
                near.representative = .longest
                near.representativeWindow = 1 + Int(generator.next() % 60)
            }
            let stageChoices: [StageSpec] = [.normalize(.init()), .exactDedup, .nearDedup(near), .fragments(.init()),
                                             .lineDedup(.init()), .teasers(.init())]
            var corpus = LabelledCorpus.Options()
            corpus.stories = 40 + Int(generator.next() % 80)
            corpus.seed = generator.next()
            var documents = LabelledCorpus.entries(corpus).enumerated().map {
                Document(id: DocumentID($0.element.id), text: $0.element.text, source: SourceLocation(file: "g", line: $0.offset + 1))
            }
            if round % 3 == 0 { documents.append(contentsOf: documents.prefix(5)) }
            let stages = stageChoices.filter { _ in generator.next() % 3 != 0 }
            var options = Pipeline.Options()
            options.threads = 1 + Int(generator.next() % 3)
            options.batchSize = 16 + Int(generator.next() % 200)
            options.outputWindow = Int(generator.next() % 300)
            let sink = CollectingSink()
            try Pipeline(stages: stages.map { $0.makeStage() }, options: options)
                .run(source: ArraySource(documents), sink: sink, decisions: sink)
            let written = Set(sink.documents.map(\.id))
            let dropped = sink.decisions.filter { $0.action == .drop }
            #expect(written.count == sink.documents.count, "round \(round): a document written twice")
            #expect(Set(dropped.map(\.id)).count == dropped.count, "round \(round): a document dropped twice")
            #expect(written.isDisjoint(with: dropped.map(\.id)), "round \(round)")
            #expect(written.count + dropped.count == documents.count, "round \(round)")
            let droppedWithoutSuccessor = Set(dropped.filter { $0.of == nil }.map(\.id))
            for decision in sink.decisions {
                guard let target = decision.of else { continue }
                #expect(written.contains(target) || droppedWithoutSuccessor.contains(target),
                        "round \(round): \(decision.id) \(decision.reason) of \(target), which is not written")
            }
        }
    }
}
