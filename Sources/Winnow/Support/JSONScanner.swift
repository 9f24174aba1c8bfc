/// A strict, allocation-light JSON scanner over UTF-8 bytes that keeps values verbatim.
///
/// Readers use it to split a record into fields without re-encoding them: each value's exact bytes
/// are kept, so nested objects and `\u` escapes come out as they went in. Strings that Winnow itself
/// needs (id, text) are decoded; a lone surrogate escape or an invalid byte becomes U+FFFD and is
/// counted in `repairs`, never fatal.
struct JSONScanner {
    /// A syntax error at a byte offset of the scanned text.
    struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    /// The deepest nesting accepted; deeper input is an error, not a stack overflow.
    static let maximumDepth = 512

    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// Invalid bytes and lone surrogates replaced by U+FFFD while decoding strings.
    var repairs = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// Decodes a JSON string literal (with its quotes) to a Swift string.
    static func decodeString(_ literal: String) throws -> String {
        try literal.withUTF8Bytes { utf8 in
            var scanner = JSONScanner(utf8)
            return try scanner.scanString()
        }
    }

    func error(_ message: String, at offset: Int? = nil) -> SyntaxError {
        SyntaxError(offset: offset ?? index, message: message)
    }

    var isAtEnd: Bool { index >= bytes.count }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The next non-blank byte, without consuming it.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < bytes.count ? bytes[index] : nil
    }

    mutating func expect(_ byte: UInt8) throws {
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input, expected '\(Character(Unicode.Scalar(byte)))'") }
        guard bytes[index] == byte else {
            throw error("expected '\(Character(Unicode.Scalar(byte)))' but found \(describe(bytes[index]))")
        }
        index += 1
    }

    func describe(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    /// Scans the members of an object, handing each key and the byte range of its value.
    mutating func scanObject(_ member: (String, Range<Int>, inout JSONScanner) throws -> Void) throws {
        try scanMembers { key, scanner in
            let start = scanner.index
            try scanner.skipValue(depth: 1)
            try member(key, start..<scanner.index, &scanner)
        }
    }

    /// Scans the members of an object, handing each key with the scanner at the start of its value,
    /// which `member` must read or skip: a value read as it is scanned is scanned once.
    mutating func scanMembers(_ member: (String, inout JSONScanner) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        if peek() == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek() == UInt8(ascii: "\"") else {
                throw isAtEnd ? error("unexpected end of input inside an object") : error("expected a member name in quotes")
            }
            let key = try scanString()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            try member(key, &self)
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of input inside an object") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return
            }
            throw error("expected ',' or '}' but found \(describe(bytes[index]))")
        }
    }

    /// Checks that nothing but blanks follows the value.
    mutating func expectEnd() throws {
        skipWhitespace()
        if index < bytes.count { throw error("unexpected \(describe(bytes[index])) after the value") }
    }

    /// Skips one complete value, checking its syntax.
    mutating func skipValue(depth: Int) throws {
        guard depth <= Self.maximumDepth else { throw error("nesting deeper than \(Self.maximumDepth) levels") }
        skipWhitespace()
        guard index < bytes.count else { throw error("unexpected end of input, expected a value") }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            try skipString()
        case UInt8(ascii: "{"):
            index += 1
            if peek() == UInt8(ascii: "}") {
                index += 1
                return
            }
            while true {
                guard peek() == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
                try skipString()
                try expect(UInt8(ascii: ":"))
                try skipValue(depth: depth + 1)
                guard let next = peek() else { throw error("unexpected end of input inside an object") }
                index += 1
                if next == UInt8(ascii: "}") { return }
                guard next == UInt8(ascii: ",") else { throw error("expected ',' or '}' but found \(describe(next))", at: index - 1) }
            }
        case UInt8(ascii: "["):
            index += 1
            if peek() == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                try skipValue(depth: depth + 1)
                guard let next = peek() else { throw error("unexpected end of input inside an array") }
                index += 1
                if next == UInt8(ascii: "]") { return }
                guard next == UInt8(ascii: ",") else { throw error("expected ',' or ']' but found \(describe(next))", at: index - 1) }
            }
        case UInt8(ascii: "t"): try skipLiteral("true")
        case UInt8(ascii: "f"): try skipLiteral("false")
        case UInt8(ascii: "n"): try skipLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try skipNumber()
        default:
            throw error("expected a value but found \(describe(bytes[index]))")
        }
    }

    mutating func skipLiteral(_ word: StaticString) throws {
        let length = word.utf8CodeUnitCount
        guard index + length <= bytes.count else { throw error("unexpected end of input in a literal") }
        for offset in 0..<length where bytes[index + offset] != word.utf8Start[offset] {
            throw error("invalid literal, expected '\(word)'")
        }
        index += length
    }

    mutating func skipNumber() throws {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        var digits = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            index += 1
            digits += 1
        }
        guard digits > 0 else { throw error("invalid number", at: start) }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var fraction = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                index += 1
                fraction += 1
            }
            guard fraction > 0 else { throw error("invalid number", at: start) }
        }
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            var exponent = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                index += 1
                exponent += 1
            }
            guard exponent > 0 else { throw error("invalid number", at: start) }
        }
    }

    mutating func skipString() throws {
        let start = index
        index += 1
        while true {
            index = nextSpecial(from: index)
            guard index < bytes.count else { break }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return
            case UInt8(ascii: "\\"):
                index += 2
            default:
                throw error("unescaped control character in a string")
            }
        }
        throw error("unterminated string", at: start)
    }

    /// Where the next `"`, `\` or control byte stands from `start`; `bytes.count` when there is none.
    @inline(__always)
    func nextSpecial(from start: Int) -> Int { JSONSpecialBytes.next(in: bytes, from: start) }

    /// Scans and decodes a string literal at the current position.
    mutating func scanString() throws -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a string") }
        let start = index
        let contentStart = index + 1
        index = nextSpecial(from: contentStart)
        guard index < bytes.count else { throw error("unterminated string", at: start) }
        if bytes[index] == UInt8(ascii: "\"") {
            let content = UnsafeBufferPointer(rebasing: bytes[contentStart..<index])
            index += 1
            return decodeUTF8(content)
        }
        var scalars = [UInt8]()
        scalars.reserveCapacity(min(bytes.count - contentStart, 1 << 16))
        scalars.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[contentStart..<index]))
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return decodeUTF8Array(scalars)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { break }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    let scalar = try scanUnicodeEscape()
                    scalars.append(contentsOf: String(Character(scalar)).utf8)
                default:
                    throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'", at: index - 2)
                }
            default:
                throw error("unescaped control character in a string")
            }
            let end = nextSpecial(from: index)
            scalars.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<end]))
            index = end
        }
        throw error("unterminated string", at: start)
    }

    /// Decodes `\uXXXX` (the `\u` already consumed), pairing surrogates; a lone one becomes U+FFFD.
    mutating func scanUnicodeEscape() throws -> Unicode.Scalar {
        let first = try scanHex4()
        if (0xD800...0xDBFF).contains(first) {
            if index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let save = index
                index += 2
                let second = try scanHex4()
                if (0xDC00...0xDFFF).contains(second) {
                    let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    return Unicode.Scalar(value)!
                }
                index = save
            }
            repairs += 1
            return "\u{FFFD}"
        }
        if (0xDC00...0xDFFF).contains(first) {
            repairs += 1
            return "\u{FFFD}"
        }
        return Unicode.Scalar(first)!
    }

    mutating func scanHex4() throws -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("unexpected end of input in a \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x57)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x37)
            default: throw error("invalid hex digit in a \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    mutating func decodeUTF8(_ content: UnsafeBufferPointer<UInt8>) -> String {
        if let valid = String(checkingUTF8: content) { return valid }
        repairs += 1
        return String(decoding: content, as: UTF8.self)
    }

    mutating func decodeUTF8Array(_ content: [UInt8]) -> String {
        content.withUnsafeBufferPointer { decodeUTF8($0) }
    }
}
