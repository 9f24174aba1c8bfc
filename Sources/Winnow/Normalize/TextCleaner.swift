/// The conservative cleanup of output text: what users read, with nothing of meaning changed.
///
/// Invalid UTF-8 becomes U+FFFD; CRLF, CR, NEL, U+2028 and U+2029 become LF; zero-width characters,
/// bidi controls, soft hyphens and control characters other than LF and TAB are removed; runs of
/// blanks (space, TAB, NBSP and the other Unicode spaces) become one space; lines are trimmed; runs
/// of blank lines become one. By default HTML character references are decoded (once) and the text
/// is put in NFC; mojibake repair and ASCII quotes are optional. Left unrepaired, a mojibake sequence
/// is kept whole, even a C1 control inside it, so the matching key can still repair it.
///
/// ```swift
/// TextCleaner().clean("caf\u{65}\u{301}&nbsp;&amp;amp;  bar\r\n").text   // "café &amp; bar"
/// ```
public struct TextCleaner: Sendable {
    /// Which optional rules run.
    public struct Options: Sendable, Equatable {
        /// Decode HTML character references (`&amp;`, `&#8217;`, `&hellip;`).
        public var entities = true
        /// Repair UTF-8 that was read as Windows-1252 (`â€™` → `’`).
        public var mojibake = false
        /// Put the text in Unicode NFC.
        public var nfc = true
        /// Replace curly quotes and apostrophes with ASCII ones.
        public var asciiQuotes = false

        /// The defaults: entities decoded, NFC, no mojibake repair, quotes kept.
        public init() {}
    }

    /// Counts of what a cleanup changed, for the report.
    public struct Changes: Sendable, Equatable {
        /// Invalid UTF-8 sequences replaced by U+FFFD.
        public var invalidBytes = 0
        /// Characters removed (controls, zero-width, soft hyphens, bidi controls).
        public var removedCharacters = 0
        /// HTML character references decoded.
        public var entities = 0
        /// Mojibake sequences repaired.
        public var mojibake = 0
        /// NFC changed the text.
        public var composed = false

        /// No change.
        public init() {}
    }

    /// The rules in force.
    public var options: Options

    /// A cleaner with `options`.
    public init(options: Options = Options()) { self.options = options }

    /// The cleaned text and what changed.
    public func clean(_ text: String) -> (text: String, changes: Changes) {
        let result = text.withUTF8Bytes { bytes -> (text: String, changes: Changes)? in
            Self.isClean(bytes, options: options) ? nil : clean(dirty: bytes)
        }
        return result ?? (text, Changes())
    }

    /// Cleans raw bytes, which need not be valid UTF-8.
    public func clean(utf8 input: UnsafeBufferPointer<UInt8>) -> (text: String, changes: Changes) {
        if Self.isClean(input, options: options) {
            return (String(repairingUTF8: input), Changes())
        }
        return clean(dirty: input)
    }

