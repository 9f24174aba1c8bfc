import Foundation
import Testing
@testable import Winnow

/// Scraped HTML pages become articles and teasers; hostile XML and HTML fail fast and safely.
@Suite struct HTMLAndXMLSafetyTests {
    static func pages() -> [String] {
        ["council-budget", "ferry-strike", "harbour-bridge"].map { TestSupport.root.appendingPathComponent("Samples/html/\($0).html").path }
    }

    @Test func pagesComeOutAsTheGoldenFileSays() throws {
        let result = try TestSupport.run(PipelineSpec(name: "convert", stages: [], format: .jsonl, annotate: true), Self.pages())
        #expect(result.output == (try TestSupport.sample("html/expected.jsonl")))
    }

    @Test func everyParagraphAndNoBoilerplate() throws {
        let documents = try Self.pages().flatMap { try TestSupport.read($0) }
        let article = try #require(documents.first { $0.id == "harbour-bridge:26" })
        #expect(article.paragraphs.count == 6)
        #expect(article.paragraphs.first == "Storm closes the northern bridge for a week")
        #expect(article.text.contains("Nothing built in the 1960s was designed for that."))
        for line in ["cookies", "Share on", "City", "Subscribe", "comments", "All rights reserved", "Privacy", "By Mara Ellison"] {
            #expect(!article.text.contains(line), "\(line)")
        }
        #expect(article.fields.map(\.name) == ["title", "url", "date"])
        let ferry = try #require(documents.first { $0.id == "ferry-strike:11" })
        #expect(ferry.text.contains("Café staff"))
        #expect(!ferry.text.contains("Storm closes"))
    }

    @Test func everyTeaserOnAPageIsARecordOfItsOwn() throws {
        let teasers = try Self.pages().flatMap { try TestSupport.read($0) }.filter(\.annotations.teaserCandidate)
        #expect(teasers.count == 5)
        #expect(teasers.contains { $0.text.hasPrefix("Ferry workers call off") && $0.fields.contains(Field(name: "href", value: .string("/city/ferry-strike-called-off"))) })
        #expect(teasers.contains { $0.fields.contains(Field(name: "teaser-source", value: .string("meta description"))) })
        #expect(!teasers.contains { $0.text.contains("Regatta") })
    }

    @Test func theHTMLPipelineLinksTeasersAcrossPages() throws {
        let spec = try PipelineSpec(contentsOf: TestSupport.root.appendingPathComponent("Pipelines/html-news.yaml").path)
        var jsonl = spec
        jsonl.format = .jsonl
        let result = try TestSupport.run(jsonl, Self.pages())
        let links = result.decisions.split(separator: "\n").filter { $0.contains("\"reason\":\"teaser\"") }
        #expect(links.count == 3)
        #expect(links.contains { $0.contains("\"id\":\"harbour-bridge:36\"") && $0.contains("\"of\":\"ferry-strike:11\"") })
        #expect(links.contains { $0.contains("\"id\":\"ferry-strike:19\"") && $0.contains("\"of\":\"harbour-bridge:26\"") })
    }

