/// Reads plain text in one of four modes: `lines`, `paragraphs`, `file` or `page`.
final class TextReader: RecordReader {
    private let lines: LineReader
    private let source: ByteSource
    private let mode: TextMode
    private let stem: String
    private var queue: [Document] = []
    private var done = false

    init(lines: LineReader, source: ByteSource, mode: TextMode) {
        self.lines = lines
        self.source = source
        self.mode = mode
        self.stem = SourceLocation.stem(of: source.path)
    }

    var bytesRead: Int { source.bytesRead }
    private(set) var repairs = Counters()

    /// The line as a string; invalid UTF-8 becomes U+FFFD, counted.
    private func decode(_ line: UnsafeBufferPointer<UInt8>) -> String {
        if let valid = String(checkingUTF8: line) { return valid }
        var index = 0
        var invalid = 0
        while index < line.count {
            let (_, length, valid) = UTF8Decoding.decode(line, at: index)
            if !valid { invalid += 1 }
            index += length
        }
        repairs.add("read.repaired-characters", invalid)
        return String(decoding: line, as: UTF8.self)
    }

    func next() throws -> Document? {
        if !queue.isEmpty { return queue.removeFirst() }
        guard !done else { return nil }
        switch mode {
        case .lines:
            while let line = try lines.next() {
                let text = decode(line)
                if !Self.isBlank(text) { return document(text, line: lines.lineNumber) }
            }
            done = true
            return nil
        case .paragraphs:
            var paragraph = [String]()
            var firstLine = 0
            while let line = try lines.next() {
                let text = decode(line)
                if Self.isBlank(text) {
                    if !paragraph.isEmpty { return document(paragraph.joined(separator: "\n"), line: firstLine) }
                    continue
                }
                if paragraph.isEmpty { firstLine = lines.lineNumber }
                paragraph.append(text)
            }
            done = true
            return paragraph.isEmpty ? nil : document(paragraph.joined(separator: "\n"), line: firstLine)
        case .file:
            var all = [String]()
            while let line = try lines.next() { all.append(decode(line)) }
            done = true
            let text = all.joined(separator: "\n")
            return Self.isBlank(text) ? nil : document(text, line: 1)
        case .page:
            done = true
            queue = try readPage()
            return queue.isEmpty ? nil : queue.removeFirst()
        }
    }

    /// Splits a page into its article and the records of their own (teasers, repeated body text).
    private func readPage() throws -> [Document] {
        let detector = TeaserDetector()
        var body: [(line: Int, text: String, key: String)] = []
        var records: [Document] = []
        while let line = try lines.next() {
            let text = String(Substring(decode(line)).trimmingBlanks())
            guard !text.isEmpty else { continue }
            let number = lines.lineNumber
            if detector.detect(text) != nil {
                var teaser = document(text, line: number)
                teaser.annotations.teaserCandidate = true
                records.append(teaser)
                continue
            }
            let key = " " + MatchingKey(text: text).string + " "
            if key.count > 2, body.contains(where: { $0.key.contains(key) }) {
                records.append(document(text, line: number))
                continue
            }
            body.append((number, text, key))
        }
        guard let first = body.first else { return records }
        let article = document(body.map(\.text).joined(separator: "\n"), line: first.line)
        return ([article] + records).sorted { $0.source.line < $1.source.line }
    }

    private func document(_ text: String, line: Int) -> Document {
        Document(id: DocumentID(stem: stem, line: line), text: text, source: SourceLocation(file: source.path, line: line))
    }

    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
    }
}
