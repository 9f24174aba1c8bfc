import Foundation
import Winnow

/// A live progress line on standard error: documents, MB, MB/s and, when the input size is known,
/// the time left. On a terminal it rewrites one line; elsewhere it prints a line every few seconds.
final class ProgressLine {
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var lastShown = -1.0

    func update(_ progress: Pipeline.Progress) {
        let interval = isTerminal ? 0.2 : 5
        guard progress.seconds - lastShown >= interval else { return }
        lastShown = progress.seconds
        let megabytes = Double(progress.bytes) / 1_000_000
        let rate = progress.seconds > 0 ? megabytes / progress.seconds : 0
        var line = String(format: "%d documents, %.1f MB, %.1f MB/s", progress.documents, megabytes, rate)
        if let total = progress.totalBytes, total > 0, rate > 0 {
            let left = max(0, Double(total) / 1_000_000 - megabytes) / rate
            line += String(format: ", %.0f%%, ETA %ds", 100 * Double(progress.bytes) / Double(total), Int(left))
        }
        let text = isTerminal ? "\r\u{1B}[K" + line : line + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    func finish() {
        if isTerminal && lastShown >= 0 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
