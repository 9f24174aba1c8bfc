/// A growable byte buffer that writers fill and hand to an output in large blocks.
public struct ByteBuffer: Sendable {
    /// The bytes written so far.
    public var bytes: [UInt8] = []

    /// An empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    /// The number of bytes held.
    public var count: Int { bytes.count }

    /// Appends one byte.
    @inlinable public mutating func append(_ byte: UInt8) { bytes.append(byte) }

    /// Appends a string's UTF-8 bytes as they are.
    public mutating func append(_ text: String) {
        text.withUTF8Bytes { bytes.append(contentsOf: $0) }
    }

    /// Appends `text` as a JSON string literal: quotes, `\"`, `\\`, control characters escaped, the rest raw.
    public mutating func appendJSONString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8Bytes { appendJSONEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends UTF-8 bytes escaped for the inside of a JSON string.
    public mutating func appendJSONEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var index = 0
        while true {
            let special = JSONSpecialBytes.next(in: utf8, from: index)
            if index < special { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[index..<special])) }
            guard special < utf8.count else { return }
            let byte = utf8[special]
            bytes.append(0x5C)
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            default:
                bytes.append(UInt8(ascii: "u"))
                bytes.append(0x30)
                bytes.append(0x30)
                bytes.append(Self.hexDigit(byte >> 4))
                bytes.append(Self.hexDigit(byte & 0xF))
            }
            index = special + 1
        }
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 { value < 10 ? 0x30 + value : 0x61 + value - 10 }

    /// Appends a number the way JSON writes it: integers without a fraction, others with up to 6 decimals.
    public mutating func appendJSONNumber(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            append(String(Int64(value)))
        } else if value.isFinite {
            var text = String(format6: value)
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
            append(text)
        } else {
            append("null")
        }
    }

    /// Forgets the bytes, keeping the memory.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}

extension String {
    /// `value` with six decimals, without Foundation's formatter.
    init(format6 value: Double) {
        let scaled = (abs(value) * 1_000_000).rounded()
        let whole = UInt64(scaled / 1_000_000)
        let fraction = UInt64(scaled) - whole * 1_000_000
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        self = (value < 0 ? "-" : "") + "\(whole).\(digits)"
    }
}
