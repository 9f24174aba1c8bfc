import Foundation
import Testing
@testable import Winnow

/// Pipeline files: the shipped ones parse and match the built-in copies; mistakes name file, line and choices.
@Suite struct PipelineSpecTests {
    @Test(arguments: BuiltinPipelines.all.map(\.name))
    func shippedFileEqualsBuiltinCopy(name: String) throws {
        let shipped = try String(contentsOf: TestSupport.root.appendingPathComponent("Pipelines/\(name).yaml"), encoding: .utf8)
        #expect(shipped == BuiltinPipelines.all.first { $0.name == name }!.text)
        _ = try PipelineSpec(text: shipped, file: "\(name).yaml")
    }

    @Test func newsPipelineHasTheDesignedStages() throws {
        let spec = try BuiltinPipelines.named("news")!
        #expect(spec.stages.map(\.name) == ["normalize", "exact-dedup", "near-dedup", "fragments", "line-dedup", "teasers"])
        #expect(spec.read.textMode == .page)
        #expect(spec.format == .xml)
    }

    @Test func unknownOptionNamesLineAndChoices() throws {
        let text = "name: x\nstages:\n  - near-dedup: { treshold: 0.7 }\n"
        let error = #expect(throws: WinnowError.self) { try PipelineSpec(text: text, file: "p.yaml") }
        #expect(error?.location?.file == "p.yaml")
        #expect(error?.location?.line == 3)
        #expect(error?.message.contains("did you mean 'threshold'") == true)
        #expect(error?.message.contains("valid keys: shingle, unit, permutations, threshold, containment, bands, rows") == true)
    }

    @Test func unknownStageNamesValidStages() throws {
        let text = "stages:\n  - normalise: {}\n"
        let error = #expect(throws: WinnowError.self) { try PipelineSpec(text: text, file: "p.yaml") }
        #expect(error?.description.hasPrefix("p.yaml:2:") == true)
        #expect(error?.message.contains("did you mean 'normalize'") == true)
        #expect(error?.message.contains("valid stages: normalize, exact-dedup, near-dedup, fragments, line-dedup, teasers") == true)
    }

    @Test func wrongValueAndWrongType() throws {
        let choice = #expect(throws: WinnowError.self) {
            try PipelineSpec(text: "stages:\n  - teasers: { on-match: delete }\n", file: "p.yaml")
        }
        #expect(choice?.message.contains("valid values: drop, expand, link") == true)
        let number = #expect(throws: WinnowError.self) {
            try PipelineSpec(text: "stages:\n  - near-dedup: { permutations: many }\n", file: "p.yaml")
        }
        #expect(number?.message.contains("must be a whole number") == true)
        let range = #expect(throws: WinnowError.self) {
            try PipelineSpec(text: "stages:\n  - near-dedup: { permutations: 8 }\n", file: "p.yaml")
        }
        #expect(range?.message.contains("between 16 and 1024") == true)
        let top = #expect(throws: WinnowError.self) { try PipelineSpec(text: "nmae: x\n", file: "p.yaml") }
        #expect(top?.location?.line == 1)
    }

    @Test func jsonPipelineFilesWork() throws {
        let text = #"{"name": "j", "read": {"format": "jsonl"}, "stages": [{"exact-dedup": {}}], "write": {"format": "jsonl"}}"#
        let spec = try PipelineSpec(text: text, file: "p.json")
        #expect(spec.stages == [.exactDedup])
        #expect(spec.read.format == .jsonl)
    }

    @Test func malformedYAMLIsAnErrorWithALine() throws {
        let error = #expect(throws: WinnowError.self) { try PipelineSpec(text: "stages:\n  - [unclosed\n", file: "p.yaml") }
        #expect(error?.kind == .configuration)
        #expect((error?.location?.line ?? 0) > 0)
    }

    @Test func effectiveYAMLSpellsOutDefaultsAndParsesBack() throws {
        let spec = try BuiltinPipelines.named("news")!
        let yaml = spec.effectiveYAML
        #expect(yaml.contains("near-dedup: { shingle: 5, unit: words, permutations: 128, threshold: 0.8, containment: 0.7, bands: "))
        let again = try PipelineSpec(text: yaml, file: "effective.yaml")
        #expect(again.stages == spec.stages.map {
            if case .nearDedup(var options) = $0 { options.lsh = options.effectiveLSH; return .nearDedup(options) }
            return $0
        })
    }
}
