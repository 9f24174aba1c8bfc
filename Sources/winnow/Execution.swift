import Foundation
import Synchronization
import Winnow

/// Runs a pipeline spec the way every corpus command does: overrides applied, signals caught,
/// progress and a closing summary on standard error.
enum Execution {
    /// The signal that asked the run to stop, or 0.
    static let interruption = Atomic<Int32>(0)

    static func run(_ spec: PipelineSpec, _ common: CommonOptions) throws {
        let spec = common.apply(to: spec)
        var job = CorpusJob(spec: spec, inputs: common.inputs)
        job.output = common.output
        job.decisions = common.decisions
        job.report = common.report
        if let threads = common.threads { job.options.threads = threads }
        job.options.isCancelled = { interruption.load(ordering: .relaxed) != 0 }
        var blocked = sigset_t()
        sigemptyset(&blocked)
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { received in Execution.interruption.store(received, ordering: .relaxed) }
            sigaddset(&blocked, signalNumber)
        }
        pthread_sigmask(SIG_UNBLOCK, &blocked, nil)
        signal(SIGPIPE, SIG_IGN)
        let progress = common.progress && !common.quiet ? ProgressLine() : nil
        do {
            let summary = try job.run(progress: progress.map { line in { line.update($0) } })
            progress?.finish()
            if !common.quiet {
                for warning in summary.warnings { FileHandle.standardError.write(Data("winnow: warning: \(warning)\n".utf8)) }
                FileHandle.standardError.write(Data((describe(summary) + "\n").utf8))
            }
        } catch var error as WinnowError {
            progress?.finish()
            if case .interrupted = error.kind {
                let received = interruption.load(ordering: .relaxed)
                error = WinnowError(.interrupted(signal: received), "interrupted by signal \(received): no output written")
            }
            throw error
        }
    }

    /// `13 in, 6 out, 2 dropped (fragment 1, teaser 1), 0.01 s, 4.2 MB/s`.
    static func describe(_ summary: RunSummary) -> String {
        var text = "winnow: \(summary.documentsIn) in, \(summary.documentsOut) out, \(summary.documentsDropped) dropped"
        let reasons = summary.dropped.sorted.map { "\($0.name) \($0.value)" }
        if !reasons.isEmpty { text += " (\(reasons.joined(separator: ", ")))" }
        text += String(format: ", %.2f s, %.1f MB/s", summary.seconds, summary.megabytesPerSecond)
        return text
    }
}
