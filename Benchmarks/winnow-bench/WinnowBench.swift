import ArgumentParser
import Foundation
import Winnow
import WinnowLab

/// `winnow-bench`: per-stage throughput on generated text (release builds only mean anything).
@main
struct WinnowBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow-bench",
        abstract: "Throughput benchmarks of Winnow's stages on generated text.",
        subcommands: [NormalizeBenchmark.self, StagesBenchmark.self, ReadersBenchmark.self, QualityBenchmark.self, GenerateCorpus.self]
    )
}

/// Output text plus matching key, one thread, per language, on clean and on noisy text.
struct NormalizeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "normalize",
                                                    abstract: "Output text and key, one thread, MB/s per language.")

    @Option(help: "Megabytes of text per language.")
    var megabytes = 20

    @Option(help: "Only this language (english, german, russian, chinese).")
    var language: String?

    @Flag(help: "Also time Foundation's NFKC and case folding on the same text, for comparison.")
    var compareFoundation = false

    func run() {
        let cleaner = TextCleaner()
        for language in TextSampler.Language.allCases where self.language == nil || self.language == language.rawValue {
            for noisy in [false, true] {
                var sampler = TextSampler(language: language, seed: 1)
                var texts: [String] = []
                var bytes = 0
                while bytes < megabytes * 1_000_000 {
                    let article = noisy ? sampler.noisy(sampler.article()) : sampler.article()
                    bytes += article.utf8.count
                    texts.append(article)
                }
                var tokens = 0
                let cleanOnly = Measure.best { for text in texts { _ = cleaner.clean(text) } }
                let keyOnly = Measure.best { for text in texts { tokens &+= MatchingKey(text: text).count } }
                let both = Measure.best {
                    for text in texts { tokens &+= MatchingKey(text: cleaner.clean(text).text).count }
                }
                if compareFoundation && !noisy {
                    let utf8proc = Measure.best(rounds: 1) {
                        for text in texts { tokens &+= text.utf8.withContiguousStorageIfAvailable { UnicodeBench.fold($0) } ?? 0 }
                    }
                    let foundation = Measure.best(rounds: 1) {
                        for text in texts {
                            tokens &+= text.precomposedStringWithCompatibilityMapping
                                .folding(options: [.caseInsensitive], locale: nil).utf8.count
                        }
                    }
                    print("\(language.rawValue): NFKC + case folding of whole texts: utf8proc "
                          + "\(Measure.megabytesPerSecond(bytes: bytes, seconds: utf8proc)), Foundation "
                          + "\(Measure.megabytesPerSecond(bytes: bytes, seconds: foundation))")
                }
                let name = (language.rawValue + (noisy ? " noisy" : "")).padding(toLength: 14, withPad: " ", startingAt: 0)
                print("\(name) text \(Measure.megabytesPerSecond(bytes: bytes, seconds: cleanOnly)), "
                      + "key \(Measure.megabytesPerSecond(bytes: bytes, seconds: keyOnly)), "
                      + "text + key \(Measure.megabytesPerSecond(bytes: bytes, seconds: both))  [\(tokens % 2)]")
            }
        }
    }
}

/// Duplicate, fragment and teaser quality of a pipeline on the labelled corpus.
struct QualityBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "quality",
                                                    abstract: "Score a pipeline on a generated labelled corpus.")

    @Option(help: "Stories in the corpus (about 2.3 documents each).")
    var stories = 5000

    @Option(help: "The pipeline: a file or a built-in name.")
    var pipeline = "news"

    @Option(help: "Corpus seed.")
    var seed: UInt64 = 1

    func run() throws {
        let spec = try BuiltinPipelines.named(pipeline) ?? PipelineSpec(contentsOf: pipeline)
        var options = LabelledCorpus.Options()
        options.stories = stories
        options.seed = seed
        let (score, summary) = try QualityRun.run(spec, corpus: options)
        print("\(summary.documentsIn) documents, \(summary.documentsDropped) dropped: \(summary.dropped.sorted.map { "\($0.name) \($0.value)" }.joined(separator: ", "))")
        print(score)
    }
}

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

