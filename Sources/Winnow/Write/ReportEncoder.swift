/// The JSON report of a run (`--report`): counts in and out, drops by reason, stage counters, and,
/// apart from them so the rest stays comparable between runs, the timing.
public enum ReportEncoder {
    /// The full report, with `extra` counters (a writer's) merged into the stage counters.
    public static func encode(_ summary: RunSummary, extra: Counters = Counters()) -> String {
        var buffer = ByteBuffer()
        buffer.append("{\n  \"generator\": ")
        buffer.appendJSONString(Winnow.generator)
        buffer.append(",\n  \"documents\": ")
        encodeCounts(summary, into: &buffer)
        var counters = summary.counters
        for (name, value) in extra.sorted { counters.add(name, value) }
        buffer.append(",\n  \"changed\": ")
        encode(summary.changed, into: &buffer)
        buffer.append(",\n  \"counters\": ")
        encode(counters, into: &buffer)
        buffer.append(",\n  \"conservation\": \"ok\",\n  \"timing\": {\"seconds\": ")
        buffer.appendJSONNumber(summary.seconds)
        buffer.append(", \"bytes\": \(summary.bytesIn), \"mb_per_second\": ")
        buffer.appendJSONNumber(summary.megabytesPerSecond)
        buffer.append(", \"threads\": \(summary.threads), \"index_bytes\": {")
        for (index, entry) in summary.indexBytes.sorted(by: { $0.key < $1.key }).enumerated() {
            if index > 0 { buffer.append(", ") }
            buffer.appendJSONString(entry.key)
            buffer.append(": \(entry.value)")
        }
        buffer.append("}}\n}\n")
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    /// `{"in":…,"out":…,"dropped":…,"dropped_by_reason":{…}}`, shared with the JSON corpus's statistics.
    static func encodeCounts(_ summary: RunSummary, into buffer: inout ByteBuffer) {
        buffer.append("{\"in\": \(summary.documentsIn), \"out\": \(summary.documentsOut), \"dropped\": \(summary.documentsDropped)")
        buffer.append(", \"dropped_by_reason\": ")
        encode(summary.dropped, into: &buffer)
        buffer.append("}")
    }

    static func encode(_ counters: Counters, into buffer: inout ByteBuffer) {
        buffer.append("{")
        for (index, entry) in counters.sorted.enumerated() {
            if index > 0 { buffer.append(", ") }
            buffer.appendJSONString(entry.name)
            buffer.append(": \(entry.value)")
        }
        buffer.append("}")
    }
}
