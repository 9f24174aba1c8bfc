import Foundation
import CLibXML2

/// Reads XML corpora as a stream with libxml2's `xmlTextReader`: memory stays constant whatever the
/// file's size.
///
/// A record is an element named `ReadOptions.xmlRecord` (`doc` by default; `TEI` when the file is
/// TEI); its text is the text of the `ReadOptions.xmlText` elements inside it (`p`, `head`, `item`,
/// `quote` by default), one paragraph each, at any depth but outside `<comments>` and `<teiHeader>`.
/// That reads Winnow's own XML (`<corpus><doc id=…><p>…</p><teaser id=…>…</teaser></doc>`), the XML
/// of extractors such as trafilatura (`<doc title=… url=…><main><p>…`) and TEI (`TEI/text/body//p`).
/// Attributes other than Winnow's own become fields; `<field name=… type="json">` elements carry
/// fields that could not be attributes. The input is untrusted: no network, no external DTD, no
/// entity substitution, libxml2's bound on entity expansion, nesting bounded here; text nodes of any
/// size are read (`XML_PARSE_HUGE`).
final class XMLCorpusReader: RecordReader {
    private let path: String
    private let source: ByteSource
    private let input: XMLInput
    private var reader: xmlTextReaderPtr?
    private let stem: String

    /// The deepest element nesting accepted inside a record; deeper input is an error, not a stack
    /// or memory problem.
    static let maximumDepth = 256

    /// Elements whose text is never part of a record's text: reader comments, TEI's header.
    static let skippedElements: Set<String> = ["comments", "teiHeader"]

    /// The attributes that describe the document rather than carry a field.
    static let ownAttributes: Set<String> = ["id", "source", "line", "truncated", "teaser", "repaired", "teaser-of", "cluster"]

    private let recordName: String?
    private let textElements: Set<String>
    private let idName: String

