/// A multimap from 32-bit keys to 32-bit handles in 8 bytes an entry: near-dedup's LSH buckets, where
/// a key holds few handles (the near copies of one text). An insertion walks every handle of its key,
/// so keys that gather many handles belong in `ChainedMultimap`.
///
/// An open-addressing table of `UInt64` slots, each a key above a handle, probed linearly; one key
/// may fill several slots. A 32-bit key can collide, which only adds a candidate that the caller then
/// rejects. The table grows at 70% load.
struct PackedMultimap {
    private var slots: [UInt64]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 12) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    /// Slot value 0 means empty, so handles are stored plus one.
    mutating func insert(key: UInt32, handle: Int32) {
        if (count + 1) * 10 > slots.count * 7 { grow() }
        place(UInt64(key) << 32 | UInt64(UInt32(handle) + 1))
        count += 1
    }

    private mutating func place(_ entry: UInt64) {
        var position = Self.home(UInt32(entry >> 32)) & mask
        while slots[position] != 0 { position = (position + 1) & mask }
        slots[position] = entry
    }

    /// Calls `body` with every handle stored under `key`.
    func forEach(key: UInt32, _ body: (Int32) -> Void) {
        slots.withUnsafeBufferPointer { slots in
            let home = Self.home(key) & mask
            walk(slots, key: key, from: home, first: slots[home], body)
        }
    }

    /// Calls `body` with every handle stored under each of `keys`, key after key: what `forEach(key:)`
    /// gives for each in turn. The first slot of every key is read before any is walked, so the cache
    /// misses of a signature's bands overlap instead of coming one after another.
    func forEach(keys: [UInt32], _ body: (Int32) -> Void) {
        slots.withUnsafeBufferPointer { slots in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: keys.count) { first in
                for (index, key) in keys.enumerated() { first.initializeElement(at: index, to: slots[Self.home(key) & mask]) }
                for (index, key) in keys.enumerated() { walk(slots, key: key, from: Self.home(key) & mask, first: first[index], body) }
            }
        }
    }

    /// Calls `body` with the handles under `key` in the run of slots from `position`, whose entry
    /// `first` the caller has read already.
    @inline(__always)
    private func walk(_ slots: UnsafeBufferPointer<UInt64>, key: UInt32, from position: Int, first: UInt64, _ body: (Int32) -> Void) {
        var position = position
        var entry = first
        while entry != 0 {
            if UInt32(entry >> 32) == key { body(Int32(UInt32(truncatingIfNeeded: entry) - 1)) }
            position = (position + 1) & mask
            entry = slots[position]
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        for entry in old where entry != 0 { place(entry) }
    }

    @inline(__always)
    private static func home(_ key: UInt32) -> Int { Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 32) }

    /// Bytes held.
    var memoryBytes: Int { slots.count * 8 }
}
