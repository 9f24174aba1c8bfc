/// The documents that passed every stage and wait to be written, oldest first.
///
/// Holding the most recent documents a little longer lets a stage still annotate one it has passed
/// on (a teaser or duplicate that arrives shortly after its article). The window is bounded, so
/// memory stays bounded; its size is fixed, never derived from the thread count.
struct OutputWindow {
    private var documents: [Document?] = []
    private var head = 0
    private var positions: [DocumentID: Int] = [:]
    private var base = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = max(0, capacity) }

    var count: Int { documents.count - head }

    /// Adds a document to wait its turn; its matching key goes, as nothing after the stages reads it.
    mutating func append(_ document: consuming Document) {
        document.key = nil
        positions[document.id] = base + documents.count
        documents.append(consume document)
    }

    /// Removes and returns the documents beyond the capacity (all of them with `all`), oldest first.
    mutating func release(all: Bool = false) -> [Document] {
        let excess = all ? count : count - capacity
        guard excess > 0 else { return [] }
        var released = [Document]()
        released.reserveCapacity(excess)
        for index in head..<head + excess {
            let document = documents[index].take()!
            if positions[document.id] == base + index { positions[document.id] = nil }
            released.append(consume document)
        }
        head += excess
        if head > 4096 && head * 2 > documents.count {
            documents.removeFirst(head)
            base += head
            head = 0
        }
        return released
    }

    mutating func annotate(_ id: DocumentID, _ change: (inout Document) -> Void) -> Bool {
        guard let position = positions[id] else { return false }
        let index = position - base
        guard index >= head, index < documents.count, documents[index] != nil else { return false }
        change(&documents[index]!)
        return true
    }
}
