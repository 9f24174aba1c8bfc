/// Repairs mojibake: UTF-8 that was read as Windows-1252 and written again (`â€™` for `’`, `Ã©` for `é`).
///
/// A repair is made only where it is clearly right: a character that stands for a UTF-8 lead byte
/// (Â…ô), followed by exactly the characters that stand for its continuation bytes, which together
/// decode to one valid scalar. Anything else is left as it is.
enum Mojibake {
    /// True when the UTF-8 bytes at `index` (a scalar ≥ U+0080) may open a mojibake sequence.
    @inline(__always)
    static func mayStart(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        bytes[index] == 0xC3 && index + 1 < bytes.count && bytes[index + 1] >= 0x82 && bytes[index + 1] <= 0xB4
    }

    /// The scalar a mojibake sequence at `index` stands for, and the bytes it spans; nil when there is none.
    static func repair(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        guard mayStart(bytes, at: index) else { return nil }
        let lead = bytes[index + 1] + 0x40
        let continuations: Int
        switch lead {
        case 0xC2...0xDF: continuations = 1
        case 0xE0...0xEF: continuations = 2
        case 0xF0...0xF4: continuations = 3
        default: return nil
        }
        var encoded: [UInt8] = [lead]
        var position = index + 2
        for _ in 0..<continuations {
            guard position < bytes.count else { return nil }
            let (scalar, length, _) = UTF8Decoding.decode(bytes, at: position)
            guard let byte = Windows1252.byte(for: scalar), byte >= 0x80, byte <= 0xBF else { return nil }
            encoded.append(byte)
            position += length
        }
        guard let text = String(validating: encoded, as: UTF8.self), let scalar = text.unicodeScalars.first,
              text.unicodeScalars.count == 1 else { return nil }
        return (scalar, position - index)
    }
}
