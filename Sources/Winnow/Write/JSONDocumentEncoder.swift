/// Writes a document as one JSON object: id and text first, then the input's other fields verbatim,
/// then (when asked) Winnow's `winnow` annotation object.
struct JSONDocumentEncoder {
    let annotate: Bool
    let idField: String
    let textField: String

    func encode(_ document: Document, into buffer: inout ByteBuffer) {
        buffer.append("{")
        buffer.appendJSONString(idField)
        buffer.append(":")
        buffer.appendJSONString(document.id.rawValue)
        buffer.append(",")
        buffer.appendJSONString(textField)
        buffer.append(":")
        buffer.appendJSONString(document.text)
        for field in document.fields {
            buffer.append(",")
            buffer.appendJSONString(field.name)
            buffer.append(":")
            switch field.value {
            case .json(let raw): buffer.append(raw)
            case .string(let value): buffer.appendJSONString(value)
            }
        }
        if annotate && !document.annotations.isEmpty {
            buffer.append(",\"winnow\":")
            AnnotationsCodec.encode(document.annotations, into: &buffer)
        }
        buffer.append("}")
    }
}
