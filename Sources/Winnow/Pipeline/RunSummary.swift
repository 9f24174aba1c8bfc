/// The outcome of a run: counts in and out, decisions by reason, stage counters, and timing.
public struct RunSummary: Sendable {
    /// Documents read.
    public var documentsIn = 0
    /// Documents written.
    public var documentsOut = 0
    /// Input bytes read.
    public var bytesIn = 0
    /// Drops by reason.
    public var dropped = Counters()
    /// Edits and repairs by reason.
    public var changed = Counters()
    /// Counters kept by the stages (`teasers.matched`, `normalize.invalid-bytes`, …).
    public var counters = Counters()
    /// Wall-clock seconds from the first read to the last write.
    public var seconds = 0.0
    /// Worker threads used for per-document work.
    public var threads = 1
    /// Things the user should know that did not stop the run (duplicate ids made unique).
    public var warnings: [String] = []
    /// Each stage's index memory in bytes, measured after the last document and before the stages finish.
    public var indexBytes: [String: Int] = [:]

    /// An empty summary.
    public init() {}

    /// Documents dropped, all reasons together.
    public var documentsDropped: Int { dropped.values.values.reduce(0, +) }

    /// Input megabytes per second.
    public var megabytesPerSecond: Double { seconds > 0 ? Double(bytesIn) / 1_000_000 / seconds : 0 }
}
