import Foundation
import CLibXML2

/// Turns the SAX events of one XML corpus into documents: a record element opens a document, its
/// attributes become its id, annotations and fields, its text elements its paragraphs, and its
/// `<teaser>` and `<field>` children what Winnow's own XML writes there.
///
/// Element names are compared as libxml2 interns them (one pointer comparison an element), and the
/// builder lives at a fixed address the parser context points to (no reference counting, no dynamic
/// exclusivity checks), so the events cost little beside the parser's own work.
struct XMLRecordBuilder {
    /// What an element name means to the builder; one name can mean several things.
    struct Roles: OptionSet {
        let rawValue: UInt8
        static let record = Roles(rawValue: 1)
        static let text = Roles(rawValue: 2)
        static let teaser = Roles(rawValue: 4)
        static let field = Roles(rawValue: 8)
        static let skipped = Roles(rawValue: 16)
        static let paragraph = Roles(rawValue: 32)
    }

    /// The element whose text is being collected.
    private enum Capture {
        case paragraph(keepsEmpty: Bool)
        case teaser(id: String)
        case field(name: String, isJSON: Bool)
    }

    private let path: String
    private let stem: String
    private let idName: String
    private let context: xmlParserCtxtPtr
    /// The names that mean something, as interned by the parser, and what each means; a handful, so
    /// a linear search beats hashing.
    private let names: [UnsafeRawPointer]
    private let roles: [Roles]

    /// Documents complete and not yet handed out, in input order.
    private(set) var ready: [Document] = []
    /// The first problem found in the input's structure beyond what libxml2 checks.
    private(set) var problem: WinnowError?
    /// libxml2's first error: its message, line and column.
    private(set) var parserMessage: String?
    private(set) var parserLine: Int?
    private(set) var parserColumn: Int?

    /// True between a record's start and its end.
    var isInsideRecord: Bool { recordDepth != nil }

    private var depth = 0
    private var recordDepth: Int?
    private var skippedDepth: Int?
    private var capture: Capture?
    private var captureDepth = 0
    private var captured: [UInt8] = []
    /// `capture` is a paragraph: kept apart because every text callback asks, and testing a flag
    /// reads 2–3% faster than matching the enum.
    private var capturesParagraph = false

    private var line = 0
    private var attributes: [(name: String, value: String)] = []
    private var fields: [Field] = []
    private var annotations = Annotations()
    private var text: [UInt8] = []
    private var paragraphCount = 0
    private var paragraphStart = 0

    init(path: String, context: xmlParserCtxtPtr, options: ReadOptions) {
        self.path = path
        self.stem = SourceLocation.stem(of: path)
        self.idName = options.idField
        self.context = context
        let dictionary = context.pointee.dict
        var names: [UnsafeRawPointer] = []
        var roles: [Roles] = []
        func add(_ name: String, _ role: Roles) {
            guard let interned = xmlDictLookup(dictionary, name, -1) else { return }
            if let index = names.firstIndex(of: UnsafeRawPointer(interned)) {
                roles[index].insert(role)
            } else {
                names.append(UnsafeRawPointer(interned))
                roles.append(role)
            }
        }
        add(options.xmlRecord ?? "doc", .record)
        if options.xmlRecord == nil { add("TEI", .record) }
        for name in options.xmlText { add(name, .text) }
        add("p", .paragraph)
        add("teaser", .teaser)
        add("field", .field)
        for name in XMLCorpusReader.skippedElements { add(name, .skipped) }
        self.names = names
        self.roles = roles
    }

    /// Hands out the documents completed so far.
    mutating func takeReady() -> [Document] {
        defer { ready.removeAll(keepingCapacity: true) }
        return ready
    }

    /// The SAX handler whose callbacks feed the builder the parser context's `_private` points to;
    /// libxml2's own SAX2 callbacks keep the DTD's declarations, so entities behave as in its tree
    /// builder.
    static func handler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        xmlSAXVersion(&handler, 2)
        handler.startElement = nil
        handler.endElement = nil
        handler.comment = nil
        handler.processingInstruction = nil
        handler.startElementNs = { context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes in
            guard let builder = XMLRecordBuilder.builder(of: context) else {
                return xmlSAX2StartElementNs(context, localName, prefix, uri, namespaceCount, namespaces, attributeCount, defaulted, attributes)
            }
            guard let localName else { return }
            builder.pointee.start(localName, prefix: prefix, attributes: attributes, count: Int(attributeCount))
        }
        handler.endElementNs = { context, localName, prefix, uri in
            guard let builder = XMLRecordBuilder.builder(of: context) else { return xmlSAX2EndElementNs(context, localName, prefix, uri) }
            builder.pointee.end()
        }
        let characters: charactersSAXFunc = { context, bytes, length in
            guard let builder = XMLRecordBuilder.builder(of: context) else { return xmlSAX2Characters(context, bytes, length) }
            guard let bytes, length > 0 else { return }
            builder.pointee.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        handler.reference = { context, name in
            if XMLRecordBuilder.builder(of: context) == nil { xmlSAX2Reference(context, name) }
        }
        handler.characters = characters
        handler.cdataBlock = characters
        handler.ignorableWhitespace = characters
        handler.serror = { context, error in
            guard let context, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue,
                  let owner = context.assumingMemoryBound(to: xmlParserCtxt.self).pointee._private else { return }
            owner.assumingMemoryBound(to: XMLRecordBuilder.self).pointee.record(error.pointee)
        }
        return handler
    }

