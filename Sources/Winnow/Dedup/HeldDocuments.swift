/// The documents near-dedup holds back with `representative: longest`: a queue in input order in
/// which a held representative can be found by its arena handle, to annotate it or to give its
/// place to a longer copy.
struct HeldDocuments {
    /// The queue from `head` on; a nil slot is a document taken out by a longer copy.
    private var queue: [Document?] = []
    /// Each slot's representative handle, or -1 for a document that represents no cluster.
    private var handles: [Int32] = []
    private var head = 0
    /// The number of slots dropped from the front of `queue` so far: slot `i` is `queue[i - base]`.
    private var base = 0
    /// The slot of each held representative.
    private var slots: [Int32: Int] = [:]
    /// The slot of each held document.
    private var slotsByID: [DocumentID: Int] = [:]
    /// Documents held.
    private(set) var count = 0

    /// Holds `document` behind the others; `handle` names it as a representative, or is -1.
    mutating func append(_ document: Document, handle: Int32) {
        if handle >= 0 { slots[handle] = base + queue.count }
        slotsByID[document.id] = base + queue.count
        queue.append(document)
        handles.append(handle)
        count += 1
    }

    /// The UTF-8 length of the held representative `handle`'s text; nil when it is not held.
    func length(of handle: Int32) -> Int? {
        slots[handle].flatMap { queue[$0 - base]?.text.utf8.count }
    }

    /// Puts `document` (representative `newHandle`) in the place of the held representative
    /// `handle`, and returns the one it replaces: the cluster keeps its place in the order.
    mutating func exchange(_ handle: Int32, for document: consuming Document, handle newHandle: Int32) -> Document {
        let slot = slots.removeValue(forKey: handle)!
        let replaced = queue[slot - base].take()!
        slotsByID[replaced.id] = nil
        slotsByID[document.id] = slot
        slots[newHandle] = slot
        handles[slot - base] = newHandle
        queue[slot - base] = document
        return replaced
    }

    /// Changes the held document `id`; false when it is not held.
    mutating func annotate(_ id: DocumentID, _ change: (inout Document) -> Void) -> Bool {
        guard let slot = slotsByID[id] else { return false }
        change(&queue[slot - base]!)
        return true
    }

    /// The oldest documents, in order, until at most `limit` are held.
    mutating func release(keeping limit: Int) -> [Document] {
        var released: [Document] = []
        while count > limit {
            if let document = queue[head] {
                released.append(document)
                count -= 1
                slotsByID[document.id] = nil
                if handles[head] >= 0 { slots[handles[head]] = nil }
            }
            queue[head] = nil
            head += 1
        }
        if head >= 4096 && head * 2 >= queue.count {
            queue.removeFirst(head)
            handles.removeFirst(head)
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
