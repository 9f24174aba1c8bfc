import Foundation

/// A destination for bytes that is never left half-written.
///
/// A regular file is written to a temporary file beside it and renamed into place by `commit`; if
/// the run fails, `abort` removes the temporary file and the old file stays as it was. Standard
/// output, pipes, and anything under `/dev` or `/proc` (`/dev/stdout`, `/dev/null`) are written
/// directly and never replaced.
public final class OutputFile {
    /// The path as given; `-` is standard output.
    public let path: String
    private let descriptor: Int32
    private let temporaryPath: String?
    private var buffer = ByteBuffer(capacity: 1 << 20)
    private var finished = false

    /// Opens `path` for writing (`-` for standard output).
    public init(path: String) throws {
        self.path = path
        if path == "-" {
            descriptor = STDOUT_FILENO
            temporaryPath = nil
            return
        }
        var status = stat()
        let isDevice = path.hasPrefix("/dev/") || path.hasPrefix("/proc/")
        if isDevice || (stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG) {
            if (status.st_mode & S_IFMT) == S_IFDIR {
                throw WinnowError(.output, "is a folder, not a file", at: SourceLocation(file: path, line: 0))
            }
            descriptor = open(path, O_WRONLY | O_APPEND)
            temporaryPath = nil
        } else {
            let url = URL(fileURLWithPath: path)
            var template = Array(url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).winnow-XXXXXX").path.utf8CString)
            descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            temporaryPath = descriptor >= 0 ? String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
            if descriptor >= 0 {
                let mask = umask(0)
                umask(mask)
                fchmod(descriptor, 0o666 & ~mask)
            }
        }
        guard descriptor >= 0 else {
            throw WinnowError(.output, "cannot write: \(String(cString: strerror(errno)))", at: SourceLocation(file: path, line: 0))
        }
    }

    deinit { abort() }

    /// Appends bytes, writing them out in large blocks.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        buffer.bytes.append(contentsOf: bytes)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Appends a filled buffer and empties it.
    public func write(_ bytes: inout ByteBuffer) throws {
        if buffer.count == 0 && bytes.count >= 1 << 20 {
            try bytes.bytes.withUnsafeBytes { try writeOut($0) }
        } else {
            buffer.bytes.append(contentsOf: bytes.bytes)
            if buffer.count >= 1 << 20 { try flush() }
        }
        bytes.removeAll()
    }

    /// Appends a string's UTF-8 bytes.
    public func write(_ text: String) throws {
        buffer.append(text)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes out what is buffered.
    public func flush() throws {
        guard buffer.count > 0 else { return }
        try buffer.bytes.withUnsafeBytes { try writeOut($0) }
        buffer.removeAll()
    }

    private func writeOut(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE {
                    throw WinnowError(.outputClosed, "the output was closed", at: SourceLocation(file: path, line: 0))
                }
                throw WinnowError(.output, "write failed: \(String(cString: strerror(errno)))",
                                  at: SourceLocation(file: path, line: 0))
            }
            offset += written
        }
    }

    /// Flushes and, for a regular file, renames the temporary file into place.
    public func commit() throws {
        try flush()
        guard !finished else { return }
        finished = true
        guard let temporaryPath else { return }
        if fsync(descriptor) != 0 && errno != EINVAL {
            throw WinnowError(.output, "cannot save: \(String(cString: strerror(errno)))", at: SourceLocation(file: path, line: 0))
        }
        close(descriptor)
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw WinnowError(.output, "cannot save: \(reason)", at: SourceLocation(file: path, line: 0))
        }
    }

    /// Drops what was written: removes the temporary file, leaving any earlier file untouched.
    public func abort() {
        guard !finished else { return }
        finished = true
        if let temporaryPath {
            close(descriptor)
            unlink(temporaryPath)
        } else {
            buffer.removeAll()
        }
    }
}
