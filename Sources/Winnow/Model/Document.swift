/// One document of a corpus as it flows through the pipeline.
///
/// ```swift
/// var document = Document(id: "a:1", text: "Hello,  world", source: SourceLocation(file: "a.txt", line: 1))
/// document.fields.append(Field(name: "url", value: .string("https://example.org/")))
/// ```
public struct Document: Sendable {
    /// The document's id, unique within the run.
    public var id: DocumentID
    /// The text, paragraphs separated by line breaks.
    public var text: String
    /// The input's other fields, in the order the input gave them.
    public var fields: [Field]
    /// Where the document was read.
    public var source: SourceLocation
    /// What the stages learned about it.
    public var annotations: Annotations
    /// The position of the document in the run's input, from 0; ties are broken by it.
    public var ordinal: Int
    /// The matching key, computed once, by the first stage that reads it, and never written out.
    public var key: MatchingKey?
    /// Why the reader could not read this record, when it skipped it under `--on-error skip`; the
    /// pipeline then drops it (`invalid-input`) before any stage sees it.
    public var invalidReason: String?

    /// A document read from `source`; `ordinal` is assigned by the pipeline.
    public init(id: DocumentID, text: String, fields: [Field] = [], source: SourceLocation,
                annotations: Annotations = Annotations(), ordinal: Int = 0) {
        self.id = id
        self.text = text
        self.fields = fields
        self.source = source
        self.annotations = annotations
        self.ordinal = ordinal
        self.key = nil
        self.invalidReason = nil
    }

    /// The matching key of the current text, computed with default options if no stage set it yet.
    public mutating func matchingKey() -> MatchingKey {
        if let key { return key }
        let computed = MatchingKey(text: text)
        key = computed
        return computed
    }

    /// The text's paragraphs: its non-blank lines.
    public var paragraphs: [Substring] {
        text.utf8.split(separator: 0x0A, omittingEmptySubsequences: true)
            .filter { !$0.allSatisfy { $0 == 0x20 || $0 == 0x09 } }
            .map { Substring($0) }
    }
}
