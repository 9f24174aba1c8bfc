import Foundation

/// Recognises a truncated teaser by its end: an ellipsis in any of its forms, possibly followed by a
/// "read more" tail.
///
/// It works on the text as it came, before the matching key folds `…` into `...`.
///
/// ```swift
/// TeaserDetector().detect("The minister said on Monday that …  Read more")?.body
/// // "The minister said on Monday that"
/// ```
public struct TeaserDetector: Sendable {
    /// What a detection found.
    public struct Detection: Sendable, Equatable {
        /// The teaser's text without the ellipsis and the tail, trimmed.
        public var body: Substring
        /// The ellipsis marker as it stood.
        public var marker: String
        /// The read-more tail, when there was one.
        public var tail: String?
    }

    /// The default read-more tails, several languages, compared case-insensitively.
    public static let defaultTails = [
        "read more", "read more »", "read more >>", "read more ›", "read the full story", "continue reading",
        "more", "more »", "more >>", "full story", "weiterlesen", "mehr", "lire la suite", "lire plus", "suite",
        "leer más", "seguir leyendo", "leggi tutto", "continua a leggere", "lees meer", "czytaj więcej",
        "ler mais", "подробнее", "читать далее", "続きを読む", "阅读更多", "»", "→", "›",
    ]

    /// Characters of the text's end looked at for a tail: more than the longest default tail.
    static let longestTail = 40

    /// The ellipsis forms, longest first so `[...]` wins over `...`.
    static let markers = [
        "[&hellip;]", "(&hellip;)", "&hellip;", "[&#8230;]", "&#8230;", "&#x2026;", "[...]", "(...)", "[…]", "(…)",
        ". . .", "...", "…",
    ]

    /// A detector with the default tails, built once.
    public static let standard = TeaserDetector()

    /// The read-more tails this detector accepts, lower-cased, longest first (as many characters as
    /// `longestTail` at most).
    public var tails: [String] {
        get { tailStrings }
        set {
            tailStrings = newValue.map { $0.lowercased() }.filter { $0.count <= Self.longestTail }.sorted { $0.count > $1.count }
            tailBytes = tailStrings.map { Array($0.utf8) }
            let markerEnds = Set(Self.markers.compactMap(\.utf8.last))
            tailsMayEndLikeMarkers = tailBytes.contains { $0.last.map(markerEnds.contains) ?? false }
        }
    }

    /// The tails, lower-cased, longest first.
    private var tailStrings: [String] = []
    /// The same in UTF-8.
    private var tailBytes: [[UInt8]] = []
    /// True when a tail ends with the byte an ellipsis marker ends with; otherwise a text that ends
    /// with a marker cannot end with a tail, and tails need not be looked for.
    private var tailsMayEndLikeMarkers = false

    /// A detector with the given read-more tails.
    public init(tails: [String] = TeaserDetector.defaultTails) {
        self.tails = tails
    }

    /// The detection for `text`, or nil when it does not end like a teaser.
    ///
    /// Tails and markers are compared as UTF-8 bytes (none of them starts with a combining mark, so a
    /// byte suffix is a character suffix); an ending that is not all ASCII is lower-cased in full.
    public func detect(_ text: some StringProtocol) -> Detection? {
        guard Self.mayEndWithMarker(text) else { return nil }
        var rest = Substring(text).trimmingBlanks()
        var tail: String?
        if tailsMayEndLikeMarkers || Self.marker(at: rest) == nil, let beforeTail = withoutTail(rest) {
            let candidate = beforeTail.trimmingBlanks()
            if Self.marker(at: candidate) != nil {
                tail = String(rest[beforeTail.endIndex...])
                rest = candidate
            }
        }
        guard let marker = Self.marker(at: rest) else { return nil }
        let body = Substring(rest.utf8.dropLast(marker.utf8.count)).trimmingBlanks()
        guard !body.isEmpty else { return nil }
        return Detection(body: body, marker: marker, tail: tail)
    }

    /// The text before the read-more tail `text` ends with, if it ends with one.
    private func withoutTail(_ text: Substring) -> Substring? {
        let window = Self.longestTail * 4
        let search = text.utf8.withContiguousStorageIfAvailable { asciiTail(of: UnsafeBufferPointer(rebasing: $0.suffix(window))) }
            ?? Array(text.utf8.suffix(window)).withUnsafeBufferPointer { asciiTail(of: $0) }
        switch search {
        case .found(let length): return Substring(text.utf8.dropLast(length))
        case .none: return nil
        case .notASCII:
            let ending = text.suffix(Self.longestTail).lowercased()
            guard let found = tailStrings.first(where: { ending.hasSuffix($0) }) else { return nil }
            return text.dropLast(found.count)
        }
    }

