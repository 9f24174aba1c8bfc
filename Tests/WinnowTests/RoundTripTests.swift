import Foundation
import Testing
@testable import Winnow

/// Converting between Winnow's formats keeps the documents: ids, texts, fields and teasers.
@Suite struct RoundTripTests {
    func convert(_ input: String, to format: OutputFormat, annotate: Bool = true) throws -> String {
        let result = try TestSupport.run(PipelineSpec(name: "convert", stages: [], format: format, annotate: annotate), [input])
        let extensionName = format == .xml ? "xml" : format == .json ? "json" : "jsonl"
        return try TestSupport.file("converted.\(extensionName)", result.output)
    }

    func comparable(_ documents: [Document]) -> [String] {
        documents.map { "\($0.id)|\($0.text)|\($0.fields.map { "\($0.name)=\($0.value.text)" })|\($0.annotations.teasers)|\($0.annotations.truncated)" }
    }

    @Test func xmlToJSONLToXMLKeepsDocuments() throws {
        let seedXML = try TestSupport.file("seed.xml", TestSupport.sample("seed/expected.xml"))
        let jsonl = try convert(seedXML, to: .jsonl)
        let xmlAgain = try convert(jsonl, to: .xml)
        let original = try TestSupport.read(seedXML)
        #expect(original.count == 6)
        #expect(original.first?.annotations.teasers.count == 1)
        #expect(comparable(try TestSupport.read(jsonl)) == comparable(original))
        #expect(comparable(try TestSupport.read(xmlAgain)) == comparable(original))
    }

    @Test func xmlToXMLKeepsEveryDocumentByteForByte() throws {
        let original = try TestSupport.sample("seed/expected.xml")
        let seedXML = try TestSupport.file("seed.xml", original)
        let again = try TestSupport.run(PipelineSpec(name: "convert", stages: [], format: .xml), [seedXML]).output
        let documents = { (xml: String) in xml.components(separatedBy: "  <stats ").first! }
        #expect(documents(again) == documents(original))
        #expect(again.contains("<stats in=\"6\" out=\"6\" dropped=\"0\"/>"))
    }

    @Test func fieldsThatCannotBeAttributesSurvive() throws {
        let line = #"{"id":"x","text":"t","source":"wire","odd name":"v","meta":{"a":[1,2]},"title":"A & B <c>"}"#
        let path = try TestSupport.file("in.jsonl", line + "\n")
        let xml = try convert(path, to: .xml)
        let back = try convert(xml, to: .jsonl)
        let document = try #require(try TestSupport.read(back).first)
        #expect(document.fields.map(\.name).sorted() == ["meta", "odd name", "source", "title"])
        #expect(document.fields.first { $0.name == "meta" }?.value == .json(#"{"a":[1,2]}"#))
        #expect(document.fields.first { $0.name == "title" }?.value.text == "A & B <c>")
    }

    @Test func jsonRoundTrip() throws {
        let seedXML = try TestSupport.file("seed.xml", TestSupport.sample("seed/expected.xml"))
        let json = try convert(seedXML, to: .json)
        #expect(comparable(try TestSupport.read(json)) == comparable(try TestSupport.read(seedXML)))
    }
}
