import Foundation
import Winnow

/// A seeded, labelled news corpus: stories, their copies, variants, syndicated versions, fragments
/// and teasers, with hard negatives (follow-up stories on the same event, short articles sharing a
/// site's boilerplate). Every document carries its ground truth, so a run can be scored.
///
/// Derived documents always come after their story's original, at a random distance, as copies do
/// on the web. The same options give the same corpus on every machine.
public struct LabelledCorpus {
    /// What to generate.
    public struct Options: Sendable {
        /// Stories (originals); the corpus holds about 2.2 documents per story.
        public var stories = 1000
        public var seed: UInt64 = 1
        /// Include teasers (of present and of absent stories).
        public var teasers = true
        /// Stories per block; derived documents stay within their block.
        public var block = 400

        public init() {}
    }

    /// One generated document.
    public struct Entry: Sendable {
        public var id: String
        public var text: String
        public var site: String
        public var label: Label
    }

    /// Generates the corpus block by block, handing each document to `emit` in corpus order.
    public static func generate(_ options: Options, emit: (Entry) throws -> Void) rethrows {
        var writer = StoryWriter(seed: options.seed)
        var storyNumber = 0
        var documentNumber = 0
        while storyNumber < options.stories {
            let count = min(options.block, options.stories - storyNumber)
            var entries: [(key: Double, entry: Entry)] = []
            for offset in 0..<count {
                let story = storyNumber + offset
                entries += makeStoryEntries(story: story, writer: &writer, teasers: options.teasers)
            }
            entries.sort { $0.key < $1.key }
            for (_, var entry) in entries {
                documentNumber += 1
                entry.id = "d\(documentNumber)-\(entry.id)"
                try emit(entry)
            }
            storyNumber += count
        }
    }

    /// The whole corpus in memory (small corpora, tests).
    public static func entries(_ options: Options) -> [Entry] {
        var all: [Entry] = []
        generate(options) { all.append($0) }
        return all
    }

    /// The documents of one story, each with a sort key that puts derived documents after the original.
    private static func makeStoryEntries(story: Int, writer: inout StoryWriter, teasers: Bool) -> [(Double, Entry)] {
        let topic = writer.topic()
        let site = Sites.all[writer.number(below: Sites.all.count)]
        let base = writer.story(topic: topic)
        let start = Double(writer.number(below: 1_000_000))
        var result: [(Double, Entry)] = []
        func add(_ text: String, _ kind: Label.Kind, _ detail: String, site: String = site, number: Int = story) {
            let key = kind == .original ? start : start + 1 + Double(writer.number(below: 1_500_000))
            result.append((key, Entry(id: "\(kind.rawValue)", text: text, site: site, label: Label(kind: kind, story: number, detail: detail))))
        }
        add(base.text, .original, "")
        if writer.chance(0.12) { add(base.text, .exact, "") }
        if writer.chance(0.15) {
            let (text, detail) = Variants.apply(base.text, &writer)
            add(text, .variant, detail)
        }
        var twin: Story?
        if writer.chance(0.30) {
            let (copy, text, detail) = Syndication.apply(base, topic: topic, site: Sites.all[writer.number(below: Sites.all.count)], &writer)
            twin = copy
            add(text, .syndicated, detail)
        }
        if writer.chance(0.12) {
            let (text, detail) = Fragments.make(base, &writer)
            add(text, .fragment, detail)
        }
        if writer.chance(0.10) {
            add(FollowUps.make(base, topic: topic, &writer), .followUp, "", number: 1_000_000 + story)
        }
        if writer.chance(0.06) {
            let short = writer.paragraph(topic: writer.topic()) + "\n" + Sites.footer(site).joined(separator: "\n")
            add(short, .short, site, number: 2_000_000 + story)
        }
        if teasers {
            if writer.chance(0.15) {
                let (text, detail) = Teasers.make(base, twin: twin, &writer)
                add(text, .teaser, detail)
            }
            if writer.chance(0.04) {
                let absent = writer.story(topic: writer.topic())
                let (text, detail) = Teasers.make(absent, &writer)
                add(text, .orphanTeaser, detail, number: 3_000_000 + story)
            }
        }
        return result
    }

    /// The corpus as JSON Lines with `id`, `text`, `site` and the `label` object.
    public static func jsonLine(_ entry: Entry) -> String {
        var buffer = ByteBuffer()
        buffer.append("{\"id\":")
        buffer.appendJSONString(entry.id)
        buffer.append(",\"text\":")
        buffer.appendJSONString(entry.text)
        buffer.append(",\"site\":")
        buffer.appendJSONString(entry.site)
        buffer.append(",\"label\":{\"kind\":")
        buffer.appendJSONString(entry.label.kind.rawValue)
        buffer.append(",\"story\":\(entry.label.story),\"detail\":")
        buffer.appendJSONString(entry.label.detail)
        buffer.append("}}\n")
        return String(decoding: buffer.bytes, as: UTF8.self)
    }
}
