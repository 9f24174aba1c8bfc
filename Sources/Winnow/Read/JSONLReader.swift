/// Reads JSON Lines: one object per line, blank lines ignored.
///
/// Lines are gathered in batches and parsed on `ReadOptions.threads` threads; documents still come
/// out in input order, and a bad line is reported after every good line before it.
final class JSONLReader: RecordReader {
    private let lines: LineReader
    private let source: ByteSource
    private let parser: JSONRecordParser
    private let threads: Int
    /// The batch's records not yet handed out, parsed, each with the characters repaired in it; in reverse
    /// order, so the next is taken from the end without a copy.
    private var parsed: [(record: Result<Document, Error>, repaired: Int)] = []
    private var done = false
    /// Bytes reserved for a batch's lines: what the largest batch so far needed, so lines are copied
    /// into the batch once and not again as it grows.
    private var batchCapacity = 1 << 16
    private var broken = false

    /// A bad line leaves the reader able to go on; a failed read does not.
    var canContinue: Bool { !broken }

    /// Lines parsed together.
    static let batchLines = 1024
    /// Bytes that close a batch early.
    static let batchBytes = 8 << 20

    init(lines: LineReader, source: ByteSource, options: ReadOptions) {
        self.lines = lines
        self.source = source
        self.parser = JSONRecordParser(options: options, stem: SourceLocation.stem(of: source.path), path: source.path)
        self.threads = options.threads
    }

    var bytesRead: Int { source.bytesRead }
    private(set) var repairs = Counters()

    func next() throws -> Document? {
        if parsed.isEmpty {
            guard !done else { return nil }
            do {
                try readBatch()
            } catch {
                broken = true
                done = true
                throw error
            }
            if parsed.isEmpty { return nil }
        }
        switch parsed.removeLast() {
        case (.success(let document), _): return document
        case (.failure(let error), _): throw error
        }
    }

    /// Reads the next batch of non-blank lines and parses them in parallel.
    private func readBatch() throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(batchCapacity)
        var records: [(range: Range<Int>, line: Int)] = []
        while records.count < Self.batchLines && bytes.count < Self.batchBytes, let line = try lines.next() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            records.append((bytes.count..<bytes.count + line.count, lines.lineNumber))
            bytes.append(contentsOf: line)
        }
        if records.isEmpty { done = true }
        batchCapacity = max(batchCapacity, min(bytes.count + bytes.count / 8, Self.batchBytes + Self.batchBytes / 8))
        let parser = self.parser
        let batch = bytes
        let spans = records
        let results = Parallel.map(records.count, threads: threads) { index -> (record: Result<Document, Error>, repaired: Int) in
            var repaired = 0
            let result = Result {
                try batch.withUnsafeBufferPointer {
                    try parser.parse(UnsafeBufferPointer(rebasing: $0[spans[index].range]), line: spans[index].line,
                                     repairs: &repaired)
                }
            }
            return (result, repaired)
        }
        let repaired = results.reduce(0) { $0 + $1.1 }
        if repaired > 0 { repairs.add("read.repaired-characters", repaired) }
        parsed = results
        parsed.withUnsafeMutableBufferPointer { $0.reverse() }
    }
}
