import Foundation

/// Splits a byte stream into lines without copying them: LF, CRLF and a lone CR end a line.
///
/// A line is handed out as a buffer that stays valid until the next call. A UTF-8 byte order mark
/// at the start is skipped. Lines of any length work; the buffer grows to hold the longest.
final class LineReader {
    private let source: ByteSource
    private var buffer: UnsafeMutableRawBufferPointer
    private var start = 0
    private var end = 0
    private var atEnd = false
    private var skipLineFeed = false
    private var first = true
    /// The 1-based number of the line last returned.
    private(set) var lineNumber = 0

    init(source: ByteSource, capacity: Int = 1 << 20) {
        self.source = source
        self.buffer = .allocate(byteCount: capacity, alignment: 8)
    }

    deinit { buffer.deallocate() }

    /// The next line without its terminator, or nil at the end of the input.
    func next() throws -> UnsafeBufferPointer<UInt8>? {
        while true {
            if skipLineFeed {
                if start < end {
                    if buffer[start] == 0x0A { start += 1 }
                    skipLineFeed = false
                } else if atEnd {
                    skipLineFeed = false
                } else {
                    try fill()
                    continue
                }
            }
            if first {
                if end - start < 3 && !atEnd {
                    try fill()
                    continue
                }
                first = false
                if end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { start += 3 }
            }
            if let terminator = findTerminator() {
                let line = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + start,
                                               count: terminator - start)
                skipLineFeed = buffer[terminator] == 0x0D
                start = terminator + 1
                lineNumber += 1
                return line
            }
            if atEnd {
                guard start < end else { return nil }
                let line = UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self) + start,
                                               count: end - start)
                start = end
                lineNumber += 1
                return line
            }
            try fill()
        }
    }

    /// The first LF or CR at or after `start`: `memchr` finds the LF, then the span before it is
    /// searched for a lone CR.
    private func findTerminator() -> Int? {
        guard start < end else { return nil }
        let base = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let searchEnd = memchr(base + start, 0x0A, end - start).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? end
        if let carriage = memchr(base + start, 0x0D, searchEnd - start) {
            return UnsafeRawPointer(carriage) - UnsafeRawPointer(base)
        }
        return searchEnd < end ? searchEnd : nil
    }

    private func fill() throws {
        if start > 0 {
            let remaining = end - start
            if remaining > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: remaining) }
            start = 0
            end = remaining
        }
        if end == buffer.count {
            let grown = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 8)
            grown.baseAddress!.copyMemory(from: buffer.baseAddress!, byteCount: end)
            buffer.deallocate()
            buffer = grown
        }
        let count = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
        if count == 0 { atEnd = true }
        end += count
    }

    /// The first byte that is not blank or a byte order mark, without consuming anything.
    func sniffFormat() throws -> InputFormat {
        var scanned = start
        while true {
            while scanned < end {
                let byte = buffer[scanned]
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF: scanned += 1
                case UInt8(ascii: "<"):
                    let head = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[scanned..<min(end, scanned + 512)]), as: UTF8.self).lowercased()
                    if head.hasPrefix("<!doctype html") || head.hasPrefix("<html") || head.contains("<head") || head.contains("<body") {
                        if end - scanned < 512 && !atEnd {
                            let offset = scanned - start
                            try fill()
                            scanned = start + offset
                            continue
                        }
                        return .html
                    }
                    return .xml
                default: return InputFormat.sniff(byte)
                }
            }
            if atEnd { return InputFormat.sniff(nil) }
            let offset = scanned - start
            try fill()
            scanned = start + offset
        }
    }

    /// Raw bytes, starting with those already buffered, for readers that parse the stream themselves.
    func readRaw(into target: UnsafeMutableRawBufferPointer) throws -> Int {
        if start < end {
            let count = min(target.count, end - start)
            target.baseAddress!.copyMemory(from: buffer.baseAddress! + start, byteCount: count)
            start += count
            return count
        }
        if atEnd { return 0 }
        return try source.read(into: target)
    }

    /// Everything that is left, as one array.
    func readAllRaw() throws -> [UInt8] {
        var bytes = [UInt8](UnsafeRawBufferPointer(rebasing: buffer[start..<end]))
        start = end
        if !atEnd { bytes += try source.readAll() }
        atEnd = true
        return bytes
    }
}
