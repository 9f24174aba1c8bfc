import CUtf8proc

/// Builds a `MatchingKey` in one pass over UTF-8 text.
///
/// ASCII letters and digits take a tight loop that lower-cases through a table and hashes each
/// token as it is written; other scalars go through `KeyFoldTable`; only tokens holding a scalar
/// that composes or folds to several scalars call utf8proc.
struct KeyBuilder {
    var bytes: GrowableBuffer<UInt8>
    var tokenStarts: GrowableBuffer<Int32>
    var tokenHashes: GrowableBuffer<UInt64>
    var paragraphStarts = GrowableBuffer<Int32>(capacity: 16)
    var paragraphSources = GrowableBuffer<Int32>(capacity: 16)
    var sentenceStarts = GrowableBuffer<Int32>(capacity: 32)

    private var tokenOpen = false
    private var tokenStart = 0
    private var tokenSource = 0
    private var tokenNeedsFullFold = false
    private var hash = TokenHasher()
    private var startsParagraph = false
    private var startsSentence = false
    private var newParagraph = true
    private var newSentence = true
    private var sawTerminal = false

    /// Room for the key of `capacity` bytes of text. The ASCII loop reserves room for what is left
    /// and a 16-byte store beyond it, and for a token every other byte of it, so the buffers start
    /// that large and never grow on that account.
    init(capacity: Int) {
        bytes = GrowableBuffer(capacity: capacity + Self.storeSlack)
        let tokens = capacity / 2 + 16
        tokenStarts = GrowableBuffer(capacity: tokens)
        tokenHashes = GrowableBuffer(capacity: tokens)
    }

    /// Room the ASCII loop keeps beyond the text it has left: its 16-byte stores of a token may reach
    /// 15 bytes past the token's end, and a space may come first.
    private static let storeSlack = 17

