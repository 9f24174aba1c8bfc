/// Reads JSON Lines: one object per line, blank lines ignored.
final class JSONLReader: RecordReader {
    private let lines: LineReader
    private let source: ByteSource
    private let parser: JSONRecordParser

    init(lines: LineReader, source: ByteSource, options: ReadOptions) {
        self.lines = lines
        self.source = source
        self.parser = JSONRecordParser(options: options, stem: SourceLocation.stem(of: source.path), path: source.path)
    }

    var bytesRead: Int { source.bytesRead }

    func next() throws -> Document? {
        while let line = try lines.next() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            return try parser.parse(line, line: lines.lineNumber)
        }
        return nil
    }
}
