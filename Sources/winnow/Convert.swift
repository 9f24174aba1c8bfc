import ArgumentParser
import Winnow

/// `winnow convert --to FORMAT`: formats only, no stage.
struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Convert between formats without changing any document.",
        discussion: """
            Examples:
              winnow convert --to jsonl corpus.xml > corpus.jsonl
              winnow convert --to xml --text-mode paragraphs notes.txt
            """
    )

    @Option(help: "The output format: xml, json, jsonl or text.")
    var to: OutputFormat

    @OptionGroup var common: CommonOptions

    func run() throws {
        let spec = PipelineSpec(name: "convert", stages: [], format: to)
        try Execution.run(spec, common)
    }
}
