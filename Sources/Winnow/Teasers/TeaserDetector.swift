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

    /// The read-more tails this detector accepts.
    public var tails: [String]

    /// A detector with the given read-more tails.
    public init(tails: [String] = TeaserDetector.defaultTails) {
        self.tails = tails.map { $0.lowercased() }.filter { $0.count <= Self.longestTail }.sorted { $0.count > $1.count }
    }

    /// The detection for `text`, or nil when it does not end like a teaser.
    public func detect(_ text: some StringProtocol) -> Detection? {
        guard Self.mayEndWithMarker(text) else { return nil }
        var rest = Substring(text).trimmingBlanks()
        var tail: String?
        let ending = rest.suffix(Self.longestTail).lowercased()
        if let found = tails.first(where: { ending.hasSuffix($0) }) {
            let candidate = rest.dropLast(found.count).trimmingBlanks()
            if Self.marker(at: candidate) != nil {
                tail = String(rest.suffix(found.count))
                rest = candidate
            }
        }
        guard let marker = Self.marker(at: rest) else { return nil }
        let body = rest.dropLast(marker.count).trimmingBlanks()
        guard !body.isEmpty else { return nil }
        return Detection(body: body, marker: marker, tail: tail)
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
        if let fast = text.utf8.withContiguousStorageIfAvailable({ mayEndWithMarker(bytes: $0.suffix(window)) }) { return fast }
        return mayEndWithMarker(bytes: text.utf8.suffix(window))
    }

    private static func mayEndWithMarker(bytes tail: some Collection<UInt8>) -> Bool {
        var dots = 0
        var previous: UInt8 = 0
        var beforePrevious: UInt8 = 0
        for byte in tail {
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
        }
        return false
    }

    static func marker(at text: Substring) -> String? {
        markers.first { text.hasSuffix($0) }
    }
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
