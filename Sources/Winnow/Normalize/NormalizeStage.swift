/// The `normalize` stage: cleans each document's output text and computes its matching key.
///
/// Both are pure per-document work and run in parallel. A document whose text lost invalid bytes or
/// invisible characters gets an `edit` decision saying how many; folding blanks and line breaks is
/// counted in the report only, since it changes nothing a reader sees.
public final class NormalizeStage: Stage {
    /// The stage's options, as the pipeline file names them.
    public struct Options: Sendable, Equatable {
        /// Creates the default options.
        public init() {}
    }

    public let name = "normalize"
    public let preparation: Preparation

    /// A normalize stage with `options`.
    public init(options: Options = Options()) {
        preparation = Preparation(cleaner: TextCleaner())
    }

    /// Cleans the text and computes the key.
    public struct Preparation: DocumentPreparation {
        let cleaner: TextCleaner

        public func prepare(_ document: inout Document) -> (changed: Bool, changes: TextCleaner.Changes) {
            let (text, changes) = cleaner.clean(document.text)
            let changed = text != document.text
            if changed { document.text = text }
            document.key = MatchingKey(text: document.text)
            return (changed, changes)
        }
    }

    public func process(_ document: Document, prepared: (changed: Bool, changes: TextCleaner.Changes),
                        context: StageContext) throws {
        let changes = prepared.changes
        if prepared.changed { context.count("normalize.changed") }
        if changes.invalidBytes > 0 { context.count("normalize.invalid-bytes", by: changes.invalidBytes) }
        if changes.removedCharacters > 0 { context.count("normalize.removed-characters", by: changes.removedCharacters) }
        if changes.invalidBytes + changes.removedCharacters > 0 {
            var parts: [String] = []
            if changes.invalidBytes > 0 { parts.append("\(changes.invalidBytes) invalid bytes replaced") }
            if changes.removedCharacters > 0 { parts.append("\(changes.removedCharacters) invisible characters removed") }
            context.record(.edit, of: document, reason: "normalize", detail: parts.joined(separator: ", "))
        }
        context.emit(document)
    }
}
