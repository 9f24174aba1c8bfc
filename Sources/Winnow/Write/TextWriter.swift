/// Writes plain text: each document's text, documents separated by a blank line.
public final class TextWriter: DocumentWriter {
    private let output: OutputFile
    private var buffer = ByteBuffer()
    private var written = 0
    public let counters = Counters()

    /// A writer into `output`.
    public init(output: OutputFile) { self.output = output }

    public func write(_ document: Document) throws {
        if written > 0 { buffer.append(0x0A) }
        written += 1
        buffer.append(document.text)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { try output.write(&buffer) }
    }

    public func finish(summary: RunSummary) throws {
        try output.write(&buffer)
        try output.commit()
    }
}
