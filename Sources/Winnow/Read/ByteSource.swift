import CZlib
import Foundation

/// A stream of input bytes: a plain file, standard input, or gzip (read transparently, concatenated
/// members included).
final class ByteSource {
    /// The path as the user gave it (`-` for standard input).
    let path: String
    /// Bytes consumed from the underlying file, for progress.
    private(set) var bytesRead = 0
    /// The file's size when it is a regular file.
    let totalBytes: Int?
    private var descriptor: Int32 = -1
    private var gzip: gzFile?
    private var memory: [UInt8]?
    private var memoryOffset = 0

    /// Opens `path`; gzip is recognised by its magic bytes, whatever the name.
    init(path: String) throws {
        self.path = path
        if path == "-" {
            totalBytes = nil
            let duplicate = dup(STDIN_FILENO)
            guard let handle = gzdopen(duplicate, "rb") else {
                throw WinnowError(.input, "cannot read standard input", at: SourceLocation(file: path, line: 0))
            }
            gzbuffer(handle, 1 << 17)
            gzip = handle
            return
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw WinnowError(.input, "cannot open: \(String(cString: strerror(errno)))", at: SourceLocation(file: path, line: 0))
        }
        var status = stat()
        if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw WinnowError(.input, "is a folder, not a file", at: SourceLocation(file: path, line: 0))
        }
        totalBytes = (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : nil
        var magic: (UInt8, UInt8) = (0, 0)
        let peeked = (status.st_mode & S_IFMT) == S_IFREG ? pread(fd, &magic, 2, 0) : 0
        if peeked == 2 && magic.0 == 0x1F && magic.1 == 0x8B {
            guard let handle = gzdopen(fd, "rb") else {
                close(fd)
                throw WinnowError(.input, "cannot open as gzip", at: SourceLocation(file: path, line: 0))
            }
            gzbuffer(handle, 1 << 17)
            gzip = handle
        } else {
            descriptor = fd
        }
    }

    /// Bytes already in memory, read as if from a file called `path`.
    init(bytes: [UInt8], path: String) {
        self.path = path
        totalBytes = bytes.count
        memory = bytes
    }

    deinit {
        if let gzip { gzclose(gzip) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// Reads up to `buffer.count` bytes; 0 at the end of the input.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        if let memory {
            let count = min(buffer.count, memory.count - memoryOffset)
            memory.withUnsafeBytes { base.copyMemory(from: $0.baseAddress! + memoryOffset, byteCount: count) }
            memoryOffset += count
            bytesRead += count
            return count
        }
        if let gzip {
            let count = gzread(gzip, base, UInt32(min(buffer.count, Int(Int32.max))))
            if count < 0 {
                var code: Int32 = 0
                throw WinnowError(.input, "corrupt gzip data: \(Self.reason(gzerror(gzip, &code)))", at: SourceLocation(file: path, line: 0))
            }
            if count == 0 {
                var code: Int32 = 0
                let message = gzerror(gzip, &code)
                if code != Z_OK && code != Z_STREAM_END {
                    throw WinnowError(.input, "corrupt gzip data: \(Self.reason(message))", at: SourceLocation(file: path, line: 0))
                }
            }
            let offset = Int(gzoffset(gzip))
            bytesRead = offset > 0 ? offset : bytesRead + Int(count)
            return Int(count)
        }
        while true {
            let count = Foundation.read(descriptor, base, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw WinnowError(.input, "read failed: \(String(cString: strerror(errno)))", at: SourceLocation(file: path, line: 0))
            }
            bytesRead += count
            return count
        }
    }

    /// zlib's message without the `<fd:N>: ` prefix it adds for descriptors.
    private static func reason(_ message: UnsafePointer<CChar>?) -> String {
        let text = message.map { String(cString: $0) } ?? "unknown error"
        if text.hasPrefix("<fd:"), let colon = text.range(of: ": ") { return String(text[colon.upperBound...]) }
        return text
    }

    /// Appends up to `length` bytes read to `bytes`; returns how many.
    private func readChunk(into bytes: inout [UInt8], from start: Int, length: Int) throws -> Int {
        var filled = 0
        try bytes.append(contentsOf: [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            filled = try read(into: UnsafeMutableRawBufferPointer(buffer))
            initialized = filled
        })
        return filled
    }

    /// Reads everything that is left.
    func readAll() throws -> [UInt8] {
        var bytes = [UInt8]()
        var size = max(4096, (totalBytes ?? 0) + 1)
        while true {
            let start = bytes.count
            bytes.reserveCapacity(start + size)
            let count = try readChunk(into: &bytes, from: start, length: size)
            if count == 0 { return bytes }
            size = min(size * 2, 1 << 24)
        }
    }
}
