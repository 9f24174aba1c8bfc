import Foundation

/// Document ids stored back to back in one byte array, so an index can remember millions of them for
/// a few bytes of overhead each. A handle is the id's position in insertion order.
struct IdentifierArena {
    private var bytes: [UInt8] = []
    private var ends: [UInt32] = []

    /// Stores `id` and returns its handle.
    mutating func append(_ id: DocumentID) -> Int32 {
        id.rawValue.withUTF8Bytes { bytes.append(contentsOf: $0) }
        ends.append(UInt32(bytes.count))
        return Int32(ends.count - 1)
    }

    /// The id behind `handle`.
    subscript(handle: Int32) -> DocumentID {
        let index = Int(handle)
        let start = index == 0 ? 0 : Int(ends[index - 1])
        return DocumentID(String(decoding: bytes[start..<Int(ends[index])], as: UTF8.self))
    }

    /// True when `handle` stands for `id`: `self[handle] == id`, compared in place, without making a string.
    func holds(_ handle: Int32, _ id: DocumentID) -> Bool {
        let index = Int(handle)
        let start = index == 0 ? 0 : Int(ends[index - 1])
        let end = Int(ends[index])
        return id.rawValue.withUTF8Bytes { wanted in
            wanted.count == end - start && bytes.withUnsafeBufferPointer { stored in
                wanted.isEmpty || memcmp(stored.baseAddress! + start, wanted.baseAddress!, wanted.count) == 0
            }
        }
    }

    /// Bytes held, for memory reports.
    var memoryBytes: Int { bytes.capacity + ends.capacity * 4 }
}
