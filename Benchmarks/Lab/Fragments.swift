import Foundation

/// A part of a story standing alone: its first sentence, one of its paragraphs, or its headline.
enum Fragments {
    static func make(_ story: Story, _ writer: inout StoryWriter) -> (String, String) {
        switch writer.number(below: 3) {
        case 0:
            let first = story.paragraphs[0]
            let end = first.firstIndex { $0 == "." || $0 == "?" }.map { first.index(after: $0) } ?? first.endIndex
            return (String(first[..<end]), "first sentence")
        case 1:
            return (story.paragraphs[writer.number(below: story.paragraphs.count)], "paragraph")
        default:
            return (story.headline ?? story.paragraphs[0], "headline")
        }
    }
}

/// A follow-up story on the same event: the same names, new text, one sentence quoted from the first.
enum FollowUps {
    static func make(_ story: Story, topic: [String], _ writer: inout StoryWriter) -> String {
        var followUp = writer.story(topic: topic)
        let sentences = story.paragraphs[0].split(separator: ".")
        if let quoted = sentences.first {
            followUp.paragraphs.insert("As reported earlier, “\(quoted.trimmingCharacters(in: .whitespaces)).”", at: 1)
        }
        return followUp.text
    }
}

/// A truncated teaser of a story, as "related articles" lists and feeds cut them.
enum Teasers {
    static func make(_ story: Story, _ writer: inout StoryWriter) -> (String, String) {
        let source = writer.chance(0.8) ? story.paragraphs[0] : story.paragraphs[writer.number(below: story.paragraphs.count)]
        let target = 40 + writer.number(below: 261)
        let cut = Array(source.prefix(target))
        var text = String(cut)
        var style = "cut mid-word"
        if writer.chance(0.5), let space = cut.lastIndex(of: " ") {
            text = String(cut[..<space])
            style = "cut at a word"
        }
        let markers = ["…", "...", " …", " [...]", " […]", "… Read more", " (…)", "&hellip;"]
        let marker = markers[writer.number(below: markers.count)]
        return (text + marker, "\(style), \(marker.trimmingCharacters(in: .whitespaces))")
    }
}
