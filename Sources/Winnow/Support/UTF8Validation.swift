/// Well-formed UTF-8 (Unicode's table 3-7), checked sixteen bytes at a time across ASCII, and strings
/// built from bytes it accepted without `String` checking them a second time.
///
/// Text read from JSON is mostly ASCII with a multi-byte scalar every hundred bytes or so; the
/// standard library's check reads it byte by byte, at about a tenth of a news pipeline's instructions.
///
/// ```swift
/// bytes.withUnsafeBufferPointer { String(checkingUTF8: $0) }   // nil for "\u{FF}", "\u{C0}\u{80}", …
/// ```
enum UTF8Validation {
    /// What a buffer holds.
    enum Content: Equatable {
        /// ASCII only.
        case ascii
        /// Well-formed UTF-8 with at least one multi-byte scalar.
        case valid
        /// Not well-formed UTF-8.
        case invalid
    }

    /// Whether `bytes` are ASCII, well-formed UTF-8, or neither.
    static func classify(_ bytes: UnsafeBufferPointer<UInt8>) -> Content {
        guard let base = bytes.baseAddress else { return .ascii }
        let count = bytes.count
        var index = 0
        var ascii = true
        while true {
            while index + ByteVector.width <= count {
                let nonASCII = ByteVector(base + index).nonASCIIMask
                if nonASCII != 0 {
                    index += nonASCII.trailingZeroBitCount
                    break
                }
                index += ByteVector.width
            }
            while index < count && base[index] < 0x80 { index += 1 }
            guard index < count else { return ascii ? .ascii : .valid }
            guard let length = scalarLength(base, at: index, count: count) else { return .invalid }
            ascii = false
            index += length
        }
    }

    /// The length of the well-formed multi-byte scalar at `index` (whose first byte is 0x80 or more),
    /// or nil: a lone continuation byte, an overlong form, a surrogate, a value above U+10FFFF, or a
    /// sequence cut short.
    @inline(__always)
    private static func scalarLength(_ base: UnsafePointer<UInt8>, at index: Int, count: Int) -> Int? {
        let lead = base[index]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F
        default: return nil
        }
        guard index + length <= count else { return nil }
        let second = base[index + 1]
        guard second >= low && second <= high else { return nil }
        for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 { return nil }
        return length
    }
}

extension String {
    /// The string `bytes` spell when they are well-formed UTF-8, else nil: what
    /// `String(validating: bytes, as: UTF8.self)` gives, with the check done once, by `UTF8Validation`.
    init?(checkingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        let content = UTF8Validation.classify(bytes)
        guard content != .invalid else { return nil }
        let span = unsafe Span(_unsafeElements: bytes)
        self = String(copying: unsafe UTF8Span(unchecked: span, isKnownASCII: content == .ascii))
    }
}

extension String {
    /// What `String(decoding: bytes, as: UTF8.self)` gives (ill-formed sequences become U+FFFD), with
    /// well-formed bytes, the usual case, checked once, by `UTF8Validation`.
    init(repairingUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        self = String(checkingUTF8: bytes) ?? String(decoding: bytes, as: UTF8.self)
    }
}
