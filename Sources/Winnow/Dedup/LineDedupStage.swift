/// The `line-dedup` stage: removes boilerplate paragraphs (share bars, newsletter pleas, copyright
/// lines) that recur across documents, and a paragraph repeated inside one document after its first
/// appearance.
///
/// A short paragraph (`max-length` tokens at most) becomes boilerplate when it has appeared in
/// `min-documents` different documents; it is then removed from each later document, and from the
/// earlier ones still waiting to be written. Every change is an `edit` decision naming what went; a
/// document that was nothing but boilerplate is dropped (`boilerplate`). Run after near-dedup, copies
/// of one article do not count as different documents. Memory: one counter per distinct short
/// paragraph (about 30 bytes), and the id of each document that first carried one.
public final class LineDedupStage: Stage {
    /// Where repeats are looked for.
    public enum Scope: String, Sendable, CaseIterable {
        /// Inside each document only.
        case document
        /// Inside each document and across the corpus.
        case corpus
    }

    /// The stage's options, as the pipeline file names them.
    public struct Options: Sendable, Equatable {
        /// Where repeats are looked for.
        public var scope = Scope.corpus
        /// Documents a short paragraph must appear in to be boilerplate.
        public var minDocuments = 3
        /// Paragraphs longer than this many tokens are content, never boilerplate.
        public var maxLength = 40

        /// The defaults: corpus scope, three documents, paragraphs up to 40 tokens.
        public init() {}
    }

    public let name = "line-dedup"
    public let preparation = Preparation()
    private let options: Options
    // Unchecked at run time: only the stage's own calls, which never overlap, touch it (see `Stage`).
    @exclusivity(unchecked) private var tallies = StableHashMap<Tally>(filler: Tally())
    @exclusivity(unchecked) private var moreCarriers: [UInt64: [Int32]] = [:]
    @exclusivity(unchecked) private var carrierIDs = IdentifierArena()

    /// How often a short paragraph was seen, and its first two carriers (arena handles, -1 when none).
    private struct Tally {
        var count: Int32 = 0
        var first: Int32 = -1
        var second: Int32 = -1
    }

    /// A line-dedup stage with `options`.
    public init(options: Options = Options()) { self.options = options }

    /// Maps each paragraph of the document to its line and hash.
    public struct Preparation: DocumentPreparation {
        public func prepare(_ document: inout Document) -> [ParagraphMap.Entry] {
            ParagraphMap.entries(text: document.text, key: document.matchingKey())
        }
    }

    /// It looks at documents waiting to be written to change them and log the change.
    public var readsWaitingDocuments: Bool { true }

    public var indexBytes: Int {
        tallies.memoryBytes + MemoryEstimate.of(moreCarriers) + carrierIDs.memoryBytes
    }

    /// Paragraphs a document may have for its repeats to be found by comparing each with those before
    /// it, which costs less than hashing them into a set.
    static let scannedParagraphs = 24

    public func process(_ document: consuming Document, prepared paragraphs: [ParagraphMap.Entry], context: StageContext) throws {
        var removed: [Int: String] = [:]
        let many = paragraphs.count > Self.scannedParagraphs
        var seen = many ? Set<UInt64>(minimumCapacity: paragraphs.count) : []
        var carrier: Int32?
        for (index, paragraph) in paragraphs.enumerated() {
            let repeated = many ? !seen.insert(paragraph.hash).inserted : paragraphs[..<index].contains { $0.hash == paragraph.hash }
            guard !repeated else {
                removed[paragraph.line] = "repeated"
                continue
            }
            guard options.scope == .corpus, paragraph.tokens <= options.maxLength else { continue }
            var tally = tallies[paragraph.hash] ?? Tally()
            tally.count += 1
            if Int(tally.count) < options.minDocuments {
                let handle = carrier ?? carrierIDs.append(document.id)
                carrier = handle
                if tally.first < 0 { tally.first = handle } else if tally.second < 0 { tally.second = handle } else {
                    moreCarriers[paragraph.hash, default: []].append(handle)
                }
            } else {
                removed[paragraph.line] = "boilerplate"
                if Int(tally.count) == options.minDocuments {
                    let earlier = [tally.first, tally.second].filter { $0 >= 0 } + (moreCarriers.removeValue(forKey: paragraph.hash) ?? [])
                    for handle in earlier { removeLate(paragraph.hash, from: carrierIDs[handle], context: context) }
                    tally.first = -1
                    tally.second = -1
                }
            }
            tallies.updateValue(tally, forKey: paragraph.hash)
        }
        guard !removed.isEmpty else {
            context.emit(document)
            return
        }
        var edited = copy document
        let starts = ParagraphMap.lineStarts(of: document.text)
        edited.text = ParagraphMap.removing(lines: Set(removed.keys), from: document.text, starts: starts)
        edited.key = nil
        if !ParagraphMap.hasParagraph(edited.text) {
            context.drop(document, reason: "boilerplate", detail: Self.describe(removed, in: document.text, starts: starts))
            return
        }
        context.record(.edit, of: document, reason: Set(removed.values).count == 1 ? removed.values.first! : "boilerplate",
                       detail: Self.describe(removed, in: document.text, starts: starts))
        context.count("line-dedup.paragraphs-removed", by: removed.count)
        context.emit(edited)
    }

    /// Removes a paragraph judged boilerplate from a document still waiting to be written.
    private func removeLate(_ hash: UInt64, from id: DocumentID, context: StageContext) {
        var change: (decision: Decision, lines: Int)?
        context.annotate(id) { document in
            let starts = ParagraphMap.lineStarts(of: document.text)
            let entries = ParagraphMap.entries(text: document.text, key: MatchingKey(text: document.text), starts: starts)
            let lines = Set(entries.filter { $0.hash == hash }.map(\.line))
            guard !lines.isEmpty else { return }
            let remaining = ParagraphMap.removing(lines: lines, from: document.text, starts: starts)
            guard ParagraphMap.hasParagraph(remaining) else { return }
            change = (Decision(id: id, action: .edit, reason: "boilerplate", stage: self.name, source: document.source,
                               detail: Self.describe(Dictionary(uniqueKeysWithValues: lines.map { ($0, "boilerplate") }),
                                                     in: document.text, starts: starts)),
                      lines.count)
            document.text = remaining
        }
        if let change {
            context.record(change.decision)
            context.count("line-dedup.paragraphs-removed", by: change.lines)
        }
    }

    /// `removed 2 lines: "Share this article…", "© 2025 …"`.
    static func describe(_ removed: [Int: String], in text: String, starts: [Int]) -> String {
        let quoted = removed.keys.sorted().map { line -> String in
            let text = line < starts.count ? String(ParagraphMap.line(line, of: text, starts: starts)) : ""
            return "\"" + (text.count > 60 ? String(text.prefix(60)) + "…" : text) + "\""
        }
        return "removed \(removed.count) line\(removed.count == 1 ? "" : "s"): " + quoted.joined(separator: ", ")
    }
}
