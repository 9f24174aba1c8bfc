/// The documents near-dedup holds back with `representative: longest`: a queue in input order in
/// which a held document can be found by its id, to annotate it or to give its place to a longer
/// copy.
struct HeldDocuments {
    /// The queue from `head` on; the slots before `head` were released.
    private var queue: [Document?] = []
    private var head = 0
    /// The number of slots dropped from the front of `queue` so far: slot `i` is `queue[i - base]`.
    private var base = 0
    /// The slot of each held document.
    private var slots: [DocumentID: Int] = [:]

    /// Documents held.
    var count: Int { queue.count - head }

    /// Holds `document` behind the others.
    mutating func append(_ document: consuming Document) {
        slots[document.id] = base + queue.count
        queue.append(document)
    }

    /// The UTF-8 length of the held document `id`'s text; nil when it is not held.
    func length(of id: DocumentID) -> Int? {
        slots[id].flatMap { queue[$0 - base]?.text.utf8.count }
    }

    /// Puts `document` in the place of the held document `id`, and returns the one it replaces: the
    /// cluster keeps its place in the order.
    mutating func exchange(_ id: DocumentID, for document: consuming Document) -> Document {
        let slot = slots.removeValue(forKey: id)!
        slots[document.id] = slot
        let replaced = queue[slot - base].take()!
        queue[slot - base] = document
        return replaced
    }

    /// Changes the held document `id`; false when it is not held.
    mutating func annotate(_ id: DocumentID, _ change: (inout Document) -> Void) -> Bool {
        guard let slot = slots[id] else { return false }
        change(&queue[slot - base]!)
        return true
    }

    /// The oldest documents, in order, until at most `limit` are held.
    mutating func release(keeping limit: Int) -> [Document] {
        var released: [Document] = []
        while count > limit {
            let document = queue[head].take()!
            slots[document.id] = nil
            released.append(document)
            head += 1
        }
        if head >= 4096 && head * 2 >= queue.count {
            queue.removeFirst(head)
            base += head
            head = 0
        }
        return released
    }

    /// Every held document, in order.
    mutating func releaseAll() -> [Document] {
        release(keeping: 0)
    }
}
