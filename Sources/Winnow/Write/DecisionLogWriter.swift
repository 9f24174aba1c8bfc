/// Writes decisions as JSON Lines (`--decisions`): one line per dropped or changed document.
///
/// ```json
/// {"id":"page:7","action":"drop","reason":"fragment","of":"page:1","score":1,"stage":"fragments","source":"page.txt:7"}
/// ```
public final class DecisionLogWriter: DecisionSink {
    private let output: OutputFile
    private var buffer = ByteBuffer()

    /// A log written into `output`.
    public init(output: OutputFile) { self.output = output }

    public func record(_ decision: Decision) throws {
        Self.encode(decision, into: &buffer)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { try output.write(&buffer) }
    }

    public func finish() throws {
        try output.write(&buffer)
        try output.commit()
    }

    /// Appends one decision as a JSON object.
    static func encode(_ decision: Decision, into buffer: inout ByteBuffer) {
        buffer.append("{\"id\":")
        buffer.appendJSONString(decision.id.rawValue)
        buffer.append(",\"action\":")
        buffer.appendJSONString(decision.action.rawValue)
        buffer.append(",\"reason\":")
        buffer.appendJSONString(decision.reason)
        if let of = decision.of {
            buffer.append(",\"of\":")
            buffer.appendJSONString(of.rawValue)
        }
        if let score = decision.score {
            buffer.append(",\"score\":")
            buffer.appendJSONNumber((score * 10_000).rounded() / 10_000)
        }
        buffer.append(",\"stage\":")
        buffer.appendJSONString(decision.stage)
        if let source = decision.source {
            buffer.append(",\"source\":")
            buffer.appendJSONString(source.description)
        }
        if let detail = decision.detail {
            buffer.append(",\"detail\":")
            buffer.appendJSONString(detail)
        }
        buffer.append("}")
    }
}
