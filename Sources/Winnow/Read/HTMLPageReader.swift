/// Reads a scraped HTML page as its article and the teasers of other articles it shows.
///
/// The article is one document (`<file stem>:<line of its first paragraph>`) with its headline and
/// paragraphs as text and `title`, `url` and `date` fields where the page gives them; each teaser is a record of
/// its own, flagged as a teaser so the teaser stage can match it against articles of the same run,
/// with `href` and `teaser-source` fields.
final class HTMLPageReader: RecordReader {
    private let source: ByteSource
    private var queue: [Document] = []
    private var done = false
    private let lines: LineReader

    init(source: ByteSource, lines: LineReader) {
        self.source = source
        self.lines = lines
    }

    var bytesRead: Int { source.bytesRead }

    func next() throws -> Document? {
        if !done {
            done = true
            queue = try readPage()
        }
        return queue.isEmpty ? nil : queue.removeFirst()
    }

    private func readPage() throws -> [Document] {
        let bytes = try lines.readAllRaw()
        guard !bytes.isEmpty else { return [] }
        let page = HTMLExtractor().extract(bytes, url: source.path)
        let stem = SourceLocation.stem(of: source.path)
        var documents: [Document] = []
        if let first = page.paragraphs.first {
            var fields: [Field] = []
            if let title = page.title { fields.append(Field(name: "title", value: .string(title))) }
            if let url = page.url { fields.append(Field(name: "url", value: .string(url))) }
            if let date = page.date { fields.append(Field(name: "date", value: .string(date))) }
            var lines = page.paragraphs.map(\.text)
            if let headline = page.headline, headline != lines.first { lines.insert(headline, at: 0) }
            documents.append(Document(id: DocumentID(stem: stem, line: first.line),
                                      text: lines.joined(separator: "\n"), fields: fields,
                                      source: SourceLocation(file: source.path, line: first.line)))
        }
        for teaser in page.teasers {
            var fields: [Field] = []
            if let href = teaser.href { fields.append(Field(name: "href", value: .string(href))) }
            fields.append(Field(name: "teaser-source", value: .string(teaser.origin)))
            var document = Document(id: DocumentID(stem: stem, line: teaser.line), text: teaser.text, fields: fields,
                                    source: SourceLocation(file: source.path, line: teaser.line))
            document.annotations.teaserCandidate = true
            documents.append(document)
        }
        return documents
    }
}
