/// What a teaser must match: its complete tokens exactly, then its last token as a possibly cut prefix.
public struct TeaserPattern: Sendable {
    /// The anchor hash of the teaser's first tokens.
    var anchor: UInt64
    /// The key bytes of the complete tokens, with the trailing space: `in november 2025 the `.
    var complete: [UInt8]
    /// The last token, possibly cut: `susp`.
    var last: [UInt8]

    /// The pattern of a teaser body, or nil when it is too short to be evidence.
    init?(body: String, minimumBytes: Int) {
        let key = MatchingKey(text: body)
        guard key.count > HeadIndex.anchorTokens, let anchor = HeadIndex.anchor(key, from: 0) else { return nil }
        let lastRange = key.tokenRange(key.count - 1)
        self.anchor = anchor
        self.complete = Array(key.bytes[0..<lastRange.lowerBound])
        self.last = Array(key.bytes[lastRange])
        guard complete.count >= minimumBytes else { return nil }
    }

    /// How a head matched a pattern.
    enum Match {
        /// The head holds the whole pattern.
        case whole
        /// The head was cut short of the pattern's end, and all it holds matches.
        case asFarAsHeld
    }

    /// How `head` begins with this pattern, or nil when it does not.
    func match(head: some Collection<UInt8>, complete headIsComplete: Bool) -> Match? {
        let full = complete + last
        if head.count < full.count {
            return !headIsComplete && head.elementsEqual(full.prefix(head.count)) ? .asFarAsHeld : nil
        }
        guard head.starts(with: complete), head.dropFirst(complete.count).starts(with: last) else { return nil }
        return .whole
    }

    /// True when `head` begins with this pattern; a head cut short is accepted if all it holds matches.
    func matches(head: some Collection<UInt8>, complete headIsComplete: Bool) -> Bool {
        match(head: head, complete: headIsComplete) != nil
    }
}
