/// The `exact-dedup` stage: documents with the same matching key are one document; the first stays.
///
/// The key's 128-bit stable digest is the only thing remembered per kept document (with its id), so
/// copies that differ only by what the key ignores (case, blanks, punctuation) are caught.
public final class ExactDedupStage: Stage {
    public let name = "exact-dedup"
    public let preparation = Preparation()
    // Unchecked at run time: only the stage's own calls, which never overlap, touch it (see `Stage`).
    @exclusivity(unchecked) private var seen: [Digest128: Int32] = [:]
    @exclusivity(unchecked) private var ids = IdentifierArena()

    /// An exact-dedup stage.
    public init() {}

    /// Computes the digest of the matching key.
    public struct Preparation: DocumentPreparation {
        public func prepare(_ document: inout Document) -> Digest128 {
            let key = document.matchingKey()
            return key.bytes.withUnsafeBytes { Digest128($0) }
        }
    }

    public var indexBytes: Int { MemoryEstimate.of(seen) + ids.memoryBytes }

    public func process(_ document: consuming Document, prepared digest: Digest128, context: StageContext) throws {
        if let first = seen[digest] {
            let original = ids[first]
            let id = document.id
            context.drop(document, reason: "exact", of: original, score: 1)
            context.annotate(original) { $0.annotations.duplicates.append(id) }
            return
        }
        seen[digest] = ids.append(document.id)
        context.emit(document)
    }
}
