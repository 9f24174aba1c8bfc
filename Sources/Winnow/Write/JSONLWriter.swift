/// Writes JSON Lines: one document per line, the input's fields kept verbatim.
public final class JSONLWriter: DocumentWriter {
    private let output: OutputFile
    private let encoder: JSONDocumentEncoder
    private var buffer = ByteBuffer()
    public let counters = Counters()

    /// A writer into `output`; `annotate` adds the `winnow` object to each record.
    public init(output: OutputFile, annotate: Bool = false, idField: String = "id", textField: String = "text") {
        self.output = output
        self.encoder = JSONDocumentEncoder(annotate: annotate, idField: idField, textField: textField)
    }

    public func write(_ document: Document) throws {
        encoder.encode(document, into: &buffer)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { try output.write(&buffer) }
    }

    public func finish(summary: RunSummary) throws {
        try output.write(&buffer)
        try output.commit()
    }
}
