import Foundation
@testable import Winnow

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The repository's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The seed page.
    static let seed = root.appendingPathComponent("seeds/000_d93de6c995681d6c.txt").path

    /// `text` with the seed's absolute path written as the README's commands show it, relative to the root.
    static func relative(_ text: String) -> String {
        text.replacingOccurrences(of: seed, with: "seeds/000_d93de6c995681d6c.txt")
    }

    /// A file under `Samples/`, as text.
    static func sample(_ name: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Samples/\(name)"), encoding: .utf8)
    }

    /// The folder holding every temporary folder of this test process; removed when the process exits.
    private static let scratch: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("winnow-tests-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: TestSupport.scratch) }
        return url
    }()

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = scratch.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `text` to `name` in a fresh temporary folder and returns the path.
    static func file(_ name: String, _ text: String) throws -> String {
        let url = try temporaryFolder().appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Runs `spec` over `inputs` and returns the corpus, the decision log and the summary.
    static func run(_ spec: PipelineSpec, _ inputs: [String], threads: Int = 1) throws -> (output: String, decisions: String, summary: RunSummary) {
        let folder = try temporaryFolder()
        var job = CorpusJob(spec: spec, inputs: inputs)
        job.output = folder.appendingPathComponent("out").path
        job.decisions = folder.appendingPathComponent("decisions.jsonl").path
        job.options.threads = threads
        let summary = try job.run()
        let output = try String(contentsOfFile: job.output, encoding: .utf8)
        let decisions = try String(contentsOfFile: job.decisions!, encoding: .utf8)
        return (output, decisions, summary)
    }

    /// The news pipeline with its output format set.
    static func news(_ format: OutputFormat = .xml, annotate: Bool = false) throws -> PipelineSpec {
        var spec = try BuiltinPipelines.named("news")!
        spec.format = format
        spec.annotate = annotate
        return spec
    }

    /// Every document of `path` read with `options`.
    static func read(_ path: String, _ options: ReadOptions = ReadOptions()) throws -> [Document] {
        let reader = InputReader(paths: [path], options: options)
        var documents: [Document] = []
        while let document = try reader.next() { documents.append(document) }
        return documents
    }

    /// Runs `stages` over `documents` in memory.
    static func process(_ documents: [Document], _ stages: [any Stage], threads: Int = 1) throws -> CollectingSink {
        var options = Pipeline.Options()
        options.threads = threads
        let sink = CollectingSink()
        try Pipeline(stages: stages, options: options).run(source: ArraySource(documents), sink: sink, decisions: sink)
        return sink
    }

    /// A document with an id made from `number`.
    static func document(_ number: Int, _ text: String) -> Document {
        Document(id: DocumentID("d\(number)"), text: text, source: SourceLocation(file: "test", line: number))
    }
}