    /// Each ASCII byte's lower-case form when it is a letter or digit, else 0.
    private static let asciiWord: [UInt8] = (0..<128).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt8(byte)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return UInt8(byte) | 0x20
        default: return 0
        }
    }

    /// What a byte after a token means to `scanASCIIStretch`'s whole-token loop.
    private enum GapKind {
        static let word: UInt8 = 0
        /// Ends a token and changes nothing else (a blank, a comma, a dash, a bracket).
        static let plain: UInt8 = 1
        /// Ends a token and starts a line or a sentence's end (`\n`, `\r`, `.`, `!`, `?`).
        static let closing: UInt8 = 2
        /// May continue the token (an apostrophe, `&`, a byte of a multi-byte scalar).
        static let holding: UInt8 = 3

        static let table: [UInt8] = (0..<256).map { byte in
            switch UInt8(byte) {
            case 0x80...: return holding
            case UInt8(ascii: "'"), UInt8(ascii: "&"): return holding
            case 0x0A, 0x0D, UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): return closing
            case _ where asciiWord[byte] != 0: return word
            default: return plain
            }
        }
    }

    /// A builder that has read `text`, whose buffers hold its key.
    static func built(from text: UnsafeBufferPointer<UInt8>) -> KeyBuilder {
        var builder = KeyBuilder(capacity: text.count)
        builder.scan(text)
        return builder
    }

    mutating func scan(_ text: UnsafeBufferPointer<UInt8>) {
        let count = text.count
        Self.asciiWord.withUnsafeBufferPointer { lower in
            GapKind.table.withUnsafeBufferPointer { kinds in
                KeyFoldTable.entries.withUnsafeBufferPointer { folds in
                    var index = 0
                    while index < count {
                        if text[index] < 0x80 && !(tokenOpen && tokenNeedsFullFold) {
                            index = scanASCIIStretch(text, from: index, lower, kinds, folds)
                            if index >= count { break }
                        }
                        let byte = text[index]
                        if byte < 0x80 {
                            let lowered = lower[Int(byte)]
                            if lowered != 0 {
                                if !tokenOpen { open(at: index) }
                                bytes.reserve(count - index)
                                index = appendASCIIRun(text, from: index, lower)
                                continue
                            }
                            if byte == UInt8(ascii: "&"), let (decoded, length) = HTMLEntities.decode(text, at: index) {
                                for scalar in decoded.unicodeScalars {
                                    handle(scalar.value, text, start: index, end: index + length, lower, folds)
                                }
                                index += length
                                continue
                            }
                            handle(UInt32(byte), text, start: index, end: index + 1, lower, folds)
                            index += 1
                            continue
                        }
                        if Mojibake.mayStart(text, at: index), let (scalar, length) = Mojibake.repair(text, at: index) {
                            handle(scalar.value, text, start: index, end: index + length, lower, folds)
                            index += length
                            continue
                        }
                        let (scalar, length, _) = UTF8Decoding.decode(text, at: index)
                        handle(scalar, text, start: index, end: index + length, lower, folds)
                        index += length
                    }
                }
            }
        }
        close()
    }

    /// Tokenises plain ASCII from `start` with all state in registers, and the punctuation of
    /// U+2000–U+203F that acts as an ASCII byte, until the end of the text, another non-ASCII scalar,
    /// an `&`, or an apostrophe whose next character is not plain ASCII; returns where it stopped.
    /// This is where most of a news text's bytes are read.
    private mutating func scanASCIIStretch(_ text: UnsafeBufferPointer<UInt8>, from start: Int,
                                           _ lower: UnsafeBufferPointer<UInt8>, _ kinds: UnsafeBufferPointer<UInt8>,
                                           _ folds: UnsafeBufferPointer<UInt32>) -> Int {
        let count = text.count
        let remaining = count - start
        bytes.reserve(remaining + Self.storeSlack)
        let tokenRoom = remaining / 2 + 2
        tokenStarts.reserve(tokenRoom)
        tokenHashes.reserve(tokenRoom)
        let output = bytes.base
        var written = bytes.count
        let starts = tokenStarts.base, hashes = tokenHashes.base
        var tokens = tokenStarts.count
        var open = tokenOpen
        var keyStart = tokenStart
        var source = tokenSource
        var hasher = hash
        var index = start

        scanning: while index < count {
            let byte = text[index]
            // A dash, a curly quote or an ellipsis (U+2000–U+203F, three bytes) acts as the ASCII byte
            // of its role; any other non-ASCII scalar ends the stretch.
            var acting = byte
            var width = 1
            if byte >= 0x80 {
                guard let role = Self.punctuationRole(text, at: index, folds) else { break }
                width = 3
                switch role {
                case .apostrophe: acting = UInt8(ascii: "'")
                case .terminal: acting = UInt8(ascii: ".")
                case .blank: acting = 0x20
                case .lineBreak: acting = 0x0A
                case .ignored: acting = 0
                default: acting = UInt8(ascii: "-")
                }
            }
            let lowered = lower[Int(acting)]
            if lowered != 0 {
                if !open {
                    // Whole tokens of up to 15 bytes, each followed by a plain gap, read sixteen bytes
                    // at a time and hashed at once; anything else goes on below, byte by byte.
                    var startPending = newParagraph || newSentence
                    let firstWhole = tokens
                    whole: while index &+ 32 <= count {
                        let words = ByteVector(text.baseAddress! + index).asciiWords
                        let length = (~words.mask).trailingZeroBitCount
                        if length == ByteVector.width { break whole }
                        let following = text[index &+ length]
                        var state = StableHash.prime0
                        var tail = words.low
                        var tailLength = length
                        if length >= 8 {
                            state = StableHash.mum(state ^ words.low, StableHash.prime1)
                            tail = words.high
                            tailLength = length &- 8
                        }
                        let after = kinds[Int(following)]
                        if after == GapKind.holding { break whole }
                        if tokens > 0 {
                            output[written] = 0x20
                            written &+= 1
                        }
                        if startPending {
                            markStart(token: tokens, source: index)
                            startPending = false
                        }
                        let target = UnsafeMutableRawPointer(output + written)
                        target.storeBytes(of: words.low.littleEndian, as: UInt64.self)
                        target.storeBytes(of: words.high.littleEndian, toByteOffset: 8, as: UInt64.self)
                        if tailLength > 0 {
                            state = StableHash.mum(state ^ (tail & ((1 << (UInt64(tailLength) &* 8)) &- 1)), StableHash.prime2)
                        }
                        starts[tokens] = Int32(truncatingIfNeeded: written)
                        hashes[tokens] = StableHash.mum(state ^ UInt64(length), StableHash.prime1)
                        tokens &+= 1
                        written &+= length
                        index &+= length
                        // Most often one space, then the next token, which the chunk already shows.
                        if following == 0x20 && words.mask >> UInt32(length &+ 1) & 1 != 0 {
                            index &+= 1
                            continue whole
                        }
                        if after == GapKind.closing { break whole }
                        repeat { index &+= 1 } while index < count && kinds[Int(text[index])] == GapKind.plain
                        if index >= count || kinds[Int(text[index])] != GapKind.word { break whole }
                    }
                    if tokens != firstWhole { sawTerminal = false }
                    guard index < count else { break scanning }
                    if kinds[Int(text[index])] != GapKind.word { continue scanning }
                    if tokens > 0 {
                        output[written] = 0x20
                        written += 1
                    }
                    keyStart = written
                    source = index
                    open = true
                    hasher = TokenHasher()
                    startsParagraph = newParagraph
                    startsSentence = newSentence || newParagraph
                    newParagraph = false
                    newSentence = false
                    sawTerminal = false
                }
                while hasher.isAligned && index + 8 <= count {
                    let chunk = UnsafeRawPointer(text.baseAddress! + index).loadUnaligned(as: UInt64.self)
                    let (lowered, length) = ASCIIWords.lowercasedRun(UInt64(littleEndian: chunk))
                    UnsafeMutableRawPointer(output + written).storeBytes(of: lowered.littleEndian, as: UInt64.self)
                    written += length
                    index += length
                    hasher.add(word: lowered, length: length)
                    if length < 8 { break }
                }
                while index < count && text[index] < 0x80 && lower[Int(text[index])] != 0 {
                    let next = lower[Int(text[index])]
                    output[written] = next
                    written += 1
                    hasher.add(next)
                    index += 1
                }
                continue
            }
            var closes = acting != 0
            switch acting {
            case UInt8(ascii: "'"):
                if open && index + width < count {
                    let next = text[index + width]
                    if next >= 0x80 { break scanning }
                    if lower[Int(next)] != 0 { closes = false }
                }
            case UInt8(ascii: "&"):
                break scanning
            default:
                break
            }
            if closes && open {
                open = false
                if startsParagraph {
                    paragraphStarts.append(Int32(tokens))
                    paragraphSources.append(Int32(source))
                    startsParagraph = false
                }
                if startsSentence {
                    sentenceStarts.append(Int32(tokens))
                    startsSentence = false
                }
                starts[tokens] = Int32(keyStart)
                hashes[tokens] = hasher.finish()
                tokens += 1
            }
            switch acting {
            case 0x20, 0x09: if sawTerminal { newSentence = true }
            case 0x0A, 0x0D: newParagraph = true
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): sawTerminal = true
            default: break
            }
            index += width
        }
        bytes.truncate(to: written)
        tokenStarts.truncate(to: tokens)
        tokenHashes.truncate(to: tokens)
        tokenOpen = open
        tokenStart = keyStart
        tokenSource = source
        hash = hasher
        return index
    }

    /// The role of the scalar at `index` when it lies in U+2000–U+203F (`E2 80 xx`) and acts on tokens
    /// as an ASCII byte would (a separator, an apostrophe, a terminal, a blank, a line break, or
    /// ignored); nil otherwise.
    @inline(__always)
    private static func punctuationRole(_ text: UnsafeBufferPointer<UInt8>, at index: Int,
                                        _ folds: UnsafeBufferPointer<UInt32>) -> Role? {
        guard text[index] == 0xE2, index + 2 < text.count, text[index + 1] == 0x80 else { return nil }
        let last = text[index + 2]
        guard last & 0xC0 == 0x80 else { return nil }
        let entry = folds[0x2000 | Int(last & 0x3F)]
        guard entry & KeyFoldTable.needsFullFold == 0, let role = Role(rawValue: UInt8(entry >> 24 & 0xF)),
              role != .word, role != .ideograph else { return nil }
        return role
    }

    /// Records that the token numbered `token`, read from `source`, starts a paragraph or a sentence
    /// as the flags say, and clears them; out of line, as it comes once a sentence.
    @inline(never)
    private mutating func markStart(token: Int, source: Int) {
        if newParagraph {
            paragraphStarts.append(Int32(token))
            paragraphSources.append(Int32(source))
        }
        sentenceStarts.append(Int32(token))
        newParagraph = false
        newSentence = false
    }

    /// Appends the run of ASCII letters and digits starting at `start`, lower-cased and hashed, with the
    /// buffer and hash state in registers; returns where the run ends. Room was reserved by the caller.
    @inline(__always)
    private mutating func appendASCIIRun(_ text: UnsafeBufferPointer<UInt8>, from start: Int,
                                         _ lower: UnsafeBufferPointer<UInt8>) -> Int {
        let output = bytes.base
        var written = bytes.count
        var hasher = hash
        var position = start
        let count = text.count
        repeat {
            let byte = text[position]
            guard byte < 0x80 else { break }
            let lowered = lower[Int(byte)]
            guard lowered != 0 else { break }
            output[written] = lowered
            written += 1
            hasher.add(lowered)
            position += 1
        } while position < count
        bytes.truncate(to: written)
        hash = hasher
        return position
    }

    /// Handles one scalar (from the text, an entity or a repair) spanning `start..<end` of the text.
    private mutating func handle(_ scalar: UInt32, _ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int,
                                 _ lower: UnsafeBufferPointer<UInt8>, _ folds: UnsafeBufferPointer<UInt32>) {
        if scalar < 0x80 {
            let lowered = lower[Int(scalar)]
            if lowered != 0 {
                if !tokenOpen { open(at: start) }
                bytes.reserve(1)
                bytes.appendUnchecked(lowered)
                hash.add(lowered)
                return
            }
            switch scalar {
            case 0x20, 0x09:
                close()
                if sawTerminal { newSentence = true }
            case 0x0A, 0x0D:
                close()
                newParagraph = true
            case 0x27 where tokenOpen && letterFollows(text, end, lower, folds):
                break
            case 0x2E, 0x21, 0x3F:
                close()
                sawTerminal = true
            default:
                close()
            }
            return
        }
        let entry = scalar < 0x10000 ? folds[Int(scalar)] : Self.astralEntry(scalar)
        switch Role(rawValue: UInt8(entry >> 24 & 0xF))! {
        case .word:
            if !tokenOpen { open(at: start) }
            appendFolded(entry)
        case .ideograph:
            close()
            open(at: start)
            appendFolded(entry)
            close()
        case .ignored:
            break
        case .apostrophe where tokenOpen && letterFollows(text, end, lower, folds):
            break
        case .lineBreak:
            close()
            newParagraph = true
        case .blank:
            close()
            if sawTerminal { newSentence = true }
        case .terminal:
            close()
            sawTerminal = true
            if scalar >= 0x3000 { newSentence = true }
        case .apostrophe, .separator:
            close()
        }
    }

    /// Appends a scalar's folded form (or the scalar itself, when its token needs the full fold).
    @inline(__always)
    private mutating func appendFolded(_ entry: UInt32) {
        if entry & KeyFoldTable.needsFullFold != 0 { tokenNeedsFullFold = true }
        let before = bytes.count
        UTF8Decoding.encode(entry & 0x1F_FFFF, into: &bytes)
        for position in before..<bytes.count { hash.add(bytes[position]) }
    }

    private static func astralEntry(_ scalar: UInt32) -> UInt32 {
        let role = role(of: scalar)
        return UInt32(role.rawValue) << 24 | scalar | (role == .word || role == .ideograph ? KeyFoldTable.needsFullFold : 0)
    }

    private mutating func open(at source: Int) {
        if tokenStarts.count > 0 { bytes.append(0x20) }
        bytes.reserve(16)
        tokenStart = bytes.count
        tokenSource = source
        tokenOpen = true
        tokenNeedsFullFold = false
        hash = TokenHasher()
        startsParagraph = newParagraph
        startsSentence = newSentence || newParagraph
        newParagraph = false
        newSentence = false
        sawTerminal = false
    }

    /// Ends the open token: folds it in full when it must, splits what folding separated, records it.
    private mutating func close() {
        guard tokenOpen else { return }
        tokenOpen = false
        guard tokenNeedsFullFold else {
            record(start: tokenStart, hash: hash.finish())
            return
        }
        let folded = UnicodeFolding.foldForKey(UnsafeBufferPointer(start: bytes.base + tokenStart, count: bytes.count - tokenStart))
        bytes.truncate(to: tokenStart)
        var pieceStart: Int?
        folded.withUnsafeBufferPointer { foldedBytes in
            var position = 0
            while position < foldedBytes.count {
                let (scalar, length, _) = UTF8Decoding.decode(foldedBytes, at: position)
                let role: Role = scalar < 0x80
                    ? (Self.asciiWord[Int(scalar)] != 0 ? .word : .separator)
                    : (scalar < 0x10000 ? Role(rawValue: UInt8(KeyFoldTable.entries[Int(scalar)] >> 24 & 0xF))! : Self.role(of: scalar))
                switch role {
                case .word:
                    if pieceStart == nil { pieceStart = beginPiece() }
                    for offset in 0..<length { bytes.append(foldedBytes[position + offset]) }
                case .ideograph:
                    if let start = pieceStart { recordHashing(start: start) }
                    let start = beginPiece()
                    for offset in 0..<length { bytes.append(foldedBytes[position + offset]) }
                    recordHashing(start: start)
                    pieceStart = nil
                case .ignored:
                    break
                default:
                    if let start = pieceStart { recordHashing(start: start) }
                    pieceStart = nil
                }
                position += length
            }
        }
        if let start = pieceStart { recordHashing(start: start) }
        if bytes.count == tokenStart && tokenStart > 0 { bytes.removeLast() }
        if startsParagraph { newParagraph = true }
        if startsSentence { newSentence = true }
        startsParagraph = false
        startsSentence = false
    }

    /// Starts another piece of a folded token, separated by a space from what came before.
    private mutating func beginPiece() -> Int {
        if bytes.count > 0 && bytes.last != 0x20 { bytes.append(0x20) }
        return bytes.count
    }

    private mutating func recordHashing(start: Int) {
        let hash = StableHash.hash64(UnsafeRawBufferPointer(start: bytes.base + start, count: bytes.count - start))
        record(start: start, hash: hash)
    }

    /// Records the token that runs from `start` to the end of `bytes`.
    @inline(__always)
    private mutating func record(start: Int, hash: UInt64) {
        guard bytes.count > start else { return }
        let index = Int32(tokenStarts.count)
        if startsParagraph {
            paragraphStarts.append(index)
            paragraphSources.append(Int32(tokenSource))
            startsParagraph = false
        }
        if startsSentence {
            sentenceStarts.append(index)
            startsSentence = false
        }
        tokenStarts.append(Int32(start))
        tokenHashes.append(hash)
    }

    private func letterFollows(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int, _ lower: UnsafeBufferPointer<UInt8>,
                               _ folds: UnsafeBufferPointer<UInt32>) -> Bool {
        guard offset < text.count else { return false }
        let byte = text[offset]
        if byte < 0x80 { return lower[Int(byte)] != 0 }
        let scalar = UTF8Decoding.decode(text, at: offset).scalar
        let role = scalar < 0x10000 ? Role(rawValue: UInt8(folds[Int(scalar)] >> 24 & 0xF))! : Self.role(of: scalar)
        return role == .word
    }

    /// How the key treats a scalar.
    enum Role: UInt8 { case separator, word, ideograph, ignored, apostrophe, lineBreak, blank, terminal }

    static func role(of value: UInt32) -> Role {
        if value < 0x80 {
            switch value {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return .word
            case 0x0A, 0x0D: return .lineBreak
            case 0x20, 0x09: return .blank
            case 0x2E, 0x21, 0x3F: return .terminal
            case 0x27: return .apostrophe
            default: return .separator
            }
        }
        switch value {
        case 0x2019, 0x2018, 0x02BC, 0x2032: return .apostrophe
        case 0x2028, 0x2029, 0x85: return .lineBreak
        case 0x2026, 0x3002, 0xFF01, 0xFF1F, 0xFF0E: return .terminal
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F, 0x20000...0x2FA1F:
            return .ideograph
        default: break
        }
        switch UnicodeFolding.category(value) {
        case UTF8PROC_CATEGORY_LU, UTF8PROC_CATEGORY_LL, UTF8PROC_CATEGORY_LT, UTF8PROC_CATEGORY_LM, UTF8PROC_CATEGORY_LO,
             UTF8PROC_CATEGORY_MN, UTF8PROC_CATEGORY_MC, UTF8PROC_CATEGORY_ME,
             UTF8PROC_CATEGORY_ND, UTF8PROC_CATEGORY_NL, UTF8PROC_CATEGORY_NO:
            return .word
        case UTF8PROC_CATEGORY_CF: return .ignored
        case UTF8PROC_CATEGORY_ZS: return .blank
        case UTF8PROC_CATEGORY_ZL, UTF8PROC_CATEGORY_ZP: return .lineBreak
        default: return .separator
        }
    }
}

