/// Keeps text within what XML 1.0 allows: C0 controls other than TAB, LF and CR, and the
/// non-characters U+FFFE and U+FFFF are removed (xmlTextWriter would write them raw, and the
/// output would not be well-formed).
enum XMLCharacters {
    /// `text` without the characters XML 1.0 forbids, and how many were removed.
    static func sanitize(_ text: String) -> (text: String, removed: Int) {
        let clean = text.withUTF8Bytes { utf8 in
            utf8.indices.allSatisfy { index in
                let byte = utf8[index]
                if byte < 0x20 { return byte == 0x09 || byte == 0x0A || byte == 0x0D }
                return byte != 0xEF || !isNonCharacter(utf8, index)
            }
        }
        if clean { return (text, 0) }
        var removed = 0
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x20...0xFFFD, 0x10000...: scalars.append(scalar)
            default: removed += 1
            }
        }
        return (String(scalars), removed)
    }

    private static func isNonCharacter(_ utf8: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        index + 2 < utf8.count && utf8[index + 1] == 0xBF && (utf8[index + 2] == 0xBE || utf8[index + 2] == 0xBF)
    }

    /// True when `name` can stand as an XML attribute name (ASCII letters, digits, `-`, `_`, `.`; not
    /// starting with a digit, `-`, `.` or `xml`).
    static func isAttributeName(_ name: String) -> Bool {
        guard let first = name.utf8.first, !name.lowercased().hasPrefix("xml") else { return false }
        let isLetter = { (byte: UInt8) in (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || byte == UInt8(ascii: "_") }
        guard isLetter(first) else { return false }
        return name.utf8.allSatisfy { isLetter($0) || ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }

    /// `text` escaped for character data: `&`, `<`, `>` and CR (which parsers would turn into LF).
    static func escapeText(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == 0x0D }) else {
            return text
        }
        var escaped = [UInt8]()
        escaped.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): escaped += Array("&amp;".utf8)
            case UInt8(ascii: "<"): escaped += Array("&lt;".utf8)
            case UInt8(ascii: ">"): escaped += Array("&gt;".utf8)
            case 0x0D: escaped += Array("&#13;".utf8)
            default: escaped.append(byte)
            }
        }
        let result = String(decoding: escaped, as: UTF8.self)
        return result
    }
}
