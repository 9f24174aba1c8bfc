/// Finds the bytes a JSON string cannot hold as they are — `"`, `\` and controls below 0x20 — sixteen
/// at a time, so readers and writers copy the runs between them whole.
enum JSONSpecialBytes {
    /// Where the next special byte of `bytes` stands from `start`; `bytes.count` when there is none.
    @inline(__always)
    static func next(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var position = start
        if let base = bytes.baseAddress {
            while position + ByteVector.width <= bytes.count {
                let chunk = ByteVector(base + position)
                let found = chunk.mask(equalTo: UInt8(ascii: "\"")) | chunk.mask(equalTo: UInt8(ascii: "\\")) | chunk.mask(below: 0x20)
                if found != 0 { return position + found.trailingZeroBitCount }
                position += ByteVector.width
            }
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return position }
            position += 1
        }
        return position
    }
}