    /// Cleans bytes known to need it (or, in tests, bytes `isClean` passed, which it must leave alone).
    func clean(dirty input: UnsafeBufferPointer<UInt8>) -> (text: String, changes: Changes) {
        var state = CleanState(capacity: input.count, options: options)
        let count = input.count
        var index = 0
        while index < count {
            let byte = input[index]
            if byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "&") {
                var end = index + 1
                while end < count {
                    let next = input[end]
                    if next > 0x20 && next < 0x7F && next != UInt8(ascii: "&") {
                        end += 1
                    } else if next == 0x20 && end + 1 < count && input[end + 1] > 0x20 && input[end + 1] < 0x7F
                                && input[end + 1] != UInt8(ascii: "&") {
                        end += 2
                    } else {
                        break
                    }
                }
                state.appendRun(UnsafeBufferPointer(rebasing: input[index..<end]))
                index = end
                continue
            }
            if byte < 0x80 {
                switch byte {
                case 0x20, 0x09:
                    state.pendingSpace = true
                case 0x0A:
                    state.breakLine()
                case 0x0D:
                    state.breakLine()
                    if index + 1 < count && input[index + 1] == 0x0A { index += 1 }
                case UInt8(ascii: "&"):
                    if options.entities, let (text, length) = HTMLEntities.decode(input, at: index) {
                        state.changes.entities += 1
                        for scalar in text.unicodeScalars { state.handle(scalar) }
                        index += length
                        continue
                    }
                    state.appendRun(UnsafeBufferPointer(rebasing: input[index..<index + 1]))
                default:
                    state.changes.removedCharacters += 1
                }
                index += 1
                continue
            }
            if Mojibake.mayStart(input, at: index), let (scalar, length) = Mojibake.repair(input, at: index) {
                if options.mojibake {
                    state.changes.mojibake += 1
                    state.handle(scalar)
                } else {
                    state.appendRun(UnsafeBufferPointer(rebasing: input[index..<index + length]))
                }
                index += length
                continue
            }
            let (scalar, length, valid) = UTF8Decoding.decode(input, at: index)
            if !valid { state.changes.invalidBytes += 1 }
            state.handle(Unicode.Scalar(scalar)!)
            index += length
        }
        return state.finish()
    }

    /// True when cleaning would change nothing: visible text, single spaces, no blank line runs, no
    /// line ending other than LF, nothing to decode, compose or repair. Such text is returned as it is.
    static func isClean(_ input: UnsafeBufferPointer<UInt8>, options: Options) -> Bool {
        guard let base = input.baseAddress else { return true }
        let count = input.count
        // After a space or a line break, or at the start, where neither may come.
        var afterBlank = true
        var index = 0
        let punctuation = options.asciiQuotes ? plainPunctuationKeepingNoQuotes : plainPunctuation
        while index < count {
            let wide = index + 2 * ByteVector.width <= count
            if wide || index + ByteVector.width <= count {
                // Thirty-two bytes at a time where there are as many, else sixteen: the stop bits of the
                // missing half are set, so the first stop is at 16 at most.
                let first = Self.plainMasks(base + index, entities: options.entities)
                var stops = first.stops | 0xFFFF_0000
                var blanks = first.blanks
                if wide {
                    let second = Self.plainMasks(base + index + ByteVector.width, entities: options.entities)
                    stops = first.stops | second.stops << 16
                    blanks |= second.blanks << 16
                }
                let width = wide ? 2 * ByteVector.width : ByteVector.width
                var plain = stops.trailingZeroBitCount
                // Dashes, curly quotes and the ellipsis are read past here, within the chunk.
                while plain + 3 <= width && Self.isPlainPunctuation(base + index + plain, punctuation) {
                    stops &= ~(0b111 << UInt32(plain))
                    plain = stops.trailingZeroBitCount
                }
                let doubles = blanks & (blanks << 1 | (afterBlank ? 1 : 0))
                if doubles & (1 << UInt32(plain) &- 1) != 0 { return false }
                if plain > 0 { afterBlank = blanks >> UInt32(plain - 1) & 1 != 0 }
                index += plain
                if plain == width { continue }
            }
            let byte = input[index]
            if byte > 0x20 && byte < 0x7F {
                if byte == UInt8(ascii: "&") && options.entities { return false }
                afterBlank = false
                index += 1
                continue
            }
            if byte < 0x80 {
                guard (byte == 0x20 || byte == 0x0A) && !afterBlank else { return false }
                afterBlank = true
                index += 1
                continue
            }
            if index + 3 <= count && Self.isPlainPunctuation(base + index, punctuation) {
                afterBlank = false
                index += 3
                continue
            }
            let (scalar, length, valid) = UTF8Decoding.decode(input, at: index)
            guard valid, classify(scalar) == .text else { return false }
            if options.nfc && UnicodeFolding.mayChangeUnderNFC(scalar) { return false }
            if options.mojibake && Mojibake.mayStart(input, at: index) { return false }
            if options.asciiQuotes && CleanState.asciiQuote(Unicode.Scalar(scalar)!) != Unicode.Scalar(scalar)! { return false }
            afterBlank = false
            index += length
        }
        return count == 0 || !afterBlank
    }

    /// Of sixteen bytes at `pointer`: those `isClean` stops at (controls other than line breaks, DEL,
    /// non-ASCII, `&` when `entities`), and the blanks (spaces and line breaks).
    @inline(__always)
    private static func plainMasks(_ pointer: UnsafePointer<UInt8>, entities: Bool) -> (stops: UInt32, blanks: UInt32) {
        let chunk = ByteVector(pointer)
        let newlines = chunk.mask(equalTo: 0x0A)
        var stops = chunk.mask(below: 0x20) & ~newlines | chunk.nonASCIIMask | chunk.mask(equalTo: 0x7F)
        if entities { stops |= chunk.mask(equalTo: UInt8(ascii: "&")) }
        return (stops, chunk.mask(equalTo: 0x20) | newlines)
    }

    /// True when the three bytes at `pointer` are a scalar of U+2000–U+203F that `punctuation` (one
    /// of the masks below) lets a clean text hold.
    @inline(__always)
    private static func isPlainPunctuation(_ pointer: UnsafePointer<UInt8>, _ punctuation: UInt64) -> Bool {
        pointer[0] == 0xE2 && pointer[1] == 0x80 && pointer[2] & 0xC0 == 0x80 && punctuation >> (pointer[2] & 0x3F) & 1 != 0
    }

    /// The scalars of U+2000–U+203F (`E2 80 xx` in UTF-8: dashes, curly quotes, the ellipsis) that a
    /// clean text may hold, one bit each by `xx`'s low six bits, so `isClean` passes them without
    /// decoding: kept as they are, and unchanged by NFC.
    static let plainPunctuation: UInt64 = (0..<64).reduce(0) { mask, offset in
        let scalar = UInt32(0x2000 + offset)
        return classify(scalar) == .text && !UnicodeFolding.mayChangeUnderNFC(scalar) ? mask | 1 << UInt64(offset) : mask
    }

    /// `plainPunctuation` without what `asciiQuotes` replaces.
    static let plainPunctuationKeepingNoQuotes: UInt64 = (0..<64).reduce(plainPunctuation) { mask, offset in
        let scalar = Unicode.Scalar(UInt32(0x2000 + offset))!
        return CleanState.asciiQuote(scalar) == scalar ? mask : mask & ~(1 << UInt64(offset))
    }

    /// What the cleaner does with one scalar.
    enum Role { case text, blank, lineBreak, removed }

    @inline(__always)
    static func classify(_ value: UInt32) -> Role {
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
        case 0xAD, 0x034F, 0x061C, 0x180E, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x206F, 0xFEFF:
            return .removed
        case 0xFFFE, 0xFFFF: return .removed
        default: return .text
        }
    }
}

