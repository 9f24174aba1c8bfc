/// The pure, per-document half of a stage: it may run on any thread, in any order, so it must not
/// touch shared state. Whatever it returns is handed back to the stage's `process` for that document.
public protocol DocumentPreparation: Sendable {
    /// What the preparation computes for one document (a signature, a detection), or `Void`.
    associatedtype Output: Sendable

    /// Computes the output for `document`; it may also refine the document (normalise its text).
    func prepare(_ document: inout Document) -> Output
}

/// A preparation that does nothing, for stages whose work is all in `process`.
public struct NoPreparation: DocumentPreparation {
    /// Nothing to set up.
    public init() {}
    /// Does nothing.
    public func prepare(_ document: inout Document) {}
}

/// One step of a pipeline: it sees every document in input order and keeps, changes or drops it.
///
/// A stage has one job. Its expensive pure work goes in `preparation`, which the pipeline runs in
/// parallel over a batch; its decisions go in `process`, called one document at a time in input
/// order, so the output never depends on the thread count. A stage that must hold documents back
/// (a teaser whose article may come later) releases them in `finish`.
///
/// The pipeline calls a stage's `process`, `absorbed`, `annotateHeld` and `finish` on one thread at a
/// time, never one from inside another of the same stage; a stage's index, touched only there, needs
/// no run-time exclusivity checks (`@exclusivity(unchecked)`, worth 1% of a run's instructions).
///
/// ```swift
/// final class DropEmpty: Stage {
///     let name = "drop-empty"
///     let preparation = NoPreparation()
///     func process(_ document: Document, prepared: Void, context: StageContext) throws {
///         if document.text.isEmpty { context.drop(document, reason: "empty") } else { context.emit(document) }
///     }
/// }
/// ```
public protocol Stage: AnyObject {
    /// The pure per-document work of the stage.
    associatedtype Preparation: DocumentPreparation

    /// The stage's name as pipeline files spell it.
    var name: String { get }

    /// The pure work, run in parallel before `process`.
    var preparation: Preparation { get }

    /// Decides about one document: `context.emit` it (possibly changed), or `context.drop` it with a reason,
    /// or hold it for `finish`. The stage owns the document, so passing it on copies nothing.
    func process(_ document: consuming Document, prepared: Preparation.Output, context: StageContext) throws

    /// Called once after the last document: emit or drop whatever the stage still holds.
    func finish(context: StageContext) throws

    /// The bytes the stage's index holds now (an estimate from its containers' capacities).
    var indexBytes: Int { get }

    /// True when the stage reads documents it passed on that wait in the output window (through
    /// `StageContext.annotate`) and needs the answer at once; such a stage runs beside the window.
    var readsWaitingDocuments: Bool { get }

    /// Roughly what the stage costs per document (preparation and decisions) against `exact-dedup`'s
    /// 1, so a run can cut the pipeline where its threads get similar shares. A fixed figure, never
    /// measured during a run, so where the pipeline is cut never depends on the machine or the threads.
    var relativeCost: Double { get }

    /// Told when an earlier stage drops `document` in favour of a kept one (`decision.of`), so this
    /// stage can still learn from it: the teaser stage indexes the heads of duplicates under their
    /// representative.
    func absorbed(_ document: Document, by decision: Decision, context: StageContext)

    /// Applies `change` to the document `id` if the stage holds it back (passed to it, not yet
    /// passed on), so an earlier stage's annotation reaches it; false when it does not hold it.
    func annotateHeld(_ id: DocumentID, _ change: (inout Document) -> Void) -> Bool
}

extension Stage {
    /// By default a stage holds nothing back.
    public func finish(context: StageContext) throws {}

    /// By default a stage keeps no index.
    public var indexBytes: Int { 0 }

    /// By default a stage only writes annotations, which may be applied a little later.
    public var readsWaitingDocuments: Bool { false }

    /// By default a stage costs what `exact-dedup` costs.
    public var relativeCost: Double { 1 }

    /// By default a stage ignores what earlier stages dropped.
    public func absorbed(_ document: Document, by decision: Decision, context: StageContext) {}

    /// By default a stage holds nothing back that others annotate.
    public func annotateHeld(_ id: DocumentID, _ change: (inout Document) -> Void) -> Bool { false }
}

/// Estimates of container memory, for `Stage.indexBytes`.
enum MemoryEstimate {
    static func of<Element>(_ array: [Element]) -> Int { array.capacity * MemoryLayout<Element>.stride }

    static func of<Key, Value>(_ dictionary: [Key: Value]) -> Int {
        dictionary.capacity * (MemoryLayout<Key>.stride + MemoryLayout<Value>.stride) + dictionary.capacity / 8
    }

    static func of<Element>(_ set: Set<Element>) -> Int { set.capacity * MemoryLayout<Element>.stride + set.capacity / 8 }
}
