/// An error Winnow reports to its user: what is wrong and, when known, where (`file:line:column`).
public struct WinnowError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The kind of failure, which decides the command line's exit code.
    public enum Kind: Sendable, Equatable {
        /// The input is malformed or unreadable.
        case input
        /// The pipeline file or an option is wrong.
        case configuration
        /// Writing an output failed.
        case output
        /// The reader of the output went away (a downstream `head`): not a failure of the run.
        case outputClosed
        /// A run's own check failed (conservation).
        case check
        /// The run was interrupted by a signal.
        case interrupted(signal: Int32)
    }

    /// The kind of failure.
    public var kind: Kind
    /// What is wrong, in one sentence.
    public var message: String
    /// Where, when known.
    public var location: SourceLocation?

    /// An error of `kind` at `location`.
    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
    }

    /// `file:line:column: message`, or the message alone.
    public var description: String {
        if let location { return "\(location): \(message)" }
        return message
    }
}
