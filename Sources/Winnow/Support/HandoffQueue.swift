import Foundation

/// A bounded queue between two threads: one puts, one takes; either side can end it.
///
/// `put` waits while the queue is full; `take` waits while it is empty and returns nil once the
/// queue is closed and drained. A failure on the taking side makes every later `put` throw it.
final class HandoffQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var closed = false
    private var failure: Error?
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func put(_ item: consuming Element) throws {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && failure == nil { condition.wait() }
        if let failure { throw failure }
        items.append(consume item)
        condition.broadcast()
    }

    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed && failure == nil { condition.wait() }
        guard failure == nil, !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    /// No more items will come.
    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }

    /// The taking side failed: puts throw `error` from now on.
    func fail(_ error: Error) {
        condition.withLock {
            failure = failure ?? error
            items.removeAll()
            condition.broadcast()
        }
    }

    /// The failure, if the taking side reported one.
    var error: Error? { condition.withLock { failure } }
}
