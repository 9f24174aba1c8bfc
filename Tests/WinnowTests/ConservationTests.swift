import Foundation
import Testing
@testable import Winnow

/// A stage that loses or repeats a document is caught, and the run fails naming the ids.
@Suite struct ConservationTests {
    /// Silently swallows documents whose text is "lose me".
    final class LosingStage: Stage {
        let name = "losing"
        let preparation = NoPreparation()
        func process(_ document: Document, prepared: Void, context: StageContext) throws {
            if document.text != "lose me" { context.emit(document) }
        }
    }

    /// Emits every document twice.
    final class DoublingStage: Stage {
        let name = "doubling"
        let preparation = NoPreparation()
        func process(_ document: Document, prepared: Void, context: StageContext) throws {
            context.emit(document)
            context.emit(document)
        }
    }

    /// Drops a document and also passes it on.
    final class DropAndKeepStage: Stage {
        let name = "drop-and-keep"
        let preparation = NoPreparation()
        func process(_ document: Document, prepared: Void, context: StageContext) throws {
            context.drop(document, reason: "test")
            context.emit(document)
        }
    }

    let documents = [TestSupport.document(1, "keep me"), TestSupport.document(2, "lose me"), TestSupport.document(3, "keep me too")]

    @Test func silentDropIsCaughtAndNamed() throws {
        let error = #expect(throws: WinnowError.self) { try TestSupport.process(documents, [LosingStage()]) }
        #expect(error?.kind == .check)
        #expect(error?.message.contains("d2 was neither written nor dropped") == true)
        #expect(error?.message.contains("d1") == false)
    }

    @Test func doubleWriteIsCaught() throws {
        let error = #expect(throws: WinnowError.self) { try TestSupport.process(documents, [DoublingStage()]) }
        #expect(error?.message.contains("d1 was written but it was already written or dropped") == true)
    }

    @Test func dropAndWriteIsCaught() throws {
        let error = #expect(throws: WinnowError.self) { try TestSupport.process(documents, [DropAndKeepStage()]) }
        #expect(error?.kind == .check)
    }

    @Test func failedRunWritesNoOutputFile() throws {
        let folder = try TestSupport.temporaryFolder()
        let input = folder.appendingPathComponent("in.jsonl").path
        try "{\"text\":\"a\"}\n{\"text\":\"b\"}\nnot json\n".write(toFile: input, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out.jsonl").path
        try "old content\n".write(toFile: output, atomically: true, encoding: .utf8)
        var job = CorpusJob(spec: PipelineSpec(name: "t", stages: [.normalize(.init())], format: .jsonl), inputs: [input])
        job.output = output
        #expect(throws: WinnowError.self) { try job.run() }
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "old content\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(leftovers.isEmpty)
    }

    /// Ids that differ in their bytes are two documents, even when Unicode calls them equivalent.
    @Test func idsAreComparedByTheirBytes() throws {
        let input = try TestSupport.file("ids.jsonl", "{\"id\":\"\\u00e9\",\"text\":\"The minister spoke on Monday.\"}\n"
                                          + "{\"id\":\"e\\u0301\",\"text\":\"Rain is expected on Tuesday.\"}\n")
        let (output, _, summary) = try TestSupport.run(try TestSupport.news(.jsonl), [input])
        #expect(summary.documentsOut == 2)
        let bytes = Array(output.utf8)
        #expect(bytes.firstRange(of: Array("\"id\":\"\u{E9}\"".utf8)) != nil)
        #expect(bytes.firstRange(of: Array("\"id\":\"e\u{301}\"".utf8)) != nil)
        #expect(DocumentID("\u{E9}") != DocumentID("e\u{301}"))
        #expect(Set([DocumentID("\u{E9}"), DocumentID("e\u{301}"), DocumentID("\u{E9}")]).count == 2)
    }

    @Test func anIdSetAnewIsTheNewIdThrough() {
        var id = DocumentID("story-1")
        id.rawValue = "story-2"
        #expect(id == DocumentID("story-2"))
        #expect(id != DocumentID("story-1"))
        #expect(Set([id, DocumentID("story-2")]).count == 1)
        #expect(DocumentID("") == DocumentID(stringLiteral: ""))
        #expect(DocumentID(stem: "feed", line: 3) == "feed:3")
    }

    @Test func dictionariesFindEveryIdByItsOwnHashUnderAnySeed() {
        let ids = (0..<5000).map { DocumentID("doc-\($0)") }
        var places: [DocumentID: Int] = [:]
        for (place, id) in ids.enumerated() { places[id] = place }
        #expect(places.count == ids.count)
        #expect(ids.indices.allSatisfy { places[DocumentID("doc-\($0)")] == $0 })
        #expect(places[DocumentID("doc-5000")] == nil)
        for seed in [0, 1, -1, Int.max] {
            #expect(DocumentID("a")._rawHashValue(seed: seed) == DocumentID("a")._rawHashValue(seed: seed))
        }
        // 5000 ids in 4096 buckets fill about 2888 of them when the low bits are uniform.
        #expect(Set(ids.map { $0._rawHashValue(seed: 7) & 0xFFF }).count > 2750)
        let digests = ids.map { id in Array(id.rawValue.utf8).withUnsafeBytes { Digest128($0) } }
        #expect(Set(digests).count == ids.count)
    }
}
