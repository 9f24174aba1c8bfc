/// Reads a JSON array of objects, or Winnow's own JSON (`{"generator":…,"documents":[…]}`).
///
/// The file is read whole, then its records are parsed one at a time; JSON Lines is the format for
/// corpora too large for memory.
final class JSONArrayReader: RecordReader {
    private let source: ByteSource
    private let bytes: [UInt8]
    private let parser: JSONRecordParser
    private var elements: [Range<Int>] = []
    private var position = 0
    private var lineCounter = LineCounter()

    init(source: ByteSource, lines: LineReader, options: ReadOptions) throws {
        self.source = source
        self.bytes = try lines.readAllRaw()
        self.parser = JSONRecordParser(options: options, stem: SourceLocation.stem(of: source.path), path: source.path)
        self.elements = try bytes.withUnsafeBufferPointer { try Self.locateRecords($0, path: source.path) }
    }

    var bytesRead: Int { source.bytesRead }

    /// A bad record leaves the rest of the array readable.
    var canContinue: Bool { true }
    private(set) var repairs = Counters()

    func next() throws -> Document? {
        guard position < elements.count else { return nil }
        let range = elements[position]
        position += 1
        let (line, column) = bytes.withUnsafeBufferPointer { lineCounter.position(of: range.lowerBound, in: $0) }
        var repaired = 0
        let document = try bytes.withUnsafeBufferPointer {
            try parser.parse(UnsafeBufferPointer(rebasing: $0[range]), line: line, lineStartColumn: column, repairs: &repaired)
        }
        if repaired > 0 { repairs.add("read.repaired-characters", repaired) }
        return document
    }

    /// The byte ranges of the record objects: the top-level array, or the `documents` array of an object.
    static func locateRecords(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> [Range<Int>] {
        var scanner = JSONScanner(bytes)
        if scanner.index == 0, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { scanner.index = 3 }
        var records: [Range<Int>] = []
        do {
            switch scanner.peek() {
            case UInt8(ascii: "["):
                records = try scanArray(&scanner)
            case UInt8(ascii: "{"):
                var found = false
                try scanner.scanObject { key, range, _ in
                    guard key == "documents" else { return }
                    var inner = JSONScanner(bytes)
                    inner.index = range.lowerBound
                    guard inner.peek() == UInt8(ascii: "[") else {
                        throw JSONScanner.SyntaxError(offset: range.lowerBound, message: "\"documents\" must be an array")
                    }
                    records = try scanArray(&inner)
                    found = true
                }
                guard found else { throw JSONScanner.SyntaxError(offset: 0, message: "an object without a \"documents\" array") }
            case nil:
                return []
            default:
                throw JSONScanner.SyntaxError(offset: scanner.index, message: "expected an array of records")
            }
            try scanner.expectEnd()
        } catch let error as JSONScanner.SyntaxError {
            var counter = LineCounter()
            let (line, column) = counter.position(of: error.offset, in: bytes)
            throw WinnowError(.input, "invalid JSON: \(error.message)", at: SourceLocation(file: path, line: line, column: column))
        }
        return records
    }

    private static func scanArray(_ scanner: inout JSONScanner) throws -> [Range<Int>] {
        try scanner.expect(UInt8(ascii: "["))
        var records: [Range<Int>] = []
        if scanner.peek() == UInt8(ascii: "]") {
            scanner.index += 1
            return records
        }
        while true {
            scanner.skipWhitespace()
            let start = scanner.index
            try scanner.skipValue(depth: 2)
            records.append(start..<scanner.index)
            guard let next = scanner.peek() else { throw scanner.error("unexpected end of input inside an array") }
            scanner.index += 1
            if next == UInt8(ascii: "]") { return records }
            guard next == UInt8(ascii: ",") else { throw scanner.error("expected ',' or ']'", at: scanner.index - 1) }
        }
    }
}

/// Turns byte offsets into lines and columns, moving forward only, so records in order cost one pass.
struct LineCounter {
    private var offset = 0
    private var line = 1
    private var lineStart = 0

    mutating func position(of target: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        if target < offset {
            offset = 0
            line = 1
            lineStart = 0
        }
        while offset < target && offset < bytes.count {
            if bytes[offset] == 0x0A {
                line += 1
                lineStart = offset + 1
            }
            offset += 1
        }
        return (line, target - lineStart + 1)
    }
}
