import ArgumentParser
import Foundation
import Winnow
import WinnowLab

/// Writes the labelled corpus as JSON Lines, for other tools to read.
struct GenerateCorpus: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate",
                                                    abstract: "Write the labelled corpus as JSON Lines (id, text, site, label).")

    @Option(help: "Stories in the corpus.")
    var stories = 5000

    @Option(help: "Corpus seed.")
    var seed: UInt64 = 1

    @Option(name: .shortAndLong, help: "Output file.")
    var output: String

    func run() throws {
        var options = LabelledCorpus.Options()
        options.stories = stories
        options.seed = seed
        let file = try OutputFile(path: output)
        try LabelledCorpus.generate(options) { entry in try file.write(LabelledCorpus.jsonLine(entry)) }
        try file.commit()
    }
}
