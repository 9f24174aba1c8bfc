import ArgumentParser
import CJemalloc
import Foundation
import Winnow

/// `winnow`: cleans scraped text corpora.
@main
struct WinnowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Clean scraped text corpora: normalise, remove duplicates and fragments, repair teasers.",
        discussion: """
            Examples:
              winnow clean seeds/000_d93de6c995681d6c.txt
              winnow clean --format jsonl --decisions log.jsonl pages/*.txt
              winnow run html-news pages/*.html -o clean.xml
              winnow run jsonl-dedup corpus.jsonl.gz -o clean.jsonl --report report.json
              zcat dump.jsonl.gz | winnow normalize | winnow dedup > clean.jsonl
              winnow pipeline news

            Exit codes: 0 success (also when the reader of standard output goes away), 1 bad input or a failed check, 2 usage error, 130 or 143 when interrupted by SIGINT or SIGTERM (no output written).
            """,
        version: "\(Winnow.version) (jemalloc \(String(cString: winnow_jemalloc_version())))",
        subcommands: [Clean.self, Run.self, Convert.self, NormalizeCommand.self, DedupCommand.self,
                      TeasersCommand.self, PipelineCommand.self]
    )

    /// Parses, runs, and maps failures to the documented exit codes (usage errors exit 2).
    static func main() {
        _ = winnow_jemalloc_return_memory_promptly()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as WinnowError {
            if error.kind == .outputClosed { Foundation.exit(0) }
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            switch error.kind {
            case .interrupted(let signal): Foundation.exit(128 + signal)
            default: Foundation.exit(1)
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