/// Each stage alone, then the dedup stages together, on the labelled corpus held in memory.
struct StagesBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stages",
                                                    abstract: "Per-stage throughput (reading and writing excluded), MB/s.")

    @Option(help: "Stories in the corpus (about 6.3 KB of text per story with its copies).")
    var stories = 20000

    func run() throws {
        var options = LabelledCorpus.Options()
        options.stories = stories
        var raw: [Document] = []
        var bytes = 0
        LabelledCorpus.generate(options) { entry in
            bytes += entry.text.utf8.count
            raw.append(Document(id: DocumentID(entry.id), text: entry.text, source: SourceLocation(file: "generated", line: raw.count + 1)))
        }
        let normalizer = NormalizeStage().preparation
        var normalized = raw
        let normalizeSeconds = Measure.best(rounds: 1) {
            for index in normalized.indices { _ = normalizer.prepare(&normalized[index]) }
        }
        print("\(raw.count) documents, \(bytes / 1_000_000) MB of text")
        print("normalize (text + key)   \(Measure.megabytesPerSecond(bytes: bytes, seconds: normalizeSeconds))")
        let single: [(String, () -> any Stage)] = [
            ("exact-dedup", { ExactDedupStage() }), ("near-dedup", { NearDedupStage() }), ("fragments", { FragmentsStage() }),
            ("line-dedup", { LineDedupStage() }), ("teasers", { TeasersStage() }),
        ]
        for (name, make) in single {
            let seconds = try time([make()], normalized, threads: 1)
            print("\(name.padding(toLength: 24, withPad: " ", startingAt: 0)) \(Measure.megabytesPerSecond(bytes: bytes, seconds: seconds))")
        }
        for threads in [1, 2] {
            let four: [any Stage] = [ExactDedupStage(), NearDedupStage(), FragmentsStage(), LineDedupStage()]
            let seconds = try time(four, normalized, threads: threads)
            print("four dedup stages, \(threads) thread\(threads > 1 ? "s" : " ")  \(Measure.megabytesPerSecond(bytes: bytes, seconds: seconds))")
            let all = try time(BuiltinPipelines.named("news")!.makeStages(), raw, threads: threads)
            print("news pipeline, \(threads) thread\(threads > 1 ? "s" : " ")      \(Measure.megabytesPerSecond(bytes: bytes, seconds: all))")
        }
    }

    func time(_ stages: [any Stage], _ documents: [Document], threads: Int) throws -> Double {
        var options = Pipeline.Options()
        options.threads = threads
        let start = ContinuousClock.now
        try Pipeline(stages: stages, options: options).run(source: ArraySource(documents), sink: DiscardingSink())
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// Forgets every document: the benchmark times the stages, not a writer.
final class DiscardingSink: DocumentSink {
    func write(_ document: Document) throws {}
    func finish(summary: RunSummary) throws {}
}

/// Reading throughput, one thread: JSON Lines, Winnow's XML, and scraped HTML pages.
struct ReadersBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "readers", abstract: "Reader throughput, one thread, MB/s.")

    @Option(help: "Stories in the generated corpus.")
    var stories = 20000

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var options = LabelledCorpus.Options()
        options.stories = stories
        let entries = LabelledCorpus.entries(options)
        let documents = entries.enumerated().map { Document(id: DocumentID($0.element.id), text: $0.element.text,
                                                             fields: [Field(name: "site", value: .string($0.element.site))],
                                                             source: SourceLocation(file: "g", line: $0.offset + 1)) }
        for format in [OutputFormat.jsonl, .xml] {
            let path = folder.appendingPathComponent("corpus.\(format.rawValue)").path
            let writer = try format.makeWriter(try OutputFile(path: path), annotate: false)
            let writeSeconds = Measure.best(rounds: 1) {
                for document in documents { try? writer.write(document) }
                try? writer.finish(summary: RunSummary())
            }
            let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            let readSeconds = Measure.best {
                let reader = InputReader(paths: [path], options: ReadOptions())
                while (try? reader.next()) != nil {}
            }
            print("\(format.rawValue.padding(toLength: 6, withPad: " ", startingAt: 0)) read \(Measure.megabytesPerSecond(bytes: size, seconds: readSeconds)), "
                  + "write \(Measure.megabytesPerSecond(bytes: size, seconds: writeSeconds))  (\(size / 1_000_000) MB)")
        }
        var pages: [String] = []
        var size = 0
        for (index, entry) in entries.prefix(4000).enumerated() where entry.label.kind == .original {
            let path = folder.appendingPathComponent("page\(index).html").path
            let html = Self.page(entry.text, related: entries[(index + 7) % entries.count].text)
            try html.write(toFile: path, atomically: false, encoding: .utf8)
            pages.append(path)
            size += html.utf8.count
        }
        let seconds = Measure.best {
            let reader = InputReader(paths: pages, options: ReadOptions())
            while (try? reader.next()) != nil {}
        }
        print("html   read \(Measure.megabytesPerSecond(bytes: size, seconds: seconds))  (\(pages.count) pages, \(size / 1_000_000) MB)")
    }

    /// A news page around `text`: head, navigation, cookie banner, the article, a related block, a footer.
    static func page(_ text: String, related: String) -> String {
        let lines = text.split(separator: "\n").map(String.init)
        let teaser = String((lines.dropFirst().first ?? "").prefix(120)) + "…"
        return """
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>\(lines[0]) | The Courier</title>
            <meta property="og:title" content="\(lines[0])"><link rel="canonical" href="https://courier.example/a">
            <script>var tracking = {section: "news", id: 42};</script></head><body>
            <div class="cookie-banner">We use cookies. <button>Accept</button></div>
            <header><nav class="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav></header>
            <main><article><h1>\(lines[0])</h1>
            \(lines.dropFirst().map { "<p>\($0)</p>" }.joined(separator: "\n"))
            <div class="share-bar"><a href="#">Share</a></div></article>
            <section class="related"><ul><li><a href="/b">\(teaser)</a></li></ul></section></main>
            <footer><p>© 2025 The Courier</p></footer></body></html>
            """
    }
}