    /// The builder of the parser context `context`; nil for the contexts libxml2 makes to parse an
    /// entity's replacement text, which get libxml2's own tree-building callbacks: the entity's content
    /// is built once, with references to the entities inside it, as in the tree builder, rather than
    /// parsed or copied again at every reference (which would let a "billion laughs" file run for
    /// ever); it is not part of any paragraph.
    @inline(__always)
    private static func builder(of context: UnsafeMutableRawPointer?) -> UnsafeMutablePointer<XMLRecordBuilder>? {
        guard let context else { return nil }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let owner = parser.pointee._private else { return nil }
        let builder = owner.assumingMemoryBound(to: XMLRecordBuilder.self)
        return builder.pointee.context == parser ? builder : nil
    }

    private mutating func record(_ error: xmlError) {
        guard parserMessage == nil else { return }
        let message = error.message.map { String(cString: $0) } ?? "malformed XML"
        parserMessage = message.trimmingCharacters(in: .whitespacesAndNewlines)
        parserLine = Int(error.line)
        parserColumn = Int(error.int2)
    }

    private mutating func start(_ localName: UnsafePointer<xmlChar>, prefix: UnsafePointer<xmlChar>?,
                       attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) {
        depth += 1
        if depth > XMLCorpusReader.maximumDepth {
            problem = problem ?? WinnowError(.input, "malformed XML: nesting deeper than \(XMLCorpusReader.maximumDepth) levels",
                                             at: SourceLocation(file: path, line: Int(xmlSAX2GetLineNumber(context))))
            xmlStopParser(context)
            return
        }
        if capture != nil || skippedDepth != nil { return }
        let name = prefix.flatMap { xmlDictQLookup(context.pointee.dict, $0, localName) } ?? localName
        let roles = roles(of: UnsafeRawPointer(name))
        guard let recordDepth else {
            if roles.contains(.record) { beginRecord(Self.attributes(attributes, count: count)) }
            return
        }
        let child = depth == recordDepth + 1
        if child && roles.contains(.teaser) {
            capture = .teaser(id: Self.attribute("id", in: attributes, count: count) ?? "")
        } else if child && roles.contains(.field) {
            capture = .field(name: Self.attribute("name", in: attributes, count: count) ?? "",
                             isJSON: Self.attribute("type", in: attributes, count: count) == "json")
        } else if roles.contains(.text) {
            capture = .paragraph(keepsEmpty: roles.contains(.paragraph))
            capturesParagraph = true
            if paragraphCount > 0 { text.append(0x0A) }
            paragraphStart = text.count
        } else if roles.contains(.skipped) {
            skippedDepth = depth
            return
        } else {
            return
        }
        captureDepth = depth
    }

    private func roles(of name: UnsafeRawPointer) -> Roles {
        for index in names.indices where names[index] == name { return roles[index] }
        return []
    }

    private mutating func characters(_ bytes: UnsafeBufferPointer<UInt8>) {
        if capturesParagraph {
            text.append(contentsOf: bytes)
        } else if capture != nil {
            captured.append(contentsOf: bytes)
        }
    }

    private mutating func end() {
        defer { depth -= 1 }
        if let skippedDepth {
            if depth == skippedDepth { self.skippedDepth = nil }
            return
        }
        if let capture {
            guard depth == captureDepth else { return }
            finish(capture)
            self.capture = nil
            capturesParagraph = false
            captured.removeAll(keepingCapacity: true)
            return
        }
        if depth == recordDepth {
            ready.append(finishRecord())
            recordDepth = nil
        }
    }

    private mutating func beginRecord(_ attributes: [(name: String, value: String)]) {
        recordDepth = depth
        line = Int(xmlSAX2GetLineNumber(context))
        self.attributes = attributes
        fields = []
        annotations = Annotations()
        text.removeAll(keepingCapacity: true)
        paragraphCount = 0
    }

    private mutating func finish(_ capture: Capture) {
        switch capture {
        case .paragraph(let keepsEmpty):
            let length = text.count - paragraphStart
            let hasBreak = text.withUnsafeBytes { memchr($0.baseAddress! + paragraphStart, 0x0A, length) != nil }
            if hasBreak {
                let line = text.withUnsafeBytes { Self.oneLine(UnsafeRawBufferPointer(rebasing: $0[paragraphStart...])) }
                text.replaceSubrange(paragraphStart..., with: line)
            }
            if text.count == paragraphStart && !keepsEmpty {
                if paragraphCount > 0 { text.removeLast() }
                return
            }
            paragraphCount += 1
        case .teaser(let id):
            annotations.teasers.append(AttachedTeaser(id: DocumentID(id), text: String(decoding: captured, as: UTF8.self)))
        case .field(let name, let isJSON):
            let content = String(decoding: captured, as: UTF8.self)
            fields.append(Field(name: name, value: isJSON ? .json(content) : .string(content)))
        }
    }

