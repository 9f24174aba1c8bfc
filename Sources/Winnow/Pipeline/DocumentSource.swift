/// Where documents come from: a reader over one or more inputs, pulled one document at a time.
public protocol DocumentSource: AnyObject {
    /// The next document in input order, or nil at the end. Throws `WinnowError` on bad input.
    func next() throws -> Document?
    /// The input bytes consumed so far (compressed bytes for compressed input), for progress.
    var bytesRead: Int { get }
    /// The total input size when it is known in advance, for progress.
    var totalBytes: Int? { get }
    /// What reading repaired (invalid bytes, lone surrogates), for the report.
    var counters: Counters { get }
}

extension DocumentSource {
    /// By default a source repairs nothing.
    public var counters: Counters { Counters() }
}

/// Where kept documents go: a writer of one output format.
public protocol DocumentSink: AnyObject {
    /// Writes one kept document, in output order.
    func write(_ document: Document) throws
    /// Ends the output once every document is written; `summary` is the run's outcome.
    func finish(summary: RunSummary) throws
}

/// Where decisions go, one at a time, in the order they were taken.
public protocol DecisionSink: AnyObject {
    /// Records one decision.
    func record(_ decision: Decision) throws
    /// Ends the log.
    func finish() throws
}

/// A sink that keeps everything in memory, for library users and tests.
public final class CollectingSink: DocumentSink, DecisionSink {
    /// The documents written, in order.
    public private(set) var documents: [Document] = []
    /// The decisions recorded, in order.
    public private(set) var decisions: [Decision] = []
    /// The summary handed over at the end.
    public private(set) var summary: RunSummary?

    /// An empty collector.
    public init() {}

    public func write(_ document: Document) throws { documents.append(document) }
    public func finish(summary: RunSummary) throws { self.summary = summary }
    public func record(_ decision: Decision) throws { decisions.append(decision) }
    public func finish() throws {}
}

/// A source over documents already in memory, for library users and tests.
public final class ArraySource: DocumentSource {
    private var documents: [Document]
    private var position = 0

    /// A source that yields `documents` in order.
    public init(_ documents: [Document]) { self.documents = documents }

    public func next() throws -> Document? {
        guard position < documents.count else { return nil }
        defer { position += 1 }
        return documents[position]
    }

    public var bytesRead: Int { 0 }
    public var totalBytes: Int? { nil }
}
