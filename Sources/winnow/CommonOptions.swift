import ArgumentParser
import Foundation
import Winnow

/// The options every corpus command shares: inputs, outputs, formats, and how to run.
struct CommonOptions: ParsableArguments {
    @Argument(help: "Input files (text, JSONL, JSON or XML; .gz read transparently). None or '-' reads standard input.")
    var inputs: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Write the corpus here instead of standard output.")
    var output = "-"

    @Option(help: "Output format: xml, json, jsonl or text (default: the pipeline's).")
    var format: OutputFormat?

    @Option(name: .customLong("input-format"), help: "Force the input format: text, jsonl, json or xml (default: by extension, then by content).")
    var inputFormat: InputFormat?

    @Option(name: .customLong("text-mode"), help: "How plain text splits into documents: lines, paragraphs, page or file.")
    var textMode: TextMode?

    @Option(name: .customLong("id-field"), help: "The JSON field holding the document id (default: id).")
    var idField: String?

    @Option(name: .customLong("text-field"), help: "The JSON field holding the document text (default: text).")
    var textField: String?

    @Option(help: "The XML element that holds one record (default: doc, or TEI in a TEI file).")
    var record: String?

    @Option(name: .customLong("text"), help: "The XML elements whose text is a record's text, comma-separated (default: p,head,item,quote).")
    var xmlText: String?

    @Flag(help: "Add Winnow's annotations (the 'winnow' object) to JSON and JSONL records.")
    var annotate = false

    @Option(help: "Write the decision log (JSON Lines, one line per dropped or changed document) here.")
    var decisions: String?

    @Option(help: "Write the run report (JSON: counts, reasons, throughput) here.")
    var report: String?

    @Option(help: "Worker threads for per-document work (default: one per core). Output never depends on it.")
    var threads: Int?

    @Option(name: .customLong("on-error"), help: "What a bad record does: fail (stop, write nothing) or skip (log it as invalid-input).")
    var onError: ErrorPolicy?

    @Option(name: .customLong("max-errors"), help: "With --on-error skip, stop with exit 1 past this many bad records.")
    var maxErrors: Int?

    @Flag(help: "Show a live progress line on standard error.")
    var progress = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors on standard error.")
    var quiet = false

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let maxErrors, maxErrors < 0 { throw ValidationError("--max-errors cannot be negative") }
    }

    /// `spec` with this command line's overrides applied.
    func apply(to spec: PipelineSpec) -> PipelineSpec {
        var spec = spec
        if let format { spec.format = format }
        if let inputFormat { spec.read.format = inputFormat }
        if let textMode { spec.read.textMode = textMode }
        if let idField { spec.read.idField = idField }
        if let textField { spec.read.textField = textField }
        if let record { spec.read.xmlRecord = record }
        if let xmlText { spec.read.xmlText = xmlText.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        if annotate { spec.annotate = true }
        if let onError { spec.read.onError = onError }
        if let maxErrors {
            spec.read.maxErrors = maxErrors
            if onError == nil { spec.read.onError = .skip }
        }
        return spec
    }
}

extension OutputFormat: ExpressibleByArgument {}
extension InputFormat: ExpressibleByArgument {}
extension TextMode: ExpressibleByArgument {}
extension ErrorPolicy: ExpressibleByArgument {}