    /// What `asciiTail(of:)` found at the end of a text.
    private enum TailSearch {
        /// The end holds non-ASCII bytes; tails are compared as characters instead.
        case notASCII
        /// No tail.
        case none
        /// A tail of this many bytes.
        case found(Int)
    }

    /// The longest tail the ASCII `window` ends with, compared without case.
    private func asciiTail(of window: UnsafeBufferPointer<UInt8>) -> TailSearch {
        guard window.allSatisfy({ $0 < 0x80 }) else { return .notASCII }
        return tailBytes.first { Self.endsCaseInsensitively(window, with: $0) }.map { .found($0.count) } ?? .none
    }

    /// True when the ASCII `window`, lower-cased, ends with `tail`.
    private static func endsCaseInsensitively(_ window: UnsafeBufferPointer<UInt8>, with tail: [UInt8]) -> Bool {
        guard window.count >= tail.count else { return false }
        let start = window.count - tail.count
        for (offset, byte) in tail.enumerated() {
            let candidate = window[start + offset]
            if (candidate >= 0x41 && candidate <= 0x5A ? candidate | 0x20 : candidate) != byte { return false }
        }
        return true
    }

    /// True when `document` is a teaser candidate: flagged by its reader, or short and ending like a
    /// teaser. Dedup stages leave such records to the `teasers` stage.
    public func isCandidate(_ document: Document, maxChars: Int = 600) -> Bool {
        document.annotations.teaserCandidate || (document.text.utf8.count <= maxChars * 4 && detect(document.text) != nil)
    }

    /// A fast test on the last bytes: every marker holds `…`, `...`, `. . .` or an `&` reference, and
    /// must stand within the last `longestTail` characters or so.
    static func mayEndWithMarker(_ text: some StringProtocol) -> Bool {
        let window = longestTail * 4 + 16
        if let fast = text.utf8.withContiguousStorageIfAvailable({ mayEndWithMarker(contiguous: UnsafeBufferPointer(rebasing: $0.suffix(window))) }) {
            return fast
        }
        var scan = MarkerScan()
        return text.utf8.suffix(window).contains { scan.step($0) }
    }

    /// `mayEndWithMarker` over bytes in one piece: sixteen bytes with no `.`, `&` or 0xA6 while no dot
    /// is counted leave none counted (no blank can follow a dot then), so they are passed whole.
    private static func mayEndWithMarker(contiguous bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var scan = MarkerScan()
        var index = 0
        while index < bytes.count {
            if scan.dots == 0 && index + ByteVector.width <= bytes.count {
                let chunk = ByteVector(bytes.baseAddress! + index)
                if chunk.mask(equalTo: UInt8(ascii: ".")) | chunk.mask(equalTo: UInt8(ascii: "&")) | chunk.mask(equalTo: 0xA6) == 0 {
                    index += ByteVector.width
                    scan.beforePrevious = bytes[index - 2]
                    scan.previous = bytes[index - 1]
                    continue
                }
            }
            if scan.step(bytes[index]) { return true }
            index += 1
        }
        return false
    }

    /// The state of `mayEndWithMarker` between bytes: dots in a row (blanks after a dot allowed) and
    /// the last two bytes, for the `…` that ends in 0xA6.
    private struct MarkerScan {
        var dots = 0
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0

        /// Takes the next byte; true when a marker may stand here.
        @inline(__always)
        mutating func step(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "."):
                dots += 1
                if dots >= 3 { return true }
            case UInt8(ascii: " ") where previous == UInt8(ascii: "."):
                break
            case 0xA6 where previous == 0x80 && beforePrevious == 0xE2:
                return true
            case UInt8(ascii: "&"):
                return true
            default:
                dots = 0
            }
            beforePrevious = previous
            previous = byte
            return false
        }
    }

    /// The ellipsis `text` ends with, if any.
    static func marker(at text: Substring) -> String? {
        let utf8 = text.utf8
        if let found = utf8.withContiguousStorageIfAvailable({ bytes in
            markerBytes.firstIndex { marker in
                bytes.count >= marker.count && memcmp(bytes.baseAddress! + bytes.count - marker.count, marker, marker.count) == 0
            }
        }) {
            return found.map { markers[$0] }
        }
        return markers.first { marker in
            let bytes = marker.utf8
            return utf8.count >= bytes.count && utf8.suffix(bytes.count).elementsEqual(bytes)
        }
    }

    /// `markers` in UTF-8.
    private static let markerBytes = markers.map { Array($0.utf8) }
}

extension Substring {
    /// The substring without leading and trailing spaces, tabs and no-break spaces.
    func trimmingBlanks() -> Substring {
        var result = self
        while let first = result.first, first == " " || first == "\t" || first == "\u{A0}" { result.removeFirst() }
        while let last = result.last, last == " " || last == "\t" || last == "\u{A0}" { result.removeLast() }
        return result
    }
}