/// Eight ASCII bytes at a time: where a run of letters and digits ends, and its lower-case form.
enum ASCIIWords {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte that lies in `low...high` (bytes below 0x80 only).
    @inline(__always)
    private static func inRange(_ word: UInt64, _ low: UInt64, _ high: UInt64) -> UInt64 {
        ((word &+ (0x80 - low) &* ones) & ~(word &+ (0x7F - high) &* ones)) & highs
    }

    /// The chunk lower-cased, and how many leading bytes are ASCII letters or digits (8 when all are).
    @inline(__always)
    static func lowercasedRun(_ word: UInt64) -> (lowered: UInt64, length: Int) {
        let ascii = ~word & highs
        let clean = word & ~highs
        let upper = inRange(clean, 0x41, 0x5A) & ascii
        let isWord = (upper | inRange(clean, 0x61, 0x7A) | inRange(clean, 0x30, 0x39)) & ascii
        let stops = ~isWord & highs
        let length = stops == 0 ? 8 : stops.trailingZeroBitCount >> 3
        return (word | (upper >> 2), length)
    }
}

/// `StableHash.hash64` computed byte by byte as a token is written, so it is never read twice.
struct TokenHasher {
    private var state = StableHash.prime0
    private var word: UInt64 = 0
    private var shift: UInt64 = 0
    private var length: UInt64 = 0

    @inline(__always)
    mutating func add(_ byte: UInt8) {
        word |= UInt64(byte) << shift
        shift += 8
        length += 1
        if shift == 64 {
            state = StableHash.mum(state ^ word, StableHash.prime1)
            word = 0
            shift = 0
        }
    }

    /// True when no partial word is pending, so whole 8-byte words can be added.
    var isAligned: Bool { shift == 0 }

    /// Adds the low `length` bytes of `word` (little-endian order); only when aligned.
    @inline(__always)
    mutating func add(word: UInt64, length: Int) {
        assert(shift == 0 && length <= 8)
        self.length += UInt64(length)
        if length == 8 {
            state = StableHash.mum(state ^ word, StableHash.prime1)
        } else if length > 0 {
            self.word = word & ((1 << (UInt64(length) * 8)) - 1)
            shift = UInt64(length) * 8
        }
    }

    @inline(__always)
    func finish() -> UInt64 {
        var result = state
        if shift > 0 { result = StableHash.mum(result ^ word, StableHash.prime2) }
        return StableHash.mum(result ^ length, StableHash.prime1)
    }
}
