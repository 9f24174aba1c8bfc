/// The identity of a document: taken from the input, or `<file stem>:<line>` when the input has none.
///
/// Decisions name documents by this id, so it must be unique within a run. Two ids are the same only
/// when their UTF-8 bytes are: `é` and `e` with a combining acute are two ids, as the input wrote them
/// (a Swift `String` would call them equal).
public struct DocumentID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id as written in the output.
    public var rawValue: String

    /// Wraps an id taken from the input.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    /// The id given to a document whose input has none: the file stem and the line it starts on.
    public init(stem: String, line: Int) { self.rawValue = "\(stem):\(line)" }

    public var description: String { rawValue }

    public static func == (lhs: DocumentID, rhs: DocumentID) -> Bool {
        let left = lhs.rawValue.utf8, right = rhs.rawValue.utf8
        guard left.count == right.count else { return false }
        let contiguous = left.withContiguousStorageIfAvailable { left in
            right.withContiguousStorageIfAvailable { right in left.elementsEqual(right) }
        }
        return (contiguous ?? nil) ?? left.elementsEqual(right)
    }

    public func hash(into hasher: inout Hasher) {
        let utf8 = rawValue.utf8
        if utf8.withContiguousStorageIfAvailable({ hasher.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            Array(utf8).withUnsafeBytes { hasher.combine(bytes: $0) }
        }
    }

    /// Byte order, which is code point order.
    public static func < (lhs: DocumentID, rhs: DocumentID) -> Bool { lhs.rawValue.utf8.lexicographicallyPrecedes(rhs.rawValue.utf8) }
}
