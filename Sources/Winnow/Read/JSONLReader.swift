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
    private(set) var repairs = Counters()

    func next() throws -> Document? {
        while let line = try lines.next() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            var repaired = 0
            let document = try parser.parse(line, line: lines.lineNumber, repairs: &repaired)
            if repaired > 0 { repairs.add("read.repaired-characters", repaired) }
            return document
        }
        return nil
    }
}
