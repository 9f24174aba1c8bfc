/// Fast decoding of one UTF-8 scalar from bytes.
enum UTF8Decoding {
    /// Decodes the scalar at `index` of bytes that may be invalid; an invalid or overlong sequence
    /// gives U+FFFD for one byte, with `valid` false.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: UInt32, length: Int, valid: Bool) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1, true) }
        let remaining = bytes.count - index
        @inline(__always) func continuation(_ offset: Int) -> UInt32? {
            guard offset < remaining else { return nil }
            let byte = UInt32(bytes[index + offset])
            return byte & 0xC0 == 0x80 ? byte & 0x3F : nil
        }
        switch lead {
        case 0xC2...0xDF:
            if let second = continuation(1) { return ((lead & 0x1F) << 6 | second, 2, true) }
        case 0xE0...0xEF:
            if let second = continuation(1), let third = continuation(2) {
                let value = (lead & 0x0F) << 12 | second << 6 | third
                if value >= 0x800 && !(0xD800...0xDFFF).contains(value) { return (value, 3, true) }
            }
        case 0xF0...0xF4:
            if let second = continuation(1), let third = continuation(2), let fourth = continuation(3) {
                let value = (lead & 0x07) << 18 | second << 12 | third << 6 | fourth
                if value >= 0x10000 && value <= 0x10FFFF { return (value, 4, true) }
            }
        default:
            break
        }
        return (0xFFFD, 1, false)
    }

    /// Appends the UTF-8 encoding of `scalar`.
    @inline(__always)
    static func encode(_ scalar: UInt32, into buffer: inout GrowableBuffer<UInt8>) {
        buffer.reserve(4)
        switch scalar {
        case 0..<0x80:
            buffer.appendUnchecked(UInt8(scalar))
        case 0x80..<0x800:
            buffer.appendUnchecked(UInt8(0xC0 | scalar >> 6))
            buffer.appendUnchecked(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            buffer.appendUnchecked(UInt8(0xE0 | scalar >> 12))
            buffer.appendUnchecked(UInt8(0x80 | (scalar >> 6) & 0x3F))
            buffer.appendUnchecked(UInt8(0x80 | scalar & 0x3F))
        default:
            buffer.appendUnchecked(UInt8(0xF0 | scalar >> 18))
            buffer.appendUnchecked(UInt8(0x80 | (scalar >> 12) & 0x3F))
            buffer.appendUnchecked(UInt8(0x80 | (scalar >> 6) & 0x3F))
            buffer.appendUnchecked(UInt8(0x80 | scalar & 0x3F))
        }
    }
}
