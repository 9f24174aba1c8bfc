import CLibXML2

/// Writes Winnow's XML through libxml2's xmlTextWriter: always well-formed, streamed.
///
/// ```xml
/// <corpus generator="winnow 0.1.0">
///   <doc id="a:1" source="a.txt" line="1"><p>…</p><teaser id="a:8">…</teaser></doc>
///   <stats in="8" out="6" dropped="2"/>
/// </corpus>
/// ```
/// Fields whose names are plain XML names become attributes; others, and JSON values that are not
/// strings, become `<field name=… [type="json"]>` elements. The statistics close the corpus, since a
/// stream cannot know its document count at the start.
public final class XMLCorpusWriter: DocumentWriter {
    private let output: OutputFile
    private let sink: XMLSinkBox
    private let writer: xmlTextWriterPtr
    public private(set) var counters = Counters()

    /// A writer into `output`; the XML declaration and `<corpus>` are written at once.
    public init(output: OutputFile) throws {
        self.output = output
        self.sink = XMLSinkBox(output: output)
        let context = Unmanaged.passUnretained(sink).toOpaque()
        guard let buffer = xmlOutputBufferCreateIO({ context, bytes, length in
            guard let context, let bytes, length > 0 else { return 0 }
            let sink = Unmanaged<XMLSinkBox>.fromOpaque(context).takeUnretainedValue()
            return sink.write(UnsafeRawBufferPointer(start: bytes, count: Int(length))) ? length : -1
        }, nil, context, nil), let writer = xmlNewTextWriter(buffer) else {
            throw WinnowError(.output, "cannot start the XML writer", at: SourceLocation(file: output.path, line: 0))
        }
        self.writer = writer
        xmlTextWriterSetIndent(writer, 1)
        xmlTextWriterSetIndentString(writer, "  ")
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
        try check(xmlTextWriterStartElement(writer, "corpus"))
        try attribute("generator", Winnow.generator)
    }

    deinit { xmlFreeTextWriter(writer) }

    public func write(_ document: Document) throws {
        let annotations = document.annotations
        try check(xmlTextWriterStartElement(writer, "doc"))
        try attribute("id", document.id.rawValue)
        try attribute("source", document.source.file)
        if document.source.line > 0 { try attribute("line", String(document.source.line)) }
        if annotations.truncated { try attribute("truncated", "true") }
        if annotations.teaserCandidate && !annotations.truncated { try attribute("teaser", "true") }
        if annotations.repaired { try attribute("repaired", "true") }
        if let teaserOf = annotations.teaserOf { try attribute("teaser-of", teaserOf.rawValue) }
        if let cluster = annotations.cluster { try attribute("cluster", cluster.rawValue) }
        var elementFields: [Field] = []
        for field in document.fields {
            if case .string(let value) = field.value, XMLCharacters.isAttributeName(field.name),
               !XMLCorpusReader.ownAttributes.contains(field.name) {
                try attribute(field.name, value)
            } else {
                elementFields.append(field)
            }
        }
        for paragraph in document.paragraphs { try element("p", String(paragraph)) }
        for field in elementFields {
            try check(xmlTextWriterStartElement(writer, "field"))
            try attribute("name", field.name)
            switch field.value {
            case .string(let value): try text(value)
            case .json(let raw):
                if raw.utf8.first == UInt8(ascii: "\""), let decoded = try? JSONScanner.decodeString(raw) {
                    try text(decoded)
                } else {
                    try attribute("type", "json")
                    try text(raw)
                }
            }
            try check(xmlTextWriterEndElement(writer))
        }
        for teaser in annotations.teasers {
            try check(xmlTextWriterStartElement(writer, "teaser"))
            try attribute("id", teaser.id.rawValue)
            try text(teaser.text)
            try check(xmlTextWriterEndElement(writer))
        }
        try check(xmlTextWriterEndElement(writer))
        if sink.pending >= 1 << 16 { try sink.drain() }
    }

    public func finish(summary: RunSummary) throws {
        try check(xmlTextWriterStartElement(writer, "stats"))
        try attribute("in", String(summary.documentsIn))
        try attribute("out", String(summary.documentsOut))
        try attribute("dropped", String(summary.documentsDropped))
        try check(xmlTextWriterEndElement(writer))
        try check(xmlTextWriterEndDocument(writer))
        try check(xmlTextWriterFlush(writer))
        try sink.drain()
        try output.commit()
    }

    private func element(_ name: String, _ content: String) throws {
        try check(xmlTextWriterStartElement(writer, name))
        try text(content)
        try check(xmlTextWriterEndElement(writer))
    }

    private func attribute(_ name: String, _ value: String) throws {
        let (clean, removed) = XMLCharacters.sanitize(value)
        if removed > 0 { counters.add("xml.removed-characters", removed) }
        try check(xmlTextWriterWriteAttribute(writer, name, clean))
    }

    /// Writes character data escaped by hand (`&`, `<`, `>`, CR), so quotes stay readable as `"`.
    private func text(_ value: String) throws {
        let (clean, removed) = XMLCharacters.sanitize(value)
        if removed > 0 { counters.add("xml.removed-characters", removed) }
        try check(xmlTextWriterWriteRaw(writer, XMLCharacters.escapeText(clean)))
    }

    private func check(_ status: Int32) throws {
        if let error = sink.error { throw error }
        if status < 0 { throw WinnowError(.output, "the XML writer failed", at: SourceLocation(file: output.path, line: 0)) }
    }
}

/// The bytes xmlTextWriter hands over, kept until the writer drains them into the output.
final class XMLSinkBox {
    let output: OutputFile
    var buffer = ByteBuffer(capacity: 1 << 17)
    var error: WinnowError?

    init(output: OutputFile) { self.output = output }

    var pending: Int { buffer.count }

    func write(_ bytes: UnsafeRawBufferPointer) -> Bool {
        buffer.bytes.append(contentsOf: bytes)
        return true
    }

    func drain() throws {
        do {
            try output.write(&buffer)
        } catch let failure as WinnowError {
            error = failure
            throw failure
        }
    }
}
