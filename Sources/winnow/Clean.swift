import ArgumentParser
import Winnow

/// `winnow clean`: the default news pipeline (Pipelines/news.yaml, built in).
struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the default news pipeline: normalise, dedup, fragments, teasers; XML to standard output.",
        discussion: """
            Examples:
              winnow clean seeds/000_d93de6c995681d6c.txt
              winnow clean --format jsonl --annotate -o clean.jsonl --decisions decisions.jsonl pages/*.txt
            """
    )

    @OptionGroup var common: CommonOptions

    func run() throws {
        try Execution.run(BuiltinPipelines.named("news")!, common)
    }
}
