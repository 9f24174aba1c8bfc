/// Checks that every input document is written or dropped exactly once.
///
/// It remembers only the documents still inside the pipeline (the batch, the output window, and
/// what stages hold back), so its memory follows the pipeline's, not the corpus.
struct ConservationLedger {
    private var inFlight: [Int: DocumentID] = [:]
    private var inFlightIDs: Set<DocumentID> = []
    private(set) var violations: [String] = []

    mutating func enter(_ document: Document) {
        if inFlight.updateValue(document.id, forKey: document.ordinal) != nil {
            violations.append("\(document.id) entered twice")
        }
        inFlightIDs.insert(document.id)
    }

    mutating func leave(_ document: Document, as outcome: String) {
        if inFlight.removeValue(forKey: document.ordinal) == nil {
            violations.append("\(document.id) \(outcome) but it was already written or dropped, or never read")
        }
        inFlightIDs.remove(document.id)
    }

    /// True while the document is read but neither written nor dropped.
    func isInFlight(_ id: DocumentID) -> Bool { inFlightIDs.contains(id) }

    /// The violations, with every document still unaccounted for at the end of the run.
    func finalViolations() -> [String] {
        violations + inFlight.sorted { $0.key < $1.key }.map { "\($0.value) was neither written nor dropped" }
    }
}
