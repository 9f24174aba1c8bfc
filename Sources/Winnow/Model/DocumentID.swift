/// The identity of a document: taken from the input, or `<file stem>:<line>` when the input has none.
///
/// Decisions name documents by this id, so it must be unique within a run.
public struct DocumentID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id as written in the output.
    public var rawValue: String

    /// Wraps an id taken from the input.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    /// The id given to a document whose input has none: the file stem and the line it starts on.
    public init(stem: String, line: Int) { self.rawValue = "\(stem):\(line)" }

    public var description: String { rawValue }

    public static func < (lhs: DocumentID, rhs: DocumentID) -> Bool { lhs.rawValue < rhs.rawValue }
}
