import ArgumentParser
import Foundation
import Winnow
import WinnowLab

/// Output text plus matching key, one thread, per language, on clean and on noisy text.
struct NormalizeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "normalize",
                                                    abstract: "Output text and key, one thread, MB/s per language.")

    @Option(help: "Megabytes of text per language.")
    var megabytes = 20

    @Option(help: "Only this language (english, german, russian, chinese).")
    var language: String?

    @Flag(help: "Also time Foundation's NFKC and case folding on the same text, for comparison.")
    var compareFoundation = false

    func run() {
        let cleaner = TextCleaner()
        for language in TextSampler.Language.allCases where self.language == nil || self.language == language.rawValue {
            for noisy in [false, true] {
                var sampler = TextSampler(language: language, seed: 1)
                var texts: [String] = []
                var bytes = 0
                while bytes < megabytes * 1_000_000 {
                    let article = noisy ? sampler.noisy(sampler.article()) : sampler.article()
                    bytes += article.utf8.count
                    texts.append(article)
                }
                var tokens = 0
                let cleanOnly = Measure.best { for text in texts { _ = cleaner.clean(text) } }
                let keyOnly = Measure.best { for text in texts { tokens &+= MatchingKey(text: text).count } }
                let both = Measure.best {
                    for text in texts { tokens &+= MatchingKey(text: cleaner.clean(text).text).count }
                }
                if compareFoundation && !noisy {
                    let utf8proc = Measure.best(rounds: 1) {
                        for text in texts { tokens &+= text.utf8.withContiguousStorageIfAvailable { UnicodeBench.fold($0) } ?? 0 }
                    }
                    let foundation = Measure.best(rounds: 1) {
                        for text in texts {
                            tokens &+= text.precomposedStringWithCompatibilityMapping
                                .folding(options: [.caseInsensitive], locale: nil).utf8.count
                        }
                    }
                    print("\(language.rawValue): NFKC + case folding of whole texts: utf8proc "
                          + "\(Measure.megabytesPerSecond(bytes: bytes, seconds: utf8proc)), Foundation "
                          + "\(Measure.megabytesPerSecond(bytes: bytes, seconds: foundation))")
                }
                let name = (language.rawValue + (noisy ? " noisy" : "")).padding(toLength: 14, withPad: " ", startingAt: 0)
                print("\(name) text \(Measure.megabytesPerSecond(bytes: bytes, seconds: cleanOnly)), "
                      + "key \(Measure.megabytesPerSecond(bytes: bytes, seconds: keyOnly)), "
                      + "text + key \(Measure.megabytesPerSecond(bytes: bytes, seconds: both))  [\(tokens % 2)]")
            }
        }
    }
}