    private mutating func finishRecord() -> Document {
        let idValue = attributes.first { $0.name == idName }?.value
        let xmlID = idValue == nil ? attributes.first { $0.name == "xml:id" }?.value : nil
        let idAttribute = idValue == nil && xmlID != nil ? "xml:id" : idName
        var attributeFields: [Field] = []
        var origin: String?
        var originLine = 0
        for (name, value) in attributes where name != idAttribute {
            switch name {
            case "truncated": annotations.truncated = value == "true"
            case "teaser": annotations.teaserCandidate = value == "true"
            case "repaired": annotations.repaired = value == "true"
            case "teaser-of": annotations.teaserOf = DocumentID(value)
            case "cluster": annotations.cluster = DocumentID(value)
            case "source": origin = value
            case "line": originLine = Int(value) ?? 0
            default:
                if !XMLCorpusReader.ownAttributes.contains(name) { attributeFields.append(Field(name: name, value: .string(value))) }
            }
        }
        let id = (idValue ?? xmlID).map { DocumentID($0) } ?? DocumentID(stem: stem, line: line)
        return Document(id: id, text: text.withUnsafeBufferPointer { String(repairingUTF8: $0) }, fields: attributeFields + fields,
                        source: origin.map { SourceLocation(file: $0, line: originLine) } ?? SourceLocation(file: path, line: line),
                        annotations: annotations)
    }

    /// A paragraph's text on one line: the line breaks of pretty-printed XML become spaces, and the
    /// blanks (tabs and Unicode space separators) around them go; everything else stays as it was.
    /// A carriage return is text, not layout: the parser turns every CR of the file into a line
    /// feed, so one that arrives here was written as `&#13;`.
    static func oneLine(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        for line in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            var start = line.startIndex, end = line.endIndex
            while start < end, let width = blankWidth(line, at: start) { start += width }
            while start < end, let width = blankWidthBefore(line, end: end, from: start) { end -= width }
            guard start < end else { continue }
            if !result.isEmpty { result.append(0x20) }
            result.append(contentsOf: line[start..<end])
        }
        return result
    }

    /// The byte length of the blank (tab or Unicode space separator, as Foundation's
    /// `CharacterSet.whitespaces`) starting at `index`, if one does.
    private static func blankWidth(_ bytes: Slice<UnsafeRawBufferPointer>, at index: Int) -> Int? {
        let end = bytes.endIndex
        if bytes[index] == 0x20 || bytes[index] == 0x09 { return 1 }
        if index + 2 <= end, bytes[index] == 0xC2, bytes[index + 1] == 0xA0 { return 2 }
        if index + 3 <= end, isWideBlank(bytes[index], bytes[index + 1], bytes[index + 2]) { return 3 }
        return nil
    }

    /// The byte length of the blank ending at `end`, if one does.
    private static func blankWidthBefore(_ bytes: Slice<UnsafeRawBufferPointer>, end: Int, from start: Int) -> Int? {
        let last = bytes[end - 1]
        if last == 0x20 || last == 0x09 { return 1 }
        if end - 2 >= start, bytes[end - 2] == 0xC2, last == 0xA0 { return 2 }
        if end - 3 >= start, isWideBlank(bytes[end - 3], bytes[end - 2], last) { return 3 }
        return nil
    }

    /// The three-byte space separators: U+1680, U+2000–U+200A, U+202F, U+205F, U+3000.
    private static func isWideBlank(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Bool {
        switch (first, second, third) {
        case (0xE1, 0x9A, 0x80), (0xE2, 0x80, 0xAF), (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80): return true
        case (0xE2, 0x80, let last): return (0x80...0x8A).contains(last)
        default: return false
        }
    }

    /// SAX2 attributes come as five pointers each: local name, prefix, namespace, value start and end.
    private static func attributes(_ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) -> [(name: String, value: String)] {
        guard let attributes else { return [] }
        return (0..<count).map { index in
            let base = attributes + 5 * index
            let local = String(cString: base[0]!)
            let name = base[1].map { String(cString: $0) + ":" + local } ?? local
            return (name, value(from: base[3], to: base[4]))
        }
    }

    private static func attribute(_ name: String, in attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, count: Int) -> String? {
        guard let attributes else { return nil }
        for index in 0..<count {
            let base = attributes + 5 * index
            if base[1] == nil, let local = base[0], String(cString: local) == name { return value(from: base[3], to: base[4]) }
        }
        return nil
    }

    /// An attribute's value; libxml2 leaves an ampersand as `&#38;` when it does not substitute
    /// entities, which is undone here.
    private static func value(from start: UnsafePointer<xmlChar>?, to end: UnsafePointer<xmlChar>?) -> String {
        guard let start, let end, end > start else { return "" }
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        guard memchr(start, 0x26, bytes.count) != nil else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "&#38;", with: "&")
    }
}
