import ArgumentParser
import Winnow

/// The options every corpus command shares: inputs, outputs, formats, and how to run.
struct CommonOptions: ParsableArguments {
    @Argument(help: "Input files (text, JSONL, JSON or XML; .gz read transparently). None or '-' reads standard input.")
    var inputs: [String] = []

    @Option(name: [.short, .customLong("output")], help: "Write the corpus here instead of standard output.")
    var output = "-"

    @Option(help: "Output format: xml, json, jsonl or text (default: the pipeline's).")
    var format: OutputFormatArgument?

    @Option(name: .customLong("input-format"), help: "Force the input format: text, jsonl, json or xml (default: by extension, then by content).")
    var inputFormat: InputFormatArgument?

    @Option(name: .customLong("text-mode"), help: "How plain text splits into documents: lines, paragraphs, page or file.")
    var textMode: TextModeArgument?

    @Option(name: .customLong("id-field"), help: "The JSON field holding the document id (default: id).")
    var idField: String?

    @Option(name: .customLong("text-field"), help: "The JSON field holding the document text (default: text).")
    var textField: String?

    @Flag(help: "Add Winnow's annotations (the 'winnow' object) to JSON and JSONL records.")
    var annotate = false

    @Option(help: "Write the decision log (JSON Lines, one line per dropped or changed document) here.")
    var decisions: String?

    @Option(help: "Write the run report (JSON: counts, reasons, throughput) here.")
    var report: String?

    @Option(help: "Worker threads for per-document work (default: one per core). Output never depends on it.")
    var threads: Int?

    @Option(name: .customLong("on-error"), help: "What a bad record does: fail (stop, write nothing) or skip (log it as invalid-input).")
    var onError: ErrorPolicyArgument?

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
        if let format { spec.format = format.value }
        if let inputFormat { spec.read.format = inputFormat.value }
        if let textMode { spec.read.textMode = textMode.value }
        if let idField { spec.read.idField = idField }
        if let textField { spec.read.textField = textField }
        if annotate { spec.annotate = true }
        if let onError { spec.read.onError = onError.value }
        if let maxErrors {
            spec.read.maxErrors = maxErrors
            if onError == nil { spec.read.onError = .skip }
        }
        return spec
    }
}

/// An output format named on the command line.
struct OutputFormatArgument: ExpressibleByArgument {
    let value: OutputFormat
    init?(argument: String) {
        guard let value = OutputFormat(rawValue: argument) else { return nil }
        self.value = value
    }
    static var allValueStrings: [String] { OutputFormat.allCases.map(\.rawValue) }
}

/// An input format named on the command line.
struct InputFormatArgument: ExpressibleByArgument {
    let value: InputFormat
    init?(argument: String) {
        guard let value = InputFormat(rawValue: argument) else { return nil }
        self.value = value
    }
    static var allValueStrings: [String] { InputFormat.allCases.map(\.rawValue) }
}

/// A text mode named on the command line.
struct TextModeArgument: ExpressibleByArgument {
    let value: TextMode
    init?(argument: String) {
        guard let value = TextMode(rawValue: argument) else { return nil }
        self.value = value
    }
    static var allValueStrings: [String] { TextMode.allCases.map(\.rawValue) }
}

/// An error policy named on the command line.
struct ErrorPolicyArgument: ExpressibleByArgument {
    let value: ErrorPolicy
    init?(argument: String) {
        guard let value = ErrorPolicy(rawValue: argument) else { return nil }
        self.value = value
    }
    static var allValueStrings: [String] { ErrorPolicy.allCases.map(\.rawValue) }
}
