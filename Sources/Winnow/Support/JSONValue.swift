/// A parsed JSON value, for the small structures Winnow reads back (its own annotations).
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)): return a.map(\.0) == b.map(\.0) && a.map(\.1) == b.map(\.1)
        default: return false
        }
    }

    /// Parses one complete JSON value.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws -> JSONValue {
        var scanner = JSONScanner(bytes)
        let value = try parseValue(&scanner, depth: 0)
        try scanner.expectEnd()
        return value
    }

    private static func parseValue(_ scanner: inout JSONScanner, depth: Int) throws -> JSONValue {
        guard depth < JSONScanner.maximumDepth else { throw scanner.error("nesting too deep") }
        switch scanner.peek() {
        case UInt8(ascii: "\""): return .string(try scanner.scanString())
        case UInt8(ascii: "{"):
            var members: [(String, JSONValue)] = []
            let bytes = scanner.bytes
            try scanner.scanObject { key, range, _ in
                var inner = JSONScanner(bytes)
                inner.index = range.lowerBound
                members.append((key, try parseValue(&inner, depth: depth + 1)))
            }
            return .object(members)
        case UInt8(ascii: "["):
            scanner.index += 1
            var items: [JSONValue] = []
            if scanner.peek() == UInt8(ascii: "]") {
                scanner.index += 1
                return .array(items)
            }
            while true {
                items.append(try parseValue(&scanner, depth: depth + 1))
                guard let next = scanner.peek() else { throw scanner.error("unexpected end of input inside an array") }
                scanner.index += 1
                if next == UInt8(ascii: "]") { return .array(items) }
                guard next == UInt8(ascii: ",") else { throw scanner.error("expected ',' or ']'") }
            }
        default:
            let start = scanner.index
            try scanner.skipValue(depth: depth)
            let text = String(decoding: UnsafeBufferPointer(rebasing: scanner.bytes[start..<scanner.index]), as: UTF8.self)
            switch text {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default: return .number(Double(text) ?? 0)
            }
        }
    }

    subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }
}
