/// Checks that every input document is written or dropped exactly once.
///
/// It remembers only the documents still inside the pipeline (the batch, the output window, and
/// what stages hold back), so its memory follows the pipeline's, not the corpus. Ids are unique
/// within a run (the batch producer makes them so), so a document is known by its id; its place in
/// the input orders the final report.
struct ConservationLedger {
    private var inFlight: [DocumentID: Int] = [:]
    private(set) var violations: [String] = []

    mutating func enter(_ document: Document) {
        enter(document.id, ordinal: document.ordinal)
    }

    mutating func enter(_ id: DocumentID, ordinal: Int) {
        if inFlight.updateValue(ordinal, forKey: id) != nil {
            violations.append("\(id) entered twice")
        }
    }

    mutating func leave(_ id: DocumentID, as outcome: String) {
        if inFlight.removeValue(forKey: id) == nil {
            violations.append("\(id) \(outcome) but it was already written or dropped, or never read")
        }
    }

    /// True while the document is read but neither written nor dropped.
    func isInFlight(_ id: DocumentID) -> Bool { inFlight[id] != nil }

    /// The violations, with every document still unaccounted for at the end of the run.
    func finalViolations() -> [String] {
        violations + inFlight.sorted { $0.value < $1.value }.map { "\($0.key) was neither written nor dropped" }
    }
}
