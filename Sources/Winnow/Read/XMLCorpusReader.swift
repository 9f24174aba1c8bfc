import Foundation
import CLibXML2

/// Reads XML corpora as a stream with libxml2's SAX2 push parser: memory stays constant whatever
/// the file's size.
///
/// A record is an element named `ReadOptions.xmlRecord` (`doc` by default; `TEI` when the file is
/// TEI); its text is the text of the `ReadOptions.xmlText` elements inside it (`p`, `head`, `item`,
/// `quote` by default), one paragraph each, at any depth but outside `<comments>` and `<teiHeader>`.
/// That reads Winnow's own XML (`<corpus><doc id=…><p>…</p><teaser id=…>…</teaser></doc>`), the XML
/// of extractors such as trafilatura (`<doc title=… url=…><main><p>…`) and TEI (`TEI/text/body//p`).
/// Attributes other than Winnow's own become fields; `<field name=… type="json">` elements carry
/// fields that could not be attributes. The input is untrusted: no network, no external DTD, no
/// entity substitution, libxml2's bound on entity expansion, nesting bounded here; text nodes of any
/// size are read (`XML_PARSE_HUGE`). SAX rather than `xmlTextReader`: the reader builds and frees a
/// node for every element and text, which alone held it near 330 MB/s before any work of ours.
final class XMLCorpusReader: RecordReader {
    private let path: String
    private let source: ByteSource
    private let lines: LineReader
    private let context: xmlParserCtxtPtr
    private let builder: UnsafeMutablePointer<XMLRecordBuilder>
    private let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: XMLCorpusReader.chunkSize, alignment: 1)
    private var ready: [Document] = []
    private var readyIndex = 0
    private var finished = false

    /// The bytes handed to the parser at a time.
    static let chunkSize = 1 << 16

    /// The deepest element nesting accepted; deeper input is an error, not a stack or memory problem.
    static let maximumDepth = 256

    /// Elements whose text is never part of a record's text: reader comments, TEI's header.
    static let skippedElements: Set<String> = ["comments", "teiHeader"]

    /// The attributes that describe the document rather than carry a field.
    static let ownAttributes: Set<String> = ["id", "source", "line", "truncated", "teaser", "repaired", "teaser-of", "cluster"]

    init(path: String, source: ByteSource, lines: LineReader, options: ReadOptions) throws {
        self.path = path
        self.source = source
        self.lines = lines
        var handler = XMLRecordBuilder.handler()
        guard let context = xmlCreatePushParserCtxt(&handler, nil, nil, 0, path) else {
            throw WinnowError(.input, "cannot start the XML parser", at: SourceLocation(file: path, line: 0))
        }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_HUGE.rawValue
                                          | XML_PARSE_IGNORE_ENC.rawValue))
        self.context = context
        builder = .allocate(capacity: 1)
        builder.initialize(to: XMLRecordBuilder(path: path, context: context, options: options))
        context.pointee._private = UnsafeMutableRawPointer(builder)
    }

    deinit {
        if let document = context.pointee.myDoc { xmlFreeDoc(document) }
        xmlFreeParserCtxt(context)
        chunk.deallocate()
        builder.deinitialize(count: 1)
        builder.deallocate()
    }

    var bytesRead: Int { source.bytesRead }

    func next() throws -> Document? {
        while readyIndex == ready.count {
            if let problem = builder.pointee.problem ?? parserProblem() {
                finished = true
                throw problem
            }
            if finished { return nil }
            ready = builder.pointee.takeReady()
            readyIndex = 0
            if ready.isEmpty { try parseChunk() }
        }
        defer { readyIndex += 1 }
        return ready[readyIndex]
    }

    /// Pushes the next bytes of the input through the parser, or ends the parse at the input's end.
    private func parseChunk() throws {
        let count = try lines.readRaw(into: chunk)
        if count == 0 {
            xmlParseChunk(context, nil, 0, 1)
            finished = true
            if builder.pointee.problem == nil && parserProblem() == nil && builder.pointee.isInsideRecord {
                throw WinnowError(.input, "the file ends inside a record", at: SourceLocation(file: path, line: 0))
            }
            return
        }
        xmlParseChunk(context, chunk.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(count), 0)
    }

    /// libxml2's first error, once it found the input malformed.
    private func parserProblem() -> WinnowError? {
        guard context.pointee.wellFormed == 0 || builder.pointee.parserMessage != nil else { return nil }
        let line = builder.pointee.parserLine ?? Int(xmlSAX2GetLineNumber(context))
        return WinnowError(.input, "malformed XML: \(builder.pointee.parserMessage ?? "parse error")",
                           at: SourceLocation(file: path, line: line, column: builder.pointee.parserColumn.flatMap { $0 > 0 ? $0 : nil }))
    }

}
