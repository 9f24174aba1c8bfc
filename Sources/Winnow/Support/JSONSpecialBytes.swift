/// Finds the bytes a JSON string cannot hold as they are — `"`, `\` and controls below 0x20 — eight
/// at a time, so readers and writers copy the runs between them whole.
enum JSONSpecialBytes {
    /// Where the next special byte of `bytes` stands from `start`; `bytes.count` when there is none.
    @inline(__always)
    static func next(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var position = start
        if let base = bytes.baseAddress {
            while position + 8 <= bytes.count {
                let found = mask(UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)))
                if found != 0 { return position + found.trailingZeroBitCount >> 3 }
                position += 8
            }
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return position }
            position += 1
        }
        return position
    }

    /// The high bit of each byte of `word` that is special; exact for the lowest such byte, which is
    /// all a caller reads (a borrow can only mark bytes above a true one).
    @inline(__always)
    static func mask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let zeroQuote = (quotes &- ones) & ~quotes
        let zeroBackslash = (backslashes &- ones) & ~backslashes
        let control = (word &- ones &* 0x20) & ~word
        return (zeroQuote | zeroBackslash | control) & 0x8080_8080_8080_8080
    }
}
