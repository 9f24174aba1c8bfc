/// The conservative cleanup of output text: what users read, with nothing of meaning changed.
///
/// Invalid UTF-8 becomes U+FFFD; CRLF, CR, NEL, U+2028 and U+2029 become LF; zero-width characters,
/// bidi controls, soft hyphens and control characters other than LF and TAB are removed; runs of
/// blanks become one space; lines are trimmed; runs of blank lines become one.
public struct TextCleaner: Sendable {
    /// Counts of what a cleanup changed, for the report.
    public struct Changes: Sendable, Equatable {
        /// Invalid UTF-8 sequences replaced by U+FFFD.
        public var invalidBytes = 0
        /// Characters removed (controls, zero-width, soft hyphens, bidi controls).
        public var removedCharacters = 0

        /// No change.
        public init() {}
    }

    /// A cleaner with the default rules.
    public init() {}

    /// The cleaned text and what changed.
    public func clean(_ text: String) -> (text: String, changes: Changes) {
        var copy = text
        return copy.withUTF8 { clean(utf8: $0) }
    }

    /// Cleans raw bytes, which need not be valid UTF-8.
    public func clean(utf8 input: UnsafeBufferPointer<UInt8>) -> (text: String, changes: Changes) {
        var changes = Changes()
        if Self.isClean(input) {
            return (String(decoding: input, as: UTF8.self), changes)
        }
        var output = [UInt8]()
        output.reserveCapacity(input.count)
        var pendingSpace = false
        var pendingNewlines = 0
        var lineHasText = false
        var anyText = false

        func breakLine() {
            pendingSpace = false
            if lineHasText { pendingNewlines += 1 } else if anyText { pendingNewlines = max(pendingNewlines, 2) }
            lineHasText = false
        }
        func appendScalar(_ scalar: Unicode.Scalar) {
            if pendingNewlines > 0 {
                if anyText { output.append(contentsOf: repeatElement(0x0A, count: min(pendingNewlines, 2))) }
                pendingNewlines = 0
            } else if pendingSpace && lineHasText {
                output.append(0x20)
            }
            pendingSpace = false
            lineHasText = true
            anyText = true
            if scalar.isASCII {
                output.append(UInt8(scalar.value))
            } else {
                output.append(contentsOf: UTF8.encode(scalar)!)
            }
        }

        var iterator = input.makeIterator()
        var decoder = UTF8()
        var previousWasCR = false
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                let wasCR = previousWasCR
                previousWasCR = false
                switch Self.classify(scalar) {
                case .text: appendScalar(scalar)
                case .blank: pendingSpace = true
                case .lineBreak:
                    if scalar == "\n" && wasCR { continue }
                    previousWasCR = scalar == "\r"
                    breakLine()
                case .removed: changes.removedCharacters += 1
                }
            case .emptyInput:
                break decoding
            case .error:
                previousWasCR = false
                changes.invalidBytes += 1
                appendScalar("\u{FFFD}")
            }
        }
        return (String(decoding: output, as: UTF8.self), changes)
    }

    /// True when `input` is printable ASCII lines with single spaces and no blank runs, already clean.
    static func isClean(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
        var previous: UInt8 = 0x0A
        for byte in input {
            if byte >= 0x21 && byte < 0x7F {
                previous = byte
                continue
            }
            switch byte {
            case 0x20 where previous != 0x20 && previous != 0x0A: previous = byte
            case 0x0A where previous != 0x20 && previous != 0x0A: previous = byte
            default: return false
            }
        }
        return previous != 0x20 && previous != 0x0A || input.isEmpty
    }

    /// What the cleaner does with one scalar.
    enum Role { case text, blank, lineBreak, removed }

    static func classify(_ scalar: Unicode.Scalar) -> Role {
        let value = scalar.value
        if value < 0x80 {
            switch value {
            case 0x0A, 0x0D: return .lineBreak
            case 0x09, 0x20: return .blank
            case 0x00..<0x20, 0x7F: return .removed
            default: return .text
            }
        }
        switch value {
        case 0x85, 0x2028, 0x2029: return .lineBreak
        case 0x80...0x9F: return .removed
        case 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return .blank
        case 0xAD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFEFF: return .removed
        case 0xFFFE, 0xFFFF: return .removed
        default: return .text
        }
    }
}
