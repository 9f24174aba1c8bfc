import ArgumentParser
import Foundation
import Winnow

/// `winnow run PIPELINE`: any pipeline file, or a built-in pipeline by name.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a pipeline file (YAML or JSON), or a built-in pipeline by name (news, jsonl-dedup, html-news).",
        discussion: """
            Examples:
              winnow run Pipelines/jsonl-dedup.yaml corpus.jsonl -o clean.jsonl
              winnow run news --format json page.txt
            """
    )

    @Argument(help: "The pipeline file, or the name of a built-in pipeline.")
    var pipeline: String

    @OptionGroup var common: CommonOptions

    func run() throws {
        try Execution.run(try PipelineLoader.load(pipeline), common)
    }
}

/// Finds a pipeline: a file when one exists at the path, else a built-in pipeline of that name.
enum PipelineLoader {
    static func load(_ name: String) throws -> PipelineSpec {
        if FileManager.default.fileExists(atPath: name) { return try PipelineSpec(contentsOf: name) }
        if let builtin = try BuiltinPipelines.named(name) { return builtin }
        let names = BuiltinPipelines.all.map(\.name).joined(separator: ", ")
        throw WinnowError(.configuration, "no pipeline file here, and no built-in pipeline of that name (built in: \(names))",
                          at: SourceLocation(file: name, line: 0))
    }
}
