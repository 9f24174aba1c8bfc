/// Decodes HTML character references: the HTML5 named set and numeric forms, once.
///
/// `&amp;amp;` becomes `&amp;`: decoded text is never scanned again. Numeric references to the
/// Windows-1252 range (`&#150;`) give the character HTML gives them (–); invalid ones give U+FFFD.
enum HTMLEntities {
    /// The text of the reference starting at `start` (an `&`), and the bytes it spans; nil when none.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (text: String, length: Int)? {
        var index = start + 1
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            var hex = false
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "x") {
                hex = true
                index += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while index < bytes.count, let digit = digitValue(bytes[index], hex: hex) {
                value = min(value &* (hex ? 16 : 10) &+ digit, 0x11_0000)
                digits += 1
                index += 1
            }
            guard digits > 0, index < bytes.count, bytes[index] == UInt8(ascii: ";") else { return nil }
            return (String(Character(numericScalar(value))), index + 1 - start)
        }
        var end = index
        while end < bytes.count, end - index <= HTMLEntityTable.longestName, isNameByte(bytes[end]) { end += 1 }
        guard end > index else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
        if end < bytes.count, bytes[end] == UInt8(ascii: ";"), let text = HTMLEntityTable.entities[name] {
            return (text, end + 1 - start)
        }
        var legacyEnd = end
        while legacyEnd > index {
            let prefix = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<legacyEnd]), as: UTF8.self)
            if HTMLEntityTable.legacyNames.contains(prefix), let text = HTMLEntityTable.entities[prefix] {
                let next = legacyEnd < bytes.count ? bytes[legacyEnd] : 0x20
                if next == UInt8(ascii: "=") || isNameByte(next) { return nil }
                return (text, legacyEnd - start)
            }
            legacyEnd -= 1
        }
        return nil
    }

    /// Decodes every reference in `text`.
    static func decodeAll(_ text: String) -> String {
        text.withUTF8Bytes { bytes in
            guard bytes.contains(UInt8(ascii: "&")) else { return text }
            var output = [UInt8]()
            output.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "&"), let (decoded, length) = decode(bytes, at: index) {
                    output.append(contentsOf: decoded.utf8)
                    index += length
                } else {
                    output.append(bytes[index])
                    index += 1
                }
            }
            return String(decoding: output, as: UTF8.self)
        }
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") || (byte >= 0x30 && byte <= 0x39)
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - 0x30)
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: return UInt32(byte - 0x57)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: return UInt32(byte - 0x37)
        default: return nil
        }
    }

    /// The scalar HTML gives a numeric reference.
    static func numericScalar(_ value: UInt32) -> Unicode.Scalar {
        if (0x80...0x9F).contains(value), let mapped = Windows1252.scalar(forByte: UInt8(value)) { return mapped }
        if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return "\u{FFFD}" }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
