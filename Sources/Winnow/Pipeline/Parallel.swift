import Dispatch
import Synchronization

/// Runs a stage's pure preparation over a batch on several threads.
///
/// Each worker takes the next slice of the batch until none is left; results land at their
/// document's index, so the result never depends on the thread count or the scheduling.
enum Parallel {
    /// The slice of a batch one worker takes at a time.
    static let grain = 64

    static func prepare<P: DocumentPreparation>(_ documents: inout [Document], with preparation: P,
                                                threads: Int) -> [P.Output] {
        let count = documents.count
        if threads <= 1 || count <= grain {
            return documents.indices.map { preparation.prepare(&documents[$0]) }
        }
        let results = UnsafeMutableBufferPointer<P.Output>.allocate(capacity: count)
        defer { results.deallocate() }
        documents.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedBuffers(documents: buffer, results: results)
            let next = Atomic<Int>(0)
            let workers = min(threads, (count + grain - 1) / grain)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let start = next.add(grain, ordering: .relaxed).oldValue
                    if start >= count { return }
                    for index in start..<min(start + grain, count) {
                        (shared.results.baseAddress! + index).initialize(to: preparation.prepare(&shared.documents[index]))
                    }
                }
            }
        }
        let output = Array(results)
        _ = results.deinitialize()
        return output
    }
}

/// The batch and result buffers shared by the workers, each of which writes only its own indexes.
private struct SharedBuffers<Output>: @unchecked Sendable {
    let documents: UnsafeMutableBufferPointer<Document>
    let results: UnsafeMutableBufferPointer<Output>
}
