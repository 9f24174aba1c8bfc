import Dispatch
import Synchronization

/// Runs pure per-item work on several threads.
///
/// Each worker takes the next slice of the items until none is left; results land at their item's
/// index, so the result never depends on the thread count or the scheduling.
enum Parallel {
    /// The largest slice of a batch one worker takes at a time.
    static let largestGrain = 64

    /// The slice for `count` items on `threads` threads: at least four slices a thread, so a worker
    /// the system holds back leaves little for the others to wait for.
    static func grain(_ count: Int, threads: Int) -> Int { max(4, min(largestGrain, count / (threads * 4))) }

    /// Calls `body` with consecutive slices of `0..<count`, on up to `threads` threads.
    static func slices(_ count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let grain = grain(count, threads: threads)
        if threads <= 1 || count <= grain {
            if count > 0 { body(0..<count) }
            return
        }
        let next = Atomic<Int>(0)
        let workers = min(threads, (count + grain - 1) / grain)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let start = next.add(grain, ordering: .relaxed).oldValue
                if start >= count { return }
                body(start..<min(start + grain, count))
            }
        }
    }

    /// `body(index)` for every index, in parallel, in index order; each result is written once, in
    /// place, and never copied.
    static func map<Output>(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Output) -> [Output] {
        [Output](unsafeUninitializedCapacity: count) { results, initialized in
            let shared = SharedPointer(results.baseAddress)
            slices(count, threads: threads) { range in
                for index in range { (shared.pointer! + index).initialize(to: body(index)) }
            }
            initialized = count
        }
    }

    /// A stage's preparation over a batch, each document refined in place.
    static func prepare<P: DocumentPreparation>(_ documents: inout [Document], with preparation: P,
                                                threads: Int) -> [P.Output] {
        documents.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedPointer(buffer.baseAddress)
            return map(buffer.count, threads: threads) { index in preparation.prepare(&shared.pointer![index]) }
        }
    }
}

/// A buffer shared by the workers, each of which touches only its own indexes.
private struct SharedPointer<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>?
    init(_ pointer: UnsafeMutablePointer<Element>?) { self.pointer = pointer }
}
