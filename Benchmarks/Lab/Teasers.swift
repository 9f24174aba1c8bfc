import Foundation

/// A truncated teaser of a story, as "related articles" lists, feeds and social cards cut them.
///
/// The source is the lede (most often), a later paragraph, or the headline and the lede joined by a
/// dash; it may be the story's syndicated twin. The cut falls mid-word or at a word, 40 to 300
/// characters in; the marker is any common ellipsis, with or without a "read more" tail in one of
/// several languages; quotes may be straightened and characters entity-encoded.
enum Teasers {
    static let markers = ["…", "...", " …", " [...]", " […]", "… Read more", " (…)", "&hellip;", " . . .",
                          "… Continue reading", " [...] Weiterlesen", "… Lire la suite", "... more »", "&#8230;"]

    static func make(_ story: Story, twin: Story? = nil, _ writer: inout StoryWriter) -> (String, String) {
        var details: [String] = []
        var base = story
        if let twin, writer.chance(0.3) {
            base = twin
            details.append("from twin")
        }
        let source: String
        switch writer.number(below: 20) {
        case 0..<13: source = base.paragraphs[0]
        case 13..<16:
            source = base.paragraphs[writer.number(below: base.paragraphs.count)]
            details.append("any paragraph")
        default:
            if let headline = base.headline {
                source = headline + " – " + base.paragraphs[0]
                details.append("headline and lede")
            } else {
                source = base.paragraphs[0]
            }
        }
        let cut = Array(source.prefix(40 + writer.number(below: 261)))
        var text = String(cut)
        if writer.chance(0.5), let space = cut.lastIndex(of: " ") {
            text = String(cut[..<space])
            details.append("cut at a word")
        } else {
            details.append("cut mid-word")
        }
        switch writer.number(below: 10) {
        case 0, 1:
            text = text.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
                .replacingOccurrences(of: "’", with: "'")
            details.append("straight quotes")
        case 2:
            text = text.replacingOccurrences(of: "’", with: "&#8217;").replacingOccurrences(of: "“", with: "&ldquo;")
                .replacingOccurrences(of: "—", with: "&mdash;")
            details.append("entities")
        default:
            break
        }
        let marker = markers[writer.number(below: markers.count)]
        details.append(marker.trimmingCharacters(in: .whitespaces))
        return (text + marker, details.joined(separator: ", "))
    }
}
