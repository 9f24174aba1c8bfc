/// The JSON form of a document's annotations: the `winnow` object of JSON Lines and JSON output.
///
/// ```json
/// {"truncated":true,"teasers":[{"id":"a:8","text":"In November 2025, …"}],"duplicates":["a:9"],"cluster":"a:1"}
/// ```
enum AnnotationsCodec {
    /// Appends the `winnow` object for `annotations` to `buffer`.
    static func encode(_ annotations: Annotations, into buffer: inout ByteBuffer) {
        var first = true
        func key(_ name: String) {
            buffer.append(first ? "{" : ",")
            first = false
            buffer.appendJSONString(name)
            buffer.append(":")
        }
        if annotations.truncated {
            key("truncated")
            buffer.append("true")
        }
        if annotations.teaserCandidate && !annotations.truncated {
            key("teaser")
            buffer.append("true")
        }
        if annotations.repaired {
            key("repaired")
            buffer.append("true")
        }
        if let teaserOf = annotations.teaserOf {
            key("teaser_of")
            buffer.appendJSONString(teaserOf.rawValue)
        }
        if let cluster = annotations.cluster {
            key("cluster")
            buffer.appendJSONString(cluster.rawValue)
        }
        if !annotations.duplicates.isEmpty {
            key("duplicates")
            buffer.append("[")
            for (index, id) in annotations.duplicates.enumerated() {
                if index > 0 { buffer.append(",") }
                buffer.appendJSONString(id.rawValue)
            }
            buffer.append("]")
        }
        if !annotations.teasers.isEmpty {
            key("teasers")
            buffer.append("[")
            for (index, teaser) in annotations.teasers.enumerated() {
                if index > 0 { buffer.append(",") }
                buffer.append("{\"id\":")
                buffer.appendJSONString(teaser.id.rawValue)
                buffer.append(",\"text\":")
                buffer.appendJSONString(teaser.text)
                buffer.append("}")
            }
            buffer.append("]")
        }
        buffer.append(first ? "{}" : "}")
    }

    /// Reads a `winnow` object back.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws -> Annotations {
        let value = try JSONValue.parse(bytes)
        var annotations = Annotations()
        annotations.truncated = value["truncated"] == .bool(true)
        annotations.teaserCandidate = value["teaser"] == .bool(true)
        annotations.repaired = value["repaired"] == .bool(true)
        annotations.teaserOf = value["teaser_of"]?.stringValue.map { DocumentID($0) }
        annotations.cluster = value["cluster"]?.stringValue.map { DocumentID($0) }
        if case .array(let items)? = value["duplicates"] {
            annotations.duplicates = items.compactMap { $0.stringValue.map { DocumentID($0) } }
        }
        if case .array(let items)? = value["teasers"] {
            annotations.teasers = items.compactMap { item in
                guard let id = item["id"]?.stringValue, let text = item["text"]?.stringValue else { return nil }
                return AttachedTeaser(id: DocumentID(id), text: text)
            }
        }
        return annotations
    }
}
