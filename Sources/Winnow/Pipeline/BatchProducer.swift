import Foundation

/// Reads the input in batches and runs the first stage's preparation on them, ahead of the stages.
///
/// With more than one thread it works on a thread of its own, at most four batches ahead, so reading,
/// parsing and normalising overlap with the stages' decisions; with one thread it works when asked.
/// Either way the batches are the same: their size depends on the input only, never on the threads.
final class BatchProducer: @unchecked Sendable {
    /// A batch of documents, numbered in input order, with the first stage's preparation done.
    struct Batch {
        var documents: [Document]
        var prepared: (any Sendable)?
        /// Records the reader could not read (skipped under `--on-error skip`), numbered too.
        var rejected: [Document]
        var bytesRead: Int
    }

    private let source: DocumentSource
    private let first: (any StageRunning)?
    private let options: Pipeline.Options
    /// The threads a batch's first preparation may use, this one's own among them.
    private let preparers: Int
    private let concurrent: Bool
    private let condition = NSCondition()
    private var queue: [Result<Batch, Error>] = []
    private var finished = false
    private var stopped = false
    private var ordinal = 0
    private var seenIDs = Set<UInt64>()
    /// Ids that repeated an earlier one and were made unique, with the first few as examples.
    private(set) var renamedIDs = 0
    private(set) var renamedExamples: [String] = []
    /// How many batches may wait.
    private let depth = 4

    /// A producer over `source`, on a thread of its own when the run has more than one, preparing each
    /// batch on `preparers` threads.
    init(source: DocumentSource, first: (any StageRunning)?, options: Pipeline.Options, threads: Int, preparers: Int) {
        self.source = source
        self.first = first
        self.options = options
        self.preparers = preparers
        self.concurrent = threads > 1
        if concurrent {
            HelperThread.start { [self] in produceAll() }
        }
    }

    /// The next batch, or nil at the end of the input.
    func next() throws -> Batch? {
        guard concurrent else { return try produce() }
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !finished { condition.wait() }
        guard !queue.isEmpty else { return nil }
        let result = queue.removeFirst()
        condition.broadcast()
        return try result.get()
    }

    /// Asks the producer thread to stop after its current batch.
    func stop() {
        condition.withLock {
            stopped = true
            condition.broadcast()
        }
    }

    private func produceAll() {
        while true {
            let result = Result { try produce() }
            condition.lock()
            defer { condition.unlock() }
            switch result {
            case .success(let batch?):
                queue.append(.success(batch))
            case .success(nil):
                finished = true
            case .failure(let error):
                queue.append(.failure(error))
                finished = true
            }
            condition.broadcast()
            while queue.count >= depth && !stopped { condition.wait() }
            if finished || stopped {
                finished = true
                condition.broadcast()
                return
            }
        }
    }

    /// Reads one batch and prepares it; nil at the end of the input.
    private func produce() throws -> Batch? {
        var documents: [Document] = []
        var rejected: [Document] = []
        var bytes = 0
        while documents.count + rejected.count < options.batchSize && bytes < options.batchBytes, var document = try source.next() {
            document.ordinal = ordinal
            ordinal += 1
            makeUnique(&document)
            bytes += document.text.utf8.count
            if document.invalidReason != nil { rejected.append(consume document) } else { documents.append(consume document) }
        }
        guard !documents.isEmpty || !rejected.isEmpty else { return nil }
        let prepared = documents.isEmpty ? nil : first?.prepare(&documents, threads: preparers)
        return Batch(documents: documents, prepared: prepared, rejected: rejected, bytesRead: source.bytesRead)
    }

    /// Gives a document whose id an earlier one already had the next free `id#2`, `id#3`, …: two
    /// records are never merged by their ids.
    private func makeUnique(_ document: inout Document) {
        guard !seenIDs.insert(document.id.stableHash).inserted else { return }
        let original = document.id.rawValue
        var number = 2
        while !seenIDs.insert(StableHash.hash64("\(original)#\(number)")).inserted { number += 1 }
        document.id = DocumentID("\(original)#\(number)")
        renamedIDs += 1
        if renamedExamples.count < 5 { renamedExamples.append("\(original) (\(document.source)) became \(document.id)") }
    }
}
