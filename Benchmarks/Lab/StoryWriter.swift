/// Writes made-up news stories: a headline and paragraphs of sentences mixing common words, content
/// words (Zipf-skewed) and the story's own topic names, the way news copy repeats its subject.
public struct StoryWriter {
    public var generator: SeededGenerator

    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    public mutating func number(below bound: Int) -> Int { Int(generator.next() % UInt64(max(bound, 1))) }

    public mutating func chance(_ probability: Double) -> Bool {
        Double(generator.next() >> 11) / Double(1 << 53) < probability
    }

    /// A skewed pick in `0..<count`: low indexes far more often.
    public mutating func skewed(_ count: Int) -> Int {
        let uniform = Double(generator.next() >> 11) / Double(1 << 53)
        return min(count - 1, Int(Double(count) * uniform * uniform))
    }

    /// Names for a new story's topic: people, places, organisations.
    public mutating func topic() -> [String] {
        (0..<8).map { _ in
            let word = Vocabulary.makeWord(&generator)
            return word.prefix(1).uppercased() + word.dropFirst()
        }
    }

    public mutating func word(topic: [String]) -> String {
        let roll = number(below: 100)
        if roll < 45 { return Vocabulary.common[skewed(Vocabulary.common.count)] }
        if roll < 90 { return Vocabulary.content[skewed(Vocabulary.content.count)] }
        return topic[number(below: topic.count)]
    }

    public mutating func sentence(topic: [String], length: Int? = nil) -> String {
        let count = length ?? (9 + number(below: 17))
        var words: [String] = []
        for index in 0..<count {
            var next = word(topic: topic)
            if index == 0 { next = next.prefix(1).uppercased() + next.dropFirst() }
            switch number(below: 50) {
            case 0: next += ","
            case 1: next = "“\(next)”"
            case 2: next = String(2 + number(below: 2030))
            case 3 where index > 2: next += " —"
            case 4: next += "’s"
            default: break
            }
            words.append(next)
        }
        return words.joined(separator: " ") + (number(below: 15) == 0 ? "?" : ".")
    }

    public mutating func paragraph(topic: [String]) -> String {
        (0..<(2 + number(below: 4))).map { _ in sentence(topic: topic) }.joined(separator: " ")
    }

    public mutating func headline(topic: [String]) -> String {
        String(sentence(topic: topic, length: 7 + number(below: 6)).dropLast())
    }

    /// A story: headline first, then 4 to 10 paragraphs.
    public mutating func story(topic: [String]) -> Story {
        Story(headline: headline(topic: topic), paragraphs: (0..<(4 + number(below: 7))).map { _ in paragraph(topic: topic) })
    }
}

/// A generated story: its headline and body paragraphs.
public struct Story: Sendable {
    public var headline: String?
    public var paragraphs: [String]

    public init(headline: String?, paragraphs: [String]) {
        self.headline = headline
        self.paragraphs = paragraphs
    }

    /// The text as a scraped page gives it: one paragraph a line, headline first.
    public var text: String { ((headline.map { [$0] } ?? []) + paragraphs).joined(separator: "\n") }
}