    @Test func externalEntitiesAreNeverRead() throws {
        let secret = try TestSupport.file("secret.txt", "TOP SECRET")
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE corpus [<!ENTITY leak SYSTEM \"file://\(secret)\">]>\n<corpus><doc id=\"a\"><p>before &leak; after</p></doc></corpus>\n"
        let documents = (try? TestSupport.read(try TestSupport.file("xxe.xml", xml))) ?? []
        #expect(!documents.contains { $0.text.contains("TOP SECRET") })
    }

    @Test func entityExpansionFailsFastWithAClearError() throws {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE corpus [\n<!ENTITY a0 \"laugh\">\n"
        for level in 1...12 { xml += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">\n" }
        xml += "]>\n<corpus><doc id=\"a\"><p>&a12;</p></doc></corpus>\n"
        let start = ContinuousClock.now
        let documents = (try? TestSupport.read(try TestSupport.file("laughs.xml", xml))) ?? []
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(!documents.contains { $0.text.utf8.count > 1_000_000 })
    }

    @Test func deepNestingIsBounded() throws {
        let xml = "<corpus><doc id=\"a\"><p>" + String(repeating: "<b>", count: 100_000) + "x" + String(repeating: "</b>", count: 100_000) + "</p></doc></corpus>"
        let error = #expect(throws: WinnowError.self) { try TestSupport.read(try TestSupport.file("deep.xml", xml)) }
        #expect(error?.message.contains("malformed XML") == true)
    }

    @Test func hugeTextNodesAreRead() throws {
        let text = String(repeating: "word ", count: 3_000_000)
        let documents = try TestSupport.read(try TestSupport.file("huge.xml", "<corpus><doc id=\"a\"><p>\(text)</p></doc></corpus>"))
        #expect(documents.first?.text.utf8.count == text.utf8.count)
    }

    @Test func blanksFoldToOneSpaceIncludingNoBreakSpaces() {
        #expect(HTMLExtractor.collapse(" \tWar \u{A0} and\u{A0}\u{A0}peace \n") == "War and peace")
        #expect(HTMLExtractor.collapse("a \u{A0}b") == "a b")
        #expect(HTMLExtractor.collapse("\u{A0}") == "")
        #expect(HTMLExtractor.collapse("café  ü") == "café ü")
    }

    @Test func hostileHTMLIsReadWithoutNetworkOrEntities() throws {
        let html = "<!DOCTYPE html SYSTEM \"http://203.0.113.1/evil.dtd\"><html><body><article><p>Plain &amp; safe.</p>"
            + String(repeating: "<div>", count: 50_000) + "</article></body></html>"
        let documents = try TestSupport.read(try TestSupport.file("hostile.html", html))
        #expect(documents.first?.text == "Plain & safe.")
    }
}

/// XML corpora in other shapes: trafilatura's, TEI, and any record element named on the command line.
@Suite struct XMLShapesTests {
    static func sample(_ name: String) -> String { TestSupport.root.appendingPathComponent("Samples/xml/\(name)").path }

    @Test func trafilaturaDocumentsKeepTheirAttributesAndLeaveCommentsOut() throws {
        let document = try #require(try TestSupport.read(Self.sample("trafilatura.xml")).first)
        #expect(document.paragraphs.count == 5)
        #expect(document.paragraphs[1] == "The northern bridge will stay closed for at least a week after Tuesday’s storm damaged two of its supports, the city council said on Wednesday.")
        #expect(!document.text.contains("First!"))
        #expect(document.fields.first { $0.name == "url" }?.value.text == "https://harbour-courier.example/city/storm-closes-northern-bridge")
        #expect(document.source.line == 1)
    }

    @Test func teiBodiesAreRecordsAndTheHeaderIsLeftOut() throws {
        let documents = try TestSupport.read(Self.sample("tei.xml"))
        #expect(documents.map(\.id) == ["ferry"])
        #expect(documents[0].paragraphs == ["Ferry strike called off",
                                            "Ferry workers call off Friday's strike after talks with the port authority run late into the night.",
                                            "The union will put the new roster to its members next week."])
        #expect(documents[0].fields.isEmpty)
    }

    @Test func anyRecordElementWithNamedTextElements() throws {
        var options = ReadOptions()
        options.xmlRecord = "entry"
        options.xmlText = ["body"]
        options.idField = "key"
        let documents = try TestSupport.read(Self.sample("records.xml"), options)
        #expect(documents.map(\.id) == ["r1", "r2"])
        #expect(documents.map(\.text) == ["Council agrees a budget with cuts to parks.",
                                          "Parking costs twenty pence more an hour.\nParks lose a tenth of their funding."])
        #expect(documents[0].fields == [Field(name: "lang", value: .string("en"))])
    }

    @Test func aPipelineFileNamesTheRecordAndItsText() throws {
        let spec = try PipelineSpec(text: "read: { format: xml, record: entry, text-elements: [body] }\n", file: "p.yaml")
        #expect(spec.read.xmlRecord == "entry" && spec.read.xmlText == ["body"])
    }
}
