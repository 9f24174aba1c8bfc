/// Writes Winnow's JSON: `{"generator":…,"documents":[…],"stats":{…}}`, streamed document by document.
public final class JSONCorpusWriter: DocumentWriter {
    private let output: OutputFile
    private let encoder: JSONDocumentEncoder
    private var buffer = ByteBuffer()
    private var written = 0
    public let counters = Counters()

    /// A writer into `output`; `annotate` adds the `winnow` object to each document.
    public init(output: OutputFile, annotate: Bool = false, idField: String = "id", textField: String = "text") {
        self.output = output
        self.encoder = JSONDocumentEncoder(annotate: annotate, idField: idField, textField: textField)
        buffer.append("{\"generator\":")
        buffer.appendJSONString(Winnow.generator)
        buffer.append(",\"documents\":[")
    }

    public func write(_ document: Document) throws {
        buffer.append(written == 0 ? "\n" : ",\n")
        written += 1
        encoder.encode(document, into: &buffer)
        if buffer.count >= 1 << 16 { try output.write(&buffer) }
    }

    public func finish(summary: RunSummary) throws {
        buffer.append(written == 0 ? "]," : "\n],")
        buffer.append("\"stats\":")
        ReportEncoder.encodeCounts(summary, into: &buffer)
        buffer.append("}\n")
        try output.write(&buffer)
        try output.commit()
    }
}
