/// An output format for the clean corpus.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Winnow's XML: `<corpus><doc><p>…</p></doc></corpus>`, written through libxml2.
    case xml
    /// One JSON object per document with the generator and the statistics.
    case json
    /// One JSON object per line.
    case jsonl
    /// Plain text, documents separated by a blank line.
    case text

    /// Opens a writer of this format on `output`.
    public func makeWriter(_ output: OutputFile, annotate: Bool, idField: String = "id",
                           textField: String = "text") throws -> DocumentWriter {
        switch self {
        case .xml: return try XMLCorpusWriter(output: output)
        case .json: return JSONCorpusWriter(output: output, annotate: annotate, idField: idField, textField: textField)
        case .jsonl: return JSONLWriter(output: output, annotate: annotate, idField: idField, textField: textField)
        case .text: return TextWriter(output: output)
        }
    }
}

/// A sink that writes one output format, and counts what it had to change to stay valid.
public protocol DocumentWriter: DocumentSink {
    /// Changes the format forced on the text (characters XML 1.0 forbids, removed), by name.
    var counters: Counters { get }
}

/// The name and version written into every output.
public enum Winnow {
    /// The version of the library and the tool.
    public static let version = "0.1.0"
    /// `winnow <version>`, the generator written into outputs.
    public static let generator = "winnow \(version)"
}
