/// How inputs are read: their format, how plain text splits into documents, and field names.
public struct ReadOptions: Sendable, Equatable {
    /// The input format; `auto` picks it from the extension, then from the first bytes.
    public var format: InputFormat = .auto
    /// How plain text splits into documents.
    public var textMode: TextMode = .lines
    /// The JSON field holding a record's id.
    public var idField = "id"
    /// The JSON field holding a record's text.
    public var textField = "text"
    /// The XML element that holds one record; nil reads `doc`, or `TEI` in a TEI file.
    public var xmlRecord: String?
    /// The XML elements inside a record whose text is the record's text, one paragraph each.
    public var xmlText = ["p", "head", "item", "quote"]
    /// Threads that parse records; the documents come out in input order whatever the count.
    public var threads = 1
    /// What a bad record does: stop the run (the default) or get skipped and logged.
    public var onError = ErrorPolicy.fail
    /// With `skip`, the number of bad records past which the run stops anyway; nil for no limit.
    public var maxErrors: Int?

    /// The defaults: format by extension, one document per line, fields `id` and `text`.
    public init() {}
}

/// What a bad record does to a run.
public enum ErrorPolicy: String, Sendable, CaseIterable {
    /// The first bad record stops the run with its location; nothing is written.
    case fail
    /// Bad records are skipped, each logged as an `invalid-input` decision with its location.
    case skip
}

/// An input format.
public enum InputFormat: String, Sendable, CaseIterable {
    /// Chosen per file from its extension, then its first bytes.
    case auto
    /// Plain text, split by a `TextMode`.
    case text
    /// One JSON object per line.
    case jsonl
    /// A JSON array of objects, or Winnow's own JSON.
    case json
    /// Winnow's own XML.
    case xml
    /// Scraped HTML pages: the article and the teasers each page shows.
    case html
}

/// How plain text splits into documents.
public enum TextMode: String, Sendable, CaseIterable {
    /// Each non-blank line is a document.
    case lines
    /// Blank lines separate documents.
    case paragraphs
    /// The whole file is one document.
    case file
    /// A scraped page: its body paragraphs form one article; teaser lines and lines repeating body
    /// text become records of their own for the later stages to judge.
    case page
}

extension InputFormat {
    /// The format of `path` from its extension (ignoring `.gz`), or nil when the extension says nothing.
    static func fromExtension(_ path: String) -> InputFormat? {
        var name = path.lowercased()
        if name.hasSuffix(".gz") { name.removeLast(3) }
        if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") { return .jsonl }
        if name.hasSuffix(".json") { return .json }
        if name.hasSuffix(".xml") { return .xml }
        if name.hasSuffix(".html") || name.hasSuffix(".htm") || name.hasSuffix(".xhtml") { return .html }
        if name.hasSuffix(".txt") || name.hasSuffix(".text") { return .text }
        return nil
    }

    /// The format suggested by the first non-blank byte of the input.
    static func sniff(_ first: UInt8?) -> InputFormat {
        switch first {
        case UInt8(ascii: "{"): return .jsonl
        case UInt8(ascii: "["): return .json
        case UInt8(ascii: "<"): return .xml
        default: return .text
        }
    }
}
