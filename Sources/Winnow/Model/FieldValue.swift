/// The value of one of the input's other fields, kept as it came so a writer can give it back unchanged.
public enum FieldValue: Hashable, Sendable {
    /// A plain string (from XML attributes, HTML metadata, or a reader that produced it).
    case string(String)
    /// JSON text exactly as it stood in the input: a number, a nested object, a string with its escapes.
    case json(String)

    /// The value as readable text: a JSON string decoded, other JSON as written, a plain string as is.
    public var text: String {
        switch self {
        case .string(let value): return value
        case .json(let raw):
            if raw.utf8.first == UInt8(ascii: "\""), let decoded = try? JSONScanner.decodeString(raw) { return decoded }
            return raw
        }
    }
}

/// One of the input's other fields: a name and its value, in the order the input gave them.
public struct Field: Hashable, Sendable {
    /// The field's name as the input spelled it.
    public var name: String
    /// The field's value, verbatim.
    public var value: FieldValue

    /// A field named `name` holding `value`.
    public init(name: String, value: FieldValue) {
        self.name = name
        self.value = value
    }
}
