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