/// The output being built by one cleanup: bytes, pending blanks and line breaks, and counts.
struct CleanState {
    var output: GrowableBuffer<UInt8>
    var changes = TextCleaner.Changes()
    var pendingSpace = false
    var pendingNewlines = 0
    var lineHasText = false
    var anyText = false
    var needsNFC = false
    let options: TextCleaner.Options

    init(capacity: Int, options: TextCleaner.Options) {
        output = GrowableBuffer(capacity: capacity + 16)
        self.options = options
    }

    /// Writes the blank or line breaks waiting before the next visible character.
    @inline(__always)
    mutating func beginText() {
        if pendingNewlines > 0 {
            if anyText {
                output.append(0x0A)
                if pendingNewlines > 1 { output.append(0x0A) }
            }
            pendingNewlines = 0
        } else if pendingSpace && lineHasText {
            output.append(0x20)
        }
        pendingSpace = false
        lineHasText = true
        anyText = true
    }

    @inline(__always)
    mutating func appendRun(_ bytes: UnsafeBufferPointer<UInt8>) {
        beginText()
        output.reserve(bytes.count)
        (output.base + output.count).update(from: bytes.baseAddress!, count: bytes.count)
        output.truncate(to: output.count + bytes.count)
    }

    mutating func breakLine() {
        pendingSpace = false
        if lineHasText { pendingNewlines += 1 } else if anyText { pendingNewlines = max(pendingNewlines, 2) }
        lineHasText = false
    }

    mutating func handle(_ scalar: Unicode.Scalar) {
        switch TextCleaner.classify(scalar.value) {
        case .blank: pendingSpace = true
        case .lineBreak: breakLine()
        case .removed: changes.removedCharacters += 1
        case .text:
            beginText()
            var value = scalar
            if options.asciiQuotes { value = Self.asciiQuote(value) }
            if !value.isASCII && options.nfc && UnicodeFolding.mayChangeUnderNFC(value.value) { needsNFC = true }
            UTF8Decoding.encode(value.value, into: &output)
        }
    }

    static func asciiQuote(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x02BC: return "'"
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033: return "\""
        default: return scalar
        }
    }

    mutating func finish() -> (text: String, changes: TextCleaner.Changes) {
        var bytes = output.take()
        if needsNFC {
            let composed = bytes.withUnsafeBufferPointer { UnicodeFolding.nfc($0) }
            if composed != bytes {
                changes.composed = true
                bytes = composed
            }
        }
        return (bytes.withUnsafeBufferPointer { String(repairingUTF8: $0) }, changes)
    }
}
