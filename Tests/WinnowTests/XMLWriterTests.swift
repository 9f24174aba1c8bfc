import Foundation
import Testing
@testable import Winnow

/// The XML writer always produces well-formed XML, whatever the text holds.
@Suite struct XMLWriterTests {
    @Test func forbiddenCharactersAreRemovedAndCounted() throws {
        let text = "bell\u{07} form\u{0C} nul\u{00} fffe\u{FFFE} kept: tab\tand <tags> & \"quotes\""
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("out.xml").path
        let output = try OutputFile(path: path)
        let writer = try XMLCorpusWriter(output: output)
        var document = TestSupport.document(1, text)
        document.fields = [Field(name: "title", value: .string("t\u{01}itle")), Field(name: "2nd", value: .json("[1,2]"))]
        try writer.write(document)
        try writer.finish(summary: RunSummary())
        #expect(writer.counters["xml.removed-characters"] == 5)
        let back = try TestSupport.read(path)
        #expect(back.first?.text == "bell form nul fffe kept: tab\tand <tags> & \"quotes\"")
        #expect(back.first?.fields == [Field(name: "title", value: .string("title")), Field(name: "2nd", value: .json("[1,2]"))])
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(xml.contains("<p>bell form nul fffe kept: tab\tand &lt;tags&gt; &amp; \"quotes\"</p>"))
    }

    @Test func multilineParagraphsAndEmptyDocuments() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("out.xml").path
        let output = try OutputFile(path: path)
        let writer = try XMLCorpusWriter(output: output)
        try writer.write(TestSupport.document(1, "one\n\ntwo\nthree"))
        try writer.write(TestSupport.document(2, ""))
        try writer.finish(summary: RunSummary())
        #expect(try TestSupport.read(path).map(\.text) == ["one\ntwo\nthree", ""])
    }

    @Test func carriageReturnsInTheTextComeBack() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("out.xml").path
        let writer = try XMLCorpusWriter(output: try OutputFile(path: path))
        try writer.write(TestSupport.document(1, "  indented line \r\nnext line"))
        try writer.finish(summary: RunSummary())
        #expect(try TestSupport.read(path).map(\.text) == ["  indented line \r\nnext line"])
    }

    @Test func prettyPrintedParagraphsBecomeOneLine() throws {
        let xml = "<corpus><doc id=\"a\"><p>\n    first line\u{A0}\n\t  second line\n  </p></doc></corpus>"
        let documents = try TestSupport.read(try TestSupport.file("pretty.xml", xml))
        #expect(documents.map(\.text) == ["first line second line"])
    }
}
