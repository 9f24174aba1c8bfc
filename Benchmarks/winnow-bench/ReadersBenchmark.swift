import ArgumentParser
import Foundation
import Winnow
import WinnowLab

/// Reading throughput, one thread: JSON Lines, Winnow's XML, and scraped HTML pages.
struct ReadersBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "readers", abstract: "Reader throughput, one thread, MB/s.")

    @Option(help: "Stories in the generated corpus.")
    var stories = 20000

    @Option(parsing: .upToNextOption, help: "Time reading these files instead of generated ones (any format Winnow reads).")
    var input: [String] = []

    func run() throws {
        if !input.isEmpty {
            let size = try input.reduce(0) { $0 + ((try FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
            var count = 0
            let seconds = Measure.best(rounds: 5) {
                count = 0
                let reader = InputReader(paths: input, options: ReadOptions())
                while (try? reader.next()) != nil { count += 1 }
            }
            print("read \(Measure.megabytesPerSecond(bytes: size, seconds: seconds))  (\(count) documents, \(size / 1_000_000) MB)")
            return
        }
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
            // The best of three writes, each a new file: one write can be held back by the kernel
            // flushing what an earlier step wrote (a fresh clone's build leaves hundreds of MB).
            let writeSeconds = try Measure.best {
                let writer = try format.makeWriter(try OutputFile(path: path), annotate: false)
                for document in documents { try writer.write(document) }
                try writer.finish(summary: RunSummary())
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
