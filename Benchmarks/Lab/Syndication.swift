/// A syndicated copy: the same article as another site runs it, with one to three changes.
///
/// Word edits come as copy editors make them: a few words changed together inside a sentence
/// (substituted, inserted or deleted), 2–15% of the words in all.
enum Syndication {
    /// The copy's story (headline and body as changed), its full text, and what was changed.
    static func apply(_ story: Story, topic: [String], site: String, _ writer: inout StoryWriter) -> (Story, String, String) {
        var copy = story
        var header: [String] = []
        var footer: [String] = []
        var details: [String] = []
        let changes = ["headline changed", "headline dropped", "byline", "dateline", "paragraph added",
                       "paragraph removed", "word edits", "header", "footer"]
        var chosen = Set<String>()
        for _ in 0..<(1 + writer.number(below: 3)) { chosen.insert(changes[writer.number(below: changes.count)]) }
        if chosen.contains("headline changed") && chosen.contains("headline dropped") { chosen.remove("headline changed") }
        for change in changes where chosen.contains(change) {
            details.append(change)
            switch change {
            case "headline changed": copy.headline = writer.headline(topic: topic)
            case "headline dropped": copy.headline = nil
            case "byline":
                header.append("By \(topic[0]) \(topic[1]), \(site.capitalized) correspondent")
            case "dateline":
                if !copy.paragraphs.isEmpty {
                    copy.paragraphs[0] = "\(topic[2].uppercased()) (\(site.capitalized)) — " + copy.paragraphs[0]
                }
            case "paragraph added":
                copy.paragraphs.insert(writer.paragraph(topic: topic), at: writer.number(below: copy.paragraphs.count + 1))
            case "paragraph removed":
                if copy.paragraphs.count > 3 { copy.paragraphs.remove(at: 1 + writer.number(below: copy.paragraphs.count - 1)) }
            case "word edits":
                let rate = 0.02 + Double(writer.number(below: 14)) / 100
                copy.paragraphs = edit(copy.paragraphs, rate: rate, topic: topic, &writer)
                details[details.count - 1] = "word edits \(Int(rate * 100))%"
            case "header": header += Sites.header(site)
            default: footer += Sites.footer(site)
            }
        }
        let lines = header + (copy.headline.map { [$0] } ?? []) + copy.paragraphs + footer
        return (copy, lines.joined(separator: "\n"), details.joined(separator: ", "))
    }

    /// Edits about `rate` of the words, in runs of one to four words inside sentences.
    static func edit(_ paragraphs: [String], rate: Double, topic: [String], _ writer: inout StoryWriter) -> [String] {
        var words = paragraphs.map { $0.split(separator: " ").map(String.init) }
        let total = words.reduce(0) { $0 + $1.count }
        var budget = Int(Double(total) * rate)
        while budget > 0 {
            let paragraph = writer.number(below: words.count)
            guard !words[paragraph].isEmpty else { continue }
            let start = writer.number(below: words[paragraph].count)
            let length = min(1 + writer.number(below: 4), budget, words[paragraph].count - start)
            switch writer.number(below: 3) {
            case 0:
                for index in start..<start + length { words[paragraph][index] = writer.word(topic: topic) }
            case 1:
                words[paragraph].insert(contentsOf: (0..<length).map { _ in writer.word(topic: topic) }, at: start)
            default:
                if words[paragraph].count > length + 3 { words[paragraph].removeSubrange(start..<start + length) }
            }
            budget -= max(1, length)
        }
        return words.map { $0.joined(separator: " ") }
    }
}
