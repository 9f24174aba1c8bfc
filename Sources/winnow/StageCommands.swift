import ArgumentParser
import Winnow

/// `winnow normalize`: the normalize stage alone, JSON Lines in and out, for shell chains.
struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Normalise text (the normalize stage alone); JSON Lines in and out.",
        discussion: "Example:\n  zcat dump.jsonl.gz | winnow normalize > normalized.jsonl"
    )

    @Flag(help: "Repair mojibake (UTF-8 read as Windows-1252) in the output text.")
    var mojibake = false

    @Flag(name: .customLong("ascii-quotes"), help: "Write curly quotes and apostrophes as ASCII ones.")
    var asciiQuotes = false

    @Flag(name: .customLong("keep-entities"), help: "Leave HTML character references undecoded in the output text.")
    var keepEntities = false

    @Flag(name: .customLong("no-nfc"), help: "Leave the output text in the Unicode form it came in.")
    var noNFC = false

    @OptionGroup var common: CommonOptions

    func run() throws {
        var options = NormalizeStage.Options()
        options.mojibake = mojibake
        options.asciiQuotes = asciiQuotes
        options.entities = !keepEntities
        options.unicode = noNFC ? .none : .nfc
        try Execution.run(PipelineSpec(name: "normalize", stages: [.normalize(options)], format: .jsonl), common)
    }
}

/// `winnow dedup`: exact and near-duplicates and fragments, JSON Lines in and out.
struct DedupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedup",
        abstract: "Remove exact and near-duplicates, fragments and boilerplate paragraphs; JSON Lines in and out.",
        discussion: "Example:\n  winnow dedup --threshold 0.7 --decisions dups.jsonl corpus.jsonl > clean.jsonl"
    )

    @Option(help: "The Jaccard similarity from which two documents are one (default 0.8).")
    var threshold: Double?

    @Option(help: "The share of the smaller document inside the larger from which two are one (default 0.7; 0 turns it off).")
    var containment: Double?

    @Flag(name: .customLong("no-fragments"), help: "Keep fragments (short documents standing inside longer ones).")
    var noFragments = false

    @Flag(name: .customLong("no-line-dedup"), help: "Keep boilerplate and repeated paragraphs.")
    var noLineDedup = false

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let threshold, !(0.01...1).contains(threshold) { throw ValidationError("--threshold must be between 0.01 and 1") }
        if let containment, !(0...1).contains(containment) { throw ValidationError("--containment must be between 0 and 1") }
    }

    func run() throws {
        var near = NearDedupStage.Options()
        if let threshold { near.threshold = threshold }
        if let containment { near.containment = containment }
        var stages: [StageSpec] = [.normalize(.init()), .exactDedup, .nearDedup(near)]
        if !noFragments { stages.append(.fragments(.init())) }
        if !noLineDedup { stages.append(.lineDedup(.init())) }
        try Execution.run(PipelineSpec(name: "dedup", stages: stages, format: .jsonl), common)
    }
}

/// `winnow teasers`: the teasers stage alone, JSON Lines in and out.
struct TeasersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teasers",
        abstract: "Match truncated teasers to their articles (the teasers stage alone); JSON Lines in and out.",
        discussion: "Example:\n  winnow teasers --on-match link --annotate feed.jsonl > linked.jsonl"
    )

    @Option(name: .customLong("on-match"), help: "What to do with a matched teaser: drop, expand or link (default drop).")
    var onMatch: String?

    @OptionGroup var common: CommonOptions

    func validate() throws {
        if let onMatch, TeasersStage.OnMatch(rawValue: onMatch) == nil {
            throw ValidationError("--on-match must be drop, expand or link")
        }
    }

    func run() throws {
        var options = TeasersStage.Options()
        if let onMatch, let value = TeasersStage.OnMatch(rawValue: onMatch) { options.onMatch = value }
        try Execution.run(PipelineSpec(name: "teasers", stages: [.teasers(options)], format: .jsonl), common)
    }
}

/// `winnow pipeline [NAME]`: prints a pipeline with every default spelled out.
struct PipelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipeline",
        abstract: "Print the effective pipeline (a file or a built-in name), every default spelled out.",
        discussion: "Example:\n  winnow pipeline news"
    )

    @Argument(help: "The pipeline file, or the name of a built-in pipeline.")
    var pipeline = "news"

    func run() throws {
        print(try PipelineLoader.load(pipeline).effectiveYAML, terminator: "")
    }
}
