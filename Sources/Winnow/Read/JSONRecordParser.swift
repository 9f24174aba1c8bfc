/// Turns one JSON object into a document: the id and text fields decoded, every other field kept
/// verbatim and in order, and Winnow's own `winnow` annotation object read back.
struct JSONRecordParser {
    let options: ReadOptions
    let stem: String
    let path: String

    /// The document for the object in `bytes`, which starts on `line` of the input.
    /// `repairs` grows by the invalid bytes and lone surrogates replaced with U+FFFD.
    func parse(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, lineStartColumn: Int = 1, repairs: inout Int) throws -> Document {
        var scanner = JSONScanner(bytes)
        var id: String?
        var text: String?
        var fields: [Field] = []
        var annotations = Annotations()
        // The closures below read these, not `self`, so the parser is not copied for each member.
        let path = self.path, textField = options.textField, idField = options.idField
        func location(_ offset: Int) -> SourceLocation { SourceLocation(file: path, line: line, column: offset + lineStartColumn) }
        do {
            guard scanner.peek() == UInt8(ascii: "{") else {
                throw JSONScanner.SyntaxError(offset: scanner.index, message: "a record must be a JSON object")
            }
            try scanner.scanMembers { key, scanner in
                let start = scanner.index
                if key == textField {
                    guard scanner.peek() == UInt8(ascii: "\"") else {
                        try scanner.skipValue(depth: 1)
                        throw WinnowError(.input, "field \"\(key)\" must be a string", at: location(start))
                    }
                    text = try scanner.scanString()
                    return
                }
                if key == idField, scanner.peek() == UInt8(ascii: "\"") {
                    id = try scanner.scanString()
                    return
                }
                try scanner.skipValue(depth: 1)
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<scanner.index])
                if key == idField {
                    guard let first = raw.first, first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39) else {
                        throw WinnowError(.input, "field \"\(key)\" must be a string or a number", at: location(start))
                    }
                    id = String(decoding: raw, as: UTF8.self)
                } else if key == "winnow", raw.first == UInt8(ascii: "{") {
                    annotations = try AnnotationsCodec.decode(raw)
                } else {
                    if fields.isEmpty { fields.reserveCapacity(4) }
                    fields.append(Field(name: key, value: .json(String(decoding: raw, as: UTF8.self))))
                }
            }
            try scanner.expectEnd()
        } catch let error as JSONScanner.SyntaxError {
            throw WinnowError(.input, "invalid JSON: \(error.message)", at: location(error.offset))
        }
        guard let text else {
            throw WinnowError(.input, "record has no \"\(textField)\" field (set --text-field)", at: location(0))
        }
        repairs += scanner.repairs
        return Document(id: DocumentID(id ?? "\(stem):\(line)"), text: text, fields: fields,
                        source: SourceLocation(file: path, line: line), annotations: annotations)
    }
}
