/// An append-only array of plain values kept in chunks of 64 KB: growing never moves what it
/// holds, so an index of hundreds of megabytes never needs room for itself twice while it grows, and
/// at most one chunk stands partly empty (an `Array` doubles, copies, and leaves up to half unused).
///
/// ```swift
/// var sizes = ChunkedArray<UInt32>()
/// sizes.append(120)
/// sizes[0]   // 120
/// ```
struct ChunkedArray<Element: BitwiseCopyable> {
    /// Frees the chunks when the last copy of the array goes.
    private final class Owner {
        var chunks: [UnsafeMutablePointer<Element>] = []
        deinit { for chunk in chunks { chunk.deallocate() } }
    }

    private var chunks: [UnsafeMutablePointer<Element>] = []
    private var owner = Owner()
    /// Elements held.
    private(set) var count = 0

    init() {}

    /// The power of two of the elements a chunk holds: 64 KB of them, or as near below as a power allows.
    @inline(__always)
    static var chunkShift: Int {
        let strideBits = Int.bitWidth - (MemoryLayout<Element>.stride - 1).leadingZeroBitCount
        return max(0, 16 - strideBits)
    }

    @inline(__always)
    private static var chunkMask: Int { (1 << chunkShift) - 1 }

    /// Bytes held, for memory reports.
    var memoryBytes: Int { (chunks.count << Self.chunkShift) * MemoryLayout<Element>.stride }

    @inline(__always)
    subscript(index: Int) -> Element {
        assert(index >= 0 && index < count, "chunked array index out of range")
        return chunks[index >> Self.chunkShift][index & Self.chunkMask]
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        makeUnique()
        if count & Self.chunkMask == 0 && count >> Self.chunkShift == chunks.count { addChunk() }
        chunks[count >> Self.chunkShift][count & Self.chunkMask] = element
        count += 1
    }

    /// Appends `elements` within one chunk, starting a new chunk when they would not fit in this one
    /// (the rest of it stays unused), and returns where they start: so `withContiguous` can read them
    /// back as one buffer. At most one chunk of elements at once.
    mutating func appendContiguous(_ elements: UnsafeBufferPointer<Element>) -> Int {
        precondition(elements.count <= 1 << Self.chunkShift, "more elements than a chunk holds")
        makeUnique()
        guard !elements.isEmpty else { return count }
        let room = (1 << Self.chunkShift) - (count & Self.chunkMask)
        if count >> Self.chunkShift < chunks.count && room < elements.count { count += room }
        if count >> Self.chunkShift == chunks.count { addChunk() }
        let start = count
        (chunks[start >> Self.chunkShift] + (start & Self.chunkMask)).update(from: elements.baseAddress!, count: elements.count)
        count += elements.count
        return start
    }

    /// Calls `body` with `length` elements from `start`, which `appendContiguous` stored together.
    func withContiguous<Result>(from start: Int, count length: Int, _ body: (UnsafeBufferPointer<Element>) throws -> Result) rethrows -> Result {
        assert(start >= 0 && start + length <= count && (length == 0 || start >> Self.chunkShift == (start + length - 1) >> Self.chunkShift),
               "elements not stored together")
        guard length > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        return try body(UnsafeBufferPointer(start: chunks[start >> Self.chunkShift] + (start & Self.chunkMask), count: length))
    }

    private mutating func addChunk() {
        let chunk = UnsafeMutablePointer<Element>.allocate(capacity: 1 << Self.chunkShift)
        chunks.append(chunk)
        owner.chunks.append(chunk)
    }

    /// Copies the chunks when another copy of the array shares them, before a change.
    @inline(__always)
    private mutating func makeUnique() {
        guard !isKnownUniquelyReferenced(&owner) else { return }
        let fresh = Owner()
        let size = 1 << Self.chunkShift
        fresh.chunks = chunks.enumerated().map { number, chunk in
            let copy = UnsafeMutablePointer<Element>.allocate(capacity: size)
            copy.update(from: chunk, count: min(size, count - number * size))
            return copy
        }
        owner = fresh
        chunks = fresh.chunks
    }
}
