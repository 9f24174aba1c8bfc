import Foundation
import Testing
@testable import Winnow

/// Plain text in its four modes, gzip, format sniffing, and inputs that cannot be read.
@Suite struct ReaderTests {
    let text = "first line\r\n\r\n  second paragraph\nstill second\rthird after CR\n"

    func read(_ mode: TextMode, _ content: String? = nil) throws -> [Document] {
        var options = ReadOptions()
        options.textMode = mode
        return try TestSupport.read(try TestSupport.file("notes.txt", content ?? text), options)
    }

    @Test func linesMode() throws {
        let documents = try read(.lines)
        #expect(documents.map(\.text) == ["first line", "  second paragraph", "still second", "third after CR"])
        #expect(documents.map(\.id.rawValue) == ["notes:1", "notes:3", "notes:4", "notes:5"])
    }

    @Test func paragraphsMode() throws {
        let documents = try read(.paragraphs)
        #expect(documents.map(\.text) == ["first line", "  second paragraph\nstill second\nthird after CR"])
        #expect(documents.map(\.source.line) == [1, 3])
    }

    @Test func fileMode() throws {
        let documents = try read(.file)
        #expect(documents.count == 1)
        #expect(documents.first?.id == DocumentID("notes:1"))
    }

    @Test func pageModeSplitsArticleTeasersAndRepeats() throws {
        let documents = try TestSupport.read(TestSupport.seed, { var o = ReadOptions(); o.textMode = .page; return o }())
        #expect(documents.map(\.source.line) == [1, 7, 8, 9, 10, 11, 12, 13])
        #expect(documents[0].paragraphs.count == 6)
        #expect(!documents[1].annotations.teaserCandidate)
        #expect(documents[2...].allSatisfy { $0.annotations.teaserCandidate })
    }

    @Test func byteOrderMarkIsSkipped() throws {
        #expect(try read(.lines, "\u{FEFF}hello\n").map(\.text) == ["hello"])
    }

    @Test func gzipIsReadTransparentlyWithConcatenatedMembers() throws {
        let folder = try TestSupport.temporaryFolder()
        let first = folder.appendingPathComponent("a.jsonl")
        let second = folder.appendingPathComponent("b.jsonl")
        try "{\"text\":\"one\"}\n".write(to: first, atomically: true, encoding: .utf8)
        try "{\"text\":\"two\"}\n".write(to: second, atomically: true, encoding: .utf8)
        try shell("gzip -c '\(first.path)' > '\(folder.path)/all.jsonl.gz' && gzip -c '\(second.path)' >> '\(folder.path)/all.jsonl.gz'")
        let documents = try TestSupport.read(folder.appendingPathComponent("all.jsonl.gz").path)
        #expect(documents.map(\.text) == ["one", "two"])
        #expect(documents.map(\.id.rawValue) == ["all:1", "all:2"])
    }

    @Test func corruptGzipIsAClearError() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("bad.jsonl.gz").path
        try shell("printf '{\"text\":\"line %d\"}\\n' $(seq 1 2000) | gzip -c | head -c 600 > '\(path)'")
        let error = #expect(throws: WinnowError.self) { _ = try TestSupport.read(path).count }
        #expect(error?.location?.file == path)
        #expect(error?.message.contains("gzip") == true)
    }

    @Test func missingFileIsAClearError() throws {
        let error = #expect(throws: WinnowError.self) { try TestSupport.read("/nonexistent/corpus.jsonl") }
        #expect(error?.description == "/nonexistent/corpus.jsonl: cannot open: No such file or directory")
    }

    @Test func formatIsSniffedWithoutExtension() throws {
        let jsonl = try TestSupport.file("data", "\n  {\"text\":\"json lines\"}\n")
        #expect(try TestSupport.read(jsonl).map(\.text) == ["json lines"])
        let xml = try TestSupport.file("data", "<corpus><doc id=\"x\"><p>xml text</p></doc></corpus>")
        #expect(try TestSupport.read(xml).map(\.text) == ["xml text"])
    }

    @Test func severalInputsFormOneCorpus() throws {
        let a = try TestSupport.file("a.txt", "alpha\n")
        let b = try TestSupport.file("b.jsonl", "{\"text\":\"beta\"}\n")
        let reader = InputReader(paths: [a, b], options: ReadOptions())
        var texts: [String] = []
        while let document = try reader.next() { texts.append(document.text) }
        #expect(texts == ["alpha", "beta"])
    }

    @Test func xmlThatEndsEarlyIsAnError() throws {
        let path = try TestSupport.file("cut.xml", "<corpus><doc id=\"a\"><p>one</p></doc><doc id=\"b\"><p>tw")
        let error = #expect(throws: WinnowError.self) { try TestSupport.read(path) }
        #expect(error?.location?.file == path)
    }

    func shell(_ command: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        try process.run()
        process.waitUntilExit()
    }
}
