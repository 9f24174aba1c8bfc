/// The words generated news stories are made of: real English function words, a large made-up
/// content vocabulary, and made-up names that give each story its own topic.
public enum Vocabulary {
    /// Frequent English words, most frequent first.
    public static let common = TextSampler.english

    private static let onsets = ["b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n",
                                 "p", "pl", "pr", "r", "s", "sh", "sl", "st", "t", "th", "tr", "v", "w", "z"]
    private static let vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou", "io"]
    private static let codas = ["", "", "n", "r", "s", "t", "l", "m", "nd", "st", "rk", "ng"]

    /// A made-up word of one to three syllables drawn from `generator`.
    public static func makeWord(_ generator: inout SeededGenerator) -> String {
        var word = ""
        for _ in 0...(generator.next() % 3) {
            word += onsets[Int(generator.next() % UInt64(onsets.count))]
            word += vowels[Int(generator.next() % UInt64(vowels.count))]
            word += codas[Int(generator.next() % UInt64(codas.count))]
        }
        return word
    }

    /// 30,000 made-up content words, the same for every run.
    public static let content: [String] = {
        var generator = SeededGenerator(seed: 0xC0_4E_7E_47)
        var seen = Set<String>()
        var words: [String] = []
        while words.count < 30_000 {
            let word = makeWord(&generator)
            if word.count >= 3, !common.contains(word), seen.insert(word).inserted { words.append(word) }
        }
        return words
    }()
}
