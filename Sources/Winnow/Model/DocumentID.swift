import Foundation

/// The identity of a document: taken from the input, or `<file stem>:<line>` when the input has none.
///
/// Decisions name documents by this id, so it must be unique within a run. Two ids are the same only
/// when their UTF-8 bytes are: `é` and `e` with a combining acute are two ids, as the input wrote them
/// (a Swift `String` would call them equal). The id carries a hash of its bytes, made once, so the
/// dictionaries that follow each document through a run mix that hash with their seed, without
/// reading the id or running SipHash, and two different ids are told apart without reading their bytes.
public struct DocumentID: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The id as written in the output.
    public var rawValue: String {
        get { text }
        set { self = DocumentID(newValue) }
    }

    private var text: String
    private var code: UInt64

    /// The stable hash of the id's UTF-8 bytes (`StableHash.hash64`).
    var stableHash: UInt64 { code }

    /// Wraps an id taken from the input.
    public init(_ rawValue: String) {
        text = rawValue
        code = StableHash.hash64(rawValue)
    }

    public init(stringLiteral value: String) { self.init(value) }

    /// The id given to a document whose input has none: the file stem and the line it starts on.
    public init(stem: String, line: Int) { self.init("\(stem):\(line)") }

    public var description: String { text }

    public static func == (lhs: DocumentID, rhs: DocumentID) -> Bool {
        guard lhs.code == rhs.code else { return false }
        let left = lhs.text.utf8, right = rhs.text.utf8
        guard left.count == right.count else { return false }
        let contiguous = left.withContiguousStorageIfAvailable { left in
            right.withContiguousStorageIfAvailable { right in
                left.count == 0 || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0
            }
        }
        return (contiguous ?? nil) ?? left.elementsEqual(right)
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The id's stable hash mixed with the dictionary's seed, without running `Hasher` (SipHash) per
    /// lookup: the ledger, the output window and the drop records look every document up several times.
    public func _rawHashValue(seed: Int) -> Int {
        Int(truncatingIfNeeded: StableHash.mix(code, seed: UInt64(UInt(bitPattern: seed))))
    }

    /// Byte order, which is code point order.
    public static func < (lhs: DocumentID, rhs: DocumentID) -> Bool { lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8) }
}
