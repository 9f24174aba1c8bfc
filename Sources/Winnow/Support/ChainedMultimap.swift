/// A multimap from 32-bit keys to the handles 0, 1, 2… given in that order, newest first: the teaser
/// stage's heads, where one anchor (the first tokens of a paragraph, "the company said") may stand
/// before thousands of heads.
///
/// The table holds one 8-byte slot per distinct key, the key above its newest handle, open-addressed,
/// probed linearly and kept between 35% and 70% full; each handle keeps the one before it under the
/// same key in 4 bytes. An insertion reads one run of slots however many handles its key has (a table
/// of one slot per handle walks them all, which makes a growing corpus quadratic in its commonest
/// anchors), and growing reads the table alone. A 32-bit key can collide, which only adds candidates
/// that the caller then rejects.
///
/// ```swift
/// var heads = ChainedMultimap()
/// heads.insert(key: anchor, handle: 0)
/// heads.insert(key: anchor, handle: 1)
/// heads.forEach(key: anchor) { handle in … ; return true }   // 1, then 0
/// ```
struct ChainedMultimap {
    private var slots: [UInt64]
    private var mask: Int
    /// The handle before each one under the same key, or -1.
    private var previous = ChunkedArray<Int32>()
    /// Distinct keys in the table.
    private var keys = 0
    /// Where `prefetch` leaves the sum of what it read, so its reads are kept.
    private var touchedSink: UInt64 = 0

    /// An empty multimap with room for `capacity` distinct keys before it grows.
    init(capacity: Int = 1 << 12) {
        var size = 16
        while size * 7 < capacity * 10 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Handles held.
    var count: Int { previous.count }

    /// Bytes held.
    var memoryBytes: Int { slots.count * 8 + previous.memoryBytes }

    /// Adds `handle`, which must be `count`, under `key`, in front of the handles already there.
    mutating func insert(key: UInt32, handle: Int32) {
        precondition(Int(handle) == previous.count && handle < Int32.max, "handles are given in order")
        var position = slot(of: key)
        let newest = slots[position]
        if newest == 0 {
            if (keys + 1) * 10 > slots.count * 7 {
                grow()
                position = slot(of: key)
            }
            keys += 1
            previous.append(-1)
        } else {
            previous.append(Int32(truncatingIfNeeded: newest) - 1)
        }
        slots[position] = UInt64(key) << 32 | UInt64(UInt32(handle) + 1)
    }

    /// Calls `body` with the handles under `key`, newest first, while it returns true.
    func forEach(key: UInt32, _ body: (Int32) -> Bool) {
        var handle = Int32(truncatingIfNeeded: slots[slot(of: key)]) - 1
        while handle >= 0 {
            guard body(handle) else { return }
            handle = previous[Int(handle)]
        }
    }

    /// Reads the slots `keys` land on, so the insertions that follow find them in the cache: the table
    /// is far larger than the cache, and the misses of a document's keys then overlap instead of
    /// following one another.
    mutating func prefetch(keys: some Sequence<UInt32>) {
        var touched: UInt64 = 0
        slots.withUnsafeBufferPointer { slots in
            for key in keys { touched &+= slots[Self.home(key) & mask] }
        }
        touchedSink = touched
    }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func slot(of key: UInt32) -> Int {
        slots.withUnsafeBufferPointer { slots in
            var position = Self.home(key) & mask
            while true {
                let slot = slots[position]
                if slot == 0 || UInt32(truncatingIfNeeded: slot >> 32) == key { return position }
                position = (position + 1) & mask
            }
        }
    }

    /// Doubles the table. Its keys are distinct, so each goes to the first free slot from its home.
    private mutating func grow() {
        var grown = [UInt64](repeating: 0, count: slots.count * 2)
        let grownMask = grown.count - 1
        grown.withUnsafeMutableBufferPointer { grown in
            for slot in slots where slot != 0 {
                var position = Self.home(UInt32(truncatingIfNeeded: slot >> 32)) & grownMask
                while grown[position] != 0 { position = (position + 1) & grownMask }
                grown[position] = slot
            }
        }
        slots = grown
        mask = grownMask
    }

    @inline(__always)
    private static func home(_ key: UInt32) -> Int { Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 32) }
}
