import Foundation

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
