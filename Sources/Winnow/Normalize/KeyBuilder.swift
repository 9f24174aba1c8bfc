import CUtf8proc

/// Builds a `MatchingKey` in one pass over UTF-8 text.
struct KeyBuilder {
    var bytes: [UInt8] = []
    var tokenStarts: [Int32] = []
    var tokenHashes: [UInt64] = []
    var sourceStarts: [Int32] = []
    var sourceEnds: [Int32] = []
    var paragraphStarts: [Int32] = []
    var sentenceStarts: [Int32] = []

    private var tokenOpen = false
    private var tokenStart = 0
    private var tokenSource = 0
    private var tokenEnd = 0
    private var tokenIsASCII = true
    private var startsParagraph = false
    private var startsSentence = false
    private var newParagraph = true
    private var newSentence = true
    private var sawTerminal = false

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        let tokens = capacity / 5 + 4
        tokenStarts.reserveCapacity(tokens)
        tokenHashes.reserveCapacity(tokens)
        sourceStarts.reserveCapacity(tokens)
        sourceEnds.reserveCapacity(tokens)
    }

    /// What an ASCII byte does in the key.
    private static let asciiClass: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 128)
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { table[Int(byte)] = 1 }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { table[Int(byte)] = 1 }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { table[Int(byte)] = 2 }
        for byte in [0x0A, 0x0D, 0x20, 0x09] { table[Int(byte)] = 3 }
        for byte in ".!?'&" { table[Int(byte.asciiValue!)] = 4 }
        return table
    }()

    mutating func scan(_ text: UnsafeBufferPointer<UInt8>) {
        let count = text.count
        var index = 0
        while index < count {
            let byte = text[index]
            if byte < 0x80 {
                switch Self.asciiClass[Int(byte)] {
                case 1:
                    if !tokenOpen { open(at: index) }
                    bytes.append(byte)
                    tokenEnd = index + 1
                case 2:
                    if !tokenOpen { open(at: index) }
                    bytes.append(byte | 0x20)
                    tokenEnd = index + 1
                case 3:
                    close()
                    if byte == 0x0A || byte == 0x0D {
                        newParagraph = true
                    } else if sawTerminal {
                        newSentence = true
                    }
                case 4:
                    switch byte {
                    case UInt8(ascii: "'") where tokenOpen && letterFollows(text, index + 1): break
                    case UInt8(ascii: "&"):
                        if let (decoded, length) = HTMLEntities.decode(text, at: index) {
                            for scalar in decoded.unicodeScalars { handle(scalar, text, at: index, end: index + length) }
                            index += length
                            continue
                        }
                        close()
                    case UInt8(ascii: "'"): close()
                    default:
                        close()
                        sawTerminal = true
                    }
                default:
                    close()
                }
                index += 1
                continue
            }
            if Mojibake.mayStart(text, at: index), let (scalar, length) = Mojibake.repair(text, at: index) {
                handle(scalar, text, at: index, end: index + length)
                index += length
                continue
            }
            let (scalar, length, _) = TextCleaner.decode(text, at: index)
            handle(scalar, text, at: index, end: index + length)
            index += length
        }
        close()
    }

    /// Handles one non-ASCII scalar (or a decoded one) spanning `start..<end` of the text.
    private mutating func handle(_ scalar: Unicode.Scalar, _ text: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) {
        if scalar.isASCII {
            let byte = UInt8(scalar.value)
            switch Self.asciiClass[Int(byte)] {
            case 1, 2:
                if !tokenOpen { open(at: start) }
                bytes.append(byte | (Self.asciiClass[Int(byte)] == 2 ? 0x20 : 0))
                tokenEnd = end
            case 3:
                close()
                if byte == 0x0A || byte == 0x0D { newParagraph = true } else if sawTerminal { newSentence = true }
            default:
                if byte == UInt8(ascii: "'") && tokenOpen && letterFollows(text, end) { return }
                close()
                if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?") { sawTerminal = true }
            }
            return
        }
        switch Self.role(of: scalar.value) {
        case .word:
            if !tokenOpen { open(at: start) }
            tokenIsASCII = false
            bytes.append(contentsOf: UTF8.encode(scalar)!)
            tokenEnd = end
        case .ideograph:
            close()
            open(at: start)
            tokenIsASCII = false
            bytes.append(contentsOf: UTF8.encode(scalar)!)
            tokenEnd = end
            close()
        case .ignored:
            break
        case .apostrophe where tokenOpen && letterFollows(text, end):
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
            if scalar.value >= 0x3000 { newSentence = true }
        case .apostrophe, .separator:
            close()
        }
    }

    private mutating func open(at source: Int) {
        if !tokenStarts.isEmpty { bytes.append(0x20) }
        tokenStart = bytes.count
        tokenSource = source
        tokenOpen = true
        tokenIsASCII = true
        startsParagraph = newParagraph
        startsSentence = newSentence || newParagraph
        newParagraph = false
        newSentence = false
        sawTerminal = false
    }

    /// Ends the open token: folds it when it holds non-ASCII, splits what folding separated, records it.
    private mutating func close() {
        guard tokenOpen else { return }
        tokenOpen = false
        if tokenIsASCII {
            record(start: tokenStart)
            return
        }
        let folded = bytes.withUnsafeBufferPointer { UnicodeFolding.foldForKey(UnsafeBufferPointer(rebasing: $0[tokenStart...])) }
        bytes.removeSubrange(tokenStart...)
        var pieceStart: Int?
        var position = 0
        folded.withUnsafeBufferPointer { foldedBytes in
            while position < foldedBytes.count {
                let (scalar, length, _) = TextCleaner.decode(foldedBytes, at: position)
                let role: Role = scalar.isASCII
                    ? ((Self.asciiClass[Int(scalar.value)] == 1 || Self.asciiClass[Int(scalar.value)] == 2) ? .word : .separator)
                    : Self.role(of: scalar.value)
                switch role {
                case .word:
                    if pieceStart == nil { pieceStart = beginPiece() }
                    bytes.append(contentsOf: foldedBytes[position..<position + length])
                case .ideograph:
                    if pieceStart != nil { record(start: pieceStart!) }
                    let start = beginPiece()
                    bytes.append(contentsOf: foldedBytes[position..<position + length])
                    record(start: start)
                    pieceStart = nil
                case .ignored:
                    break
                default:
                    if let start = pieceStart { record(start: start) }
                    pieceStart = nil
                }
                position += length
            }
        }
        if let start = pieceStart { record(start: start) }
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

    /// Records the token that runs from `start` to the end of `bytes`.
    private mutating func record(start: Int) {
        guard bytes.count > start else { return }
        let index = Int32(tokenStarts.count)
        if startsParagraph {
            paragraphStarts.append(index)
            startsParagraph = false
        }
        if startsSentence {
            sentenceStarts.append(index)
            startsSentence = false
        }
        tokenStarts.append(Int32(start))
        sourceStarts.append(Int32(tokenSource))
        sourceEnds.append(Int32(tokenEnd))
        tokenHashes.append(bytes.withUnsafeBytes { StableHash.hash64(UnsafeRawBufferPointer(rebasing: $0[start...])) })
    }

    private func letterFollows(_ text: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        guard offset < text.count else { return false }
        let byte = text[offset]
        if byte < 0x80 { return Self.asciiClass[Int(byte)] == 1 || Self.asciiClass[Int(byte)] == 2 }
        return Self.role(of: TextCleaner.decode(text, at: offset).0.value) == .word
    }

    /// How the key treats a non-ASCII scalar.
    enum Role { case word, ideograph, ignored, apostrophe, lineBreak, blank, terminal, separator }

    static func role(of value: UInt32) -> Role {
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
