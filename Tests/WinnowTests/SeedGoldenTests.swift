import Testing
@testable import Winnow

/// The seed page through the default pipeline gives exactly the corpus DESIGN.md describes.
@Suite struct SeedGoldenTests {
    @Test func xmlMatchesGoldenFile() throws {
        let result = try TestSupport.run(try TestSupport.news(.xml), [TestSupport.seed])
        #expect(TestSupport.relative(result.output) == (try TestSupport.sample("seed/expected.xml")))
    }

    @Test func jsonlAndDecisionsMatchGoldenFiles() throws {
        let result = try TestSupport.run(try TestSupport.news(.jsonl), [TestSupport.seed])
        #expect(result.output == (try TestSupport.sample("seed/expected.jsonl")))
        #expect(TestSupport.relative(result.decisions) == (try TestSupport.sample("seed/expected-decisions.jsonl")))
    }

    @Test func annotatedJSONLRecordsTeaserAndFragmentOnTheArticle() throws {
        let result = try TestSupport.run(try TestSupport.news(.jsonl, annotate: true), [TestSupport.seed])
        #expect(result.output == (try TestSupport.sample("seed/expected-annotated.jsonl")))
    }

    @Test func seedShape() throws {
        let result = try TestSupport.run(try TestSupport.news(.jsonl), [TestSupport.seed])
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(result.summary.documentsIn == 8)
        #expect(result.summary.dropped["fragment"] == 1)
        #expect(result.summary.dropped["teaser"] == 1)
        #expect(result.summary.counters["teasers.unmatched"] == 5)
        let decisions = result.decisions.split(separator: "\n")
        #expect(decisions.count == 2)
        #expect(decisions[0].contains("\"id\":\"000_d93de6c995681d6c:7\"") && decisions[0].contains("\"reason\":\"fragment\""))
        #expect(decisions[1].contains("\"id\":\"000_d93de6c995681d6c:8\"") && decisions[1].contains("\"reason\":\"teaser\""))
        #expect(decisions.allSatisfy { $0.contains("\"of\":\"000_d93de6c995681d6c:1\"") })
    }
}
