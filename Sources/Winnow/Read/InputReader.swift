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

    /// A reader of `paths` in order; `-` is standard input.
    public init(paths: [String], options: ReadOptions) {
        self.paths = paths
        self.options = options
    }

    public var bytesRead: Int { finishedBytes + (current?.bytesRead ?? 0) }

    /// Repairs made while reading: `read.invalid-bytes` (replaced by U+FFFD) and `read.lone-surrogates`.
    public private(set) var counters = Counters()

    public var totalBytes: Int? {
        var total = 0
        for path in paths {
            guard path != "-", let size = Self.fileSize(path) else { return nil }
            total += size
        }
        return total
    }

    public func next() throws -> Document? {
        while true {
            if let current, let document = try current.next() { return document }
            if let current {
                for (name, value) in current.repairs.sorted { counters.add(name, value) }
                finishedBytes += current.bytesRead
                self.current = nil
            }
            guard position < paths.count else { return nil }
            current = try open(paths[position])
            position += 1
        }
    }

    private func open(_ path: String) throws -> RecordReader {
        let source = try ByteSource(path: path)
        var format = options.format
        if format == .auto { format = InputFormat.fromExtension(path) ?? .auto }
        let lines = LineReader(source: source)
        if format == .auto { format = try lines.sniffFormat() }
        switch format {
        case .auto, .text: return TextReader(lines: lines, source: source, mode: options.textMode)
        case .jsonl: return JSONLReader(lines: lines, source: source, options: options)
        case .json: return try JSONArrayReader(source: source, lines: lines, options: options)
        case .xml: return try XMLCorpusReader(path: path, source: source, lines: lines)
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
}

extension RecordReader {
    var repairs: Counters { Counters() }
}