    init(path: String, source: ByteSource, lines: LineReader, options: ReadOptions) throws {
        self.recordName = options.xmlRecord
        self.textElements = Set(options.xmlText)
        self.idName = options.idField
        self.path = path
        self.source = source
        self.stem = SourceLocation.stem(of: path)
        self.input = XMLInput(lines: lines)
        let context = Unmanaged.passUnretained(input).toOpaque()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_COMPACT.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_HUGE.rawValue)
        reader = xmlReaderForIO({ context, buffer, length in
            guard let context, let buffer, length > 0 else { return 0 }
            let input = Unmanaged<XMLInput>.fromOpaque(context).takeUnretainedValue()
            return input.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: Int(length)))
        }, nil, context, path, "UTF-8", options)
        guard let reader else { throw WinnowError(.input, "cannot start the XML reader", at: SourceLocation(file: path, line: 0)) }
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            let input = Unmanaged<XMLInput>.fromOpaque(context).takeUnretainedValue()
            if input.errorMessage == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue {
                let message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
                input.errorMessage = message.trimmingCharacters(in: .whitespacesAndNewlines)
                input.errorLine = Int(error.pointee.line)
                input.errorColumn = Int(error.pointee.int2)
            }
        }, context)
    }

    deinit { if let reader { xmlFreeTextReader(reader) } }

    var bytesRead: Int { source.bytesRead }

    func next() throws -> Document? {
        guard let reader else { return nil }
        while true {
            let status = xmlTextReaderRead(reader)
            if status == 0 { return nil }
            if status < 0 { throw failure() }
            if xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                let element = name(reader)
                if element == (recordName ?? "doc") || (recordName == nil && element == "TEI") { return try readDocument(reader) }
            }
        }
    }

    private func readDocument(_ reader: xmlTextReaderPtr) throws -> Document {
        let node = xmlTextReaderCurrentNode(reader)
        let line = node.map { Int(xmlGetLineNo($0)) } ?? Int(xmlTextReaderGetParserLineNumber(reader))
        var attributes: [(String, String)] = []
        if xmlTextReaderMoveToFirstAttribute(reader) == 1 {
            repeat {
                let attributeName = name(reader)
                if attributeName != "xmlns" && !attributeName.hasPrefix("xmlns:") { attributes.append((attributeName, value(reader))) }
            } while xmlTextReaderMoveToNextAttribute(reader) == 1
            xmlTextReaderMoveToElement(reader)
        }
        let attribute = { (key: String) in attributes.first { $0.0 == key }?.1 }
        var annotations = Annotations()
        annotations.truncated = attribute("truncated") == "true"
        annotations.teaserCandidate = attribute("teaser") == "true"
        annotations.repaired = attribute("repaired") == "true"
        annotations.teaserOf = attribute("teaser-of").map { DocumentID($0) }
        annotations.cluster = attribute("cluster").map { DocumentID($0) }
        let idAttribute = attribute(idName) != nil ? idName : attribute("xml:id") != nil ? "xml:id" : idName
        var fields = attributes.filter { !Self.ownAttributes.contains($0.0) && $0.0 != idAttribute }
            .map { Field(name: $0.0, value: .string($0.1)) }
        var paragraphs: [String] = []
        let origin = attribute("source").map { SourceLocation(file: $0, line: Int(attribute("line") ?? "") ?? 0) }
        let location = origin ?? SourceLocation(file: path, line: line)
        let id = attribute(idAttribute).map { DocumentID($0) } ?? DocumentID(stem: stem, line: line)

        if xmlTextReaderIsEmptyElement(reader) == 0 {
            let depth = xmlTextReaderDepth(reader)
            var status = xmlTextReaderRead(reader)
            while status == 1 {
                let type = xmlTextReaderNodeType(reader)
                if type == Int32(XML_READER_TYPE_END_ELEMENT.rawValue) && xmlTextReaderDepth(reader) == depth { break }
                if xmlTextReaderDepth(reader) > Self.maximumDepth {
                    throw WinnowError(.input, "malformed XML: nesting deeper than \(Self.maximumDepth) levels",
                                      at: SourceLocation(file: path, line: Int(xmlTextReaderGetParserLineNumber(reader))))
                }
                if type == Int32(XML_READER_TYPE_ELEMENT.rawValue) {
                    let element = name(reader)
                    let child = xmlTextReaderDepth(reader) == depth + 1
                    let elementAttribute = { (key: String) -> String? in
                        guard let raw = xmlTextReaderGetAttribute(reader, key) else { return nil }
                        defer { winnow_xml_free(raw) }
                        return String(cString: raw)
                    }
                    if child && element == "teaser" {
                        annotations.teasers.append(AttachedTeaser(id: DocumentID(elementAttribute("id") ?? ""), text: try text(reader)))
                    } else if child && element == "field" {
                        let fieldName = elementAttribute("name") ?? ""
                        let isJSON = elementAttribute("type") == "json"
                        let content = try text(reader)
                        fields.append(Field(name: fieldName, value: isJSON ? .json(content) : .string(content)))
                    } else if textElements.contains(element) {
                        let content = Self.oneLine(try text(reader))
                        if !content.isEmpty || element == "p" { paragraphs.append(content) }
                    } else if !Self.skippedElements.contains(element) {
                        status = xmlTextReaderRead(reader)
                        continue
                    }
                    status = xmlTextReaderNext(reader)
                    continue
                }
                status = xmlTextReaderRead(reader)
            }
            if status < 0 { throw failure() }
            if status == 0 { throw WinnowError(.input, "the file ends inside a record", at: SourceLocation(file: path, line: line)) }
        }
        return Document(id: id, text: paragraphs.joined(separator: "\n"), fields: fields, source: location,
                        annotations: annotations)
    }

    /// A paragraph's text on one line: the line breaks of pretty-printed XML become spaces, and the
    /// indentation around them goes; everything else stays as it was.
    static func oneLine(_ text: String) -> String {
        var copy = text
        let hasBreak = copy.withUTF8 { bytes in
            bytes.baseAddress.map { memchr($0, 0x0A, bytes.count) != nil || memchr($0, 0x0D, bytes.count) != nil } ?? false
        }
        guard hasBreak else { return text }
        return text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    private func failure() -> WinnowError {
        if let error = input.thrown { return error }
        let line = input.errorLine ?? Int(reader.map { xmlTextReaderGetParserLineNumber($0) } ?? 0)
        return WinnowError(.input, "malformed XML: \(input.errorMessage ?? "parse error")",
                           at: SourceLocation(file: path, line: line, column: input.errorColumn.flatMap { $0 > 0 ? $0 : nil }))
    }

    private func name(_ reader: xmlTextReaderPtr) -> String {
        xmlTextReaderConstName(reader).map { String(cString: $0) } ?? ""
    }

    private func value(_ reader: xmlTextReaderPtr) -> String {
        xmlTextReaderConstValue(reader).map { String(cString: $0) } ?? ""
    }

    /// The text inside the element the reader stands on, read node by node up to its end (where the
    /// reader is left), with the nesting bounded.
    private func text(_ reader: xmlTextReaderPtr) throws -> String {
        guard xmlTextReaderIsEmptyElement(reader) == 0 else { return "" }
        let depth = xmlTextReaderDepth(reader)
        var bytes: [UInt8] = []
        while true {
            let status = xmlTextReaderRead(reader)
            if status < 0 { throw failure() }
            if status == 0 { throw WinnowError(.input, "the file ends inside a record", at: SourceLocation(file: path, line: 0)) }
            let current = xmlTextReaderDepth(reader)
            if Int(current - depth) > Self.maximumDepth {
                throw WinnowError(.input, "malformed XML: nesting deeper than \(Self.maximumDepth) levels",
                                  at: SourceLocation(file: path, line: Int(xmlTextReaderGetParserLineNumber(reader))))
            }
            switch UInt32(xmlTextReaderNodeType(reader)) {
            case XML_READER_TYPE_END_ELEMENT.rawValue where current == depth:
                return String(decoding: bytes, as: UTF8.self)
            case XML_READER_TYPE_TEXT.rawValue, XML_READER_TYPE_CDATA.rawValue, XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue,
                 XML_READER_TYPE_WHITESPACE.rawValue:
                if let value = xmlTextReaderConstValue(reader) {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: value, count: strlen(value)))
                }
            default:
                break
            }
        }
    }
}

/// The bytes libxml2 pulls, and the first error it reported, shared with its C callbacks.
final class XMLInput {
    let lines: LineReader
    var thrown: WinnowError?
    var errorMessage: String?
    var errorLine: Int?
    var errorColumn: Int?

    init(lines: LineReader) { self.lines = lines }

    func read(into buffer: UnsafeMutableRawBufferPointer) -> Int32 {
        do {
            return Int32(try lines.readRaw(into: buffer))
        } catch let error as WinnowError {
            thrown = error
            return -1
        } catch {
            return -1
        }
    }
}


