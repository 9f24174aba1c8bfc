import Foundation

/// Reads several inputs, one after the other, as one corpus.
///
/// Each input's format is the one forced by `ReadOptions.format`, or found from its extension, or
/// sniffed from its first bytes. Files are opened only when their turn comes.
///
/// ```swift
/// let source = InputReader(paths: ["news.jsonl.gz", "pages.txt"], options: ReadOptions())
/// while let document = try source.next() { … }
/// ```
public final class InputReader: DocumentSource {
    private let paths: [String]
    private let options: ReadOptions
    private var position = 0
    private var current: RecordReader?
    private var finishedBytes = 0

    private let memory: [UInt8]?

    /// A reader of `paths` in order; `-` is standard input.
    public init(paths: [String], options: ReadOptions) {
        self.paths = paths
        self.options = options
        self.memory = nil
        self.totalBytes = Self.totalSize(of: paths)
    }

    /// A reader of bytes already in memory, as if they were a file called `name` (its extension
    /// picks the format when the options do not; the content is sniffed otherwise).
    public init(bytes: [UInt8], name: String, options: ReadOptions) {
        self.paths = [name]
        self.options = options
        self.memory = bytes
        self.totalBytes = bytes.count
    }

    public var bytesRead: Int { finishedBytes + (current?.bytesRead ?? 0) }

    /// Repairs made while reading: `read.repaired-characters` (invalid bytes and lone surrogates replaced by U+FFFD).
    public private(set) var counters = Counters()

    /// The inputs' total size, measured once when the reader is made (nil when one is standard input
    /// or not a regular file); progress asks for it after every batch.
    public let totalBytes: Int?

    private static func totalSize(of paths: [String]) -> Int? {
        var total = 0
        for path in paths {
            guard path != "-", let size = fileSize(path) else { return nil }
            total += size
        }
        return total
    }

    /// The next document; under `onError: .skip` a bad record comes back as a document with its
    /// `invalidReason` set (and a file that cannot be read on as one such record for the rest of it).
    public func next() throws -> Document? {
        while true {
            do {
                if let current, let document = try current.next() { return document }
                if current != nil { closeCurrent() }
                guard position < paths.count else { return nil }
                position += 1
                current = try open(paths[position - 1])
            } catch let error as WinnowError where error.kind == .input && options.onError == .skip {
                errors += 1
                if let limit = options.maxErrors, errors > limit {
                    throw WinnowError(.input, "more than \(limit) bad records (--max-errors); the last: \(error.message)",
                                      at: error.location)
                }
                if let current, !current.canContinue { closeCurrent() }
                return rejected(error)
            }
        }
    }

    /// Bad records skipped so far.
    public private(set) var errors = 0

    private func closeCurrent() {
        guard let current else { return }
        for (name, value) in current.repairs.sorted { counters.add(name, value) }
        finishedBytes += current.bytesRead
        self.current = nil
    }

    /// The stand-in for a record that could not be read: its location for an id, no text.
    private func rejected(_ error: WinnowError) -> Document {
        let location = error.location ?? SourceLocation(file: paths[max(0, position - 1)], line: 0)
        var document = Document(id: DocumentID(stem: location.stem, line: location.line), text: "", source: location)
        document.invalidReason = error.message
        return document
    }

    private func open(_ path: String) throws -> RecordReader {
        let source = try memory.map { ByteSource(bytes: $0, path: path) } ?? ByteSource(path: path)
        var format = options.format
        if format == .auto { format = InputFormat.fromExtension(path) ?? .auto }
        let lines = LineReader(source: source, capacity: min(1 << 20, max(4096, (source.totalBytes ?? (1 << 20)) + 1)))
        if format == .auto { format = try lines.sniffFormat() }
        switch format {
        case .auto, .text: return TextReader(lines: lines, source: source, mode: options.textMode)
        case .jsonl: return JSONLReader(lines: lines, source: source, options: options)
        case .json: return try JSONArrayReader(source: source, lines: lines, options: options)
        case .xml: return try XMLCorpusReader(path: path, source: source, lines: lines, options: options)
        case .html: return HTMLPageReader(source: source, lines: lines)
        }
    }

    private static func fileSize(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int(status.st_size)
    }
}

/// A reader of one input in one format.
protocol RecordReader: AnyObject {
    func next() throws -> Document?
    var bytesRead: Int { get }
    /// What the reader repaired so far.
    var repairs: Counters { get }
    /// True when, after throwing a bad record, the reader can go on with the next one.
    var canContinue: Bool { get }
}

extension RecordReader {
    var repairs: Counters { Counters() }
    var canContinue: Bool { false }
}
