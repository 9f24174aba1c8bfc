/// A multimap from 64-bit stable hashes to 32-bit handles, newest first: the fragment index, where
/// each sentence hash points to the documents that hold the sentence.
///
/// Each entry is 16 bytes (the hash, the handle, the previous entry under the same hash), in chunks
/// that never move; the table holds 4-byte entry numbers, open-addressed on the hash's low bits,
/// probed linearly and kept between 35% and 70% full: about 24 bytes an entry in all, and a lookup
/// reads one slot and one entry per probe. Entries are never removed.
///
/// ```swift
/// var index = StableHashMultimap()
/// index.insert(key: sentenceHash, handle: 7)
/// index.forEach(key: sentenceHash) { handle in … }   // 7, then older handles
/// ```
struct StableHashMultimap {
    private struct Entry {
        var key: UInt64
        var handle: Int32
        var previous: Int32
    }

    private var table: [UInt32]
    private var entries = ChunkedArray<Entry>()
    private var mask: Int
    /// Distinct keys in the table.
    private var keys = 0
    /// Where the reads that warm the cache before a batch of insertions leave their sum, so they are kept.
    private var touchedSink: UInt64 = 0

    /// An empty multimap with room for `capacity` keys before it grows.
    init(capacity: Int = 1 << 10) {
        var size = 16
        while size * 7 < capacity * 10 { size <<= 1 }
        table = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    /// Entries held.
    var count: Int { entries.count }

    /// Adds `handle` under `key`, in front of the handles already there.
    mutating func insert(key: UInt64, handle: Int32) {
        precondition(entries.count < Int(Int32.max), "stable hash multimap full")
        var position = slot(of: key)
        let previous = Int32(table[position]) - 1
        if previous < 0 {
            if (keys + 1) * 10 > table.count * 7 {
                grow()
                position = slot(of: key)
            }
            keys += 1
        }
        entries.append(Entry(key: key, handle: handle, previous: previous))
        table[position] = UInt32(entries.count)
    }

    /// Adds `handle` under each of `keys` (a document's sentences). The slot and entry each key lands
    /// on are read for all the keys first, so their cache misses overlap instead of following one
    /// another; the index is far larger than the cache, and a lone insertion waits on two misses.
    mutating func insert(keys: some Collection<UInt64>, handle: Int32) {
        if keys.count > 1 {
            var touched: UInt64 = 0
            table.withUnsafeBufferPointer { table in
                for key in keys { touched &+= UInt64(table[Int(truncatingIfNeeded: key) & mask]) }
                for key in keys {
                    let entry = Int(table[Int(truncatingIfNeeded: key) & mask])
                    if entry > 0 { touched ^= entries[entry - 1].key }
                }
            }
            touchedSink = touched
        }
        for key in keys { insert(key: key, handle: handle) }
    }

    /// Calls `body` with the handles under `key`, newest first, while it returns true.
    func forEach(key: UInt64, _ body: (Int32) -> Bool) {
        var entry = Int(table[slot(of: key)]) - 1
        while entry >= 0 {
            guard body(entries[entry].handle) else { return }
            entry = Int(entries[entry].previous)
        }
    }

    /// Bytes held.
    var memoryBytes: Int { table.capacity * 4 + entries.memoryBytes }

    /// The slot holding `key`'s newest entry, or the empty slot where it would go.
    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        table.withUnsafeBufferPointer { table in
            var position = Int(truncatingIfNeeded: key) & mask
            while true {
                let entry = Int(table[position])
                if entry == 0 || entries[entry - 1].key == key { return position }
                position = (position + 1) & mask
            }
        }
    }

    /// Doubles the table. The entries are read in order, not through the old table, and each key's
    /// newest entry (the one no later entry names as its previous) goes to the first free slot from
    /// its home: keys in the table are distinct, so no entry has to be compared.
    private mutating func grow() {
        var superseded = [UInt64](repeating: 0, count: (entries.count + 63) / 64)
        for index in 0..<entries.count {
            let previous = Int(entries[index].previous)
            if previous >= 0 { superseded[previous >> 6] |= 1 << UInt64(previous & 63) }
        }
        var grown = [UInt32](repeating: 0, count: table.count * 2)
        let grownMask = grown.count - 1
        grown.withUnsafeMutableBufferPointer { grown in
            for index in 0..<entries.count where superseded[index >> 6] & (1 << UInt64(index & 63)) == 0 {
                var position = Int(truncatingIfNeeded: entries[index].key) & grownMask
                while grown[position] != 0 { position = (position + 1) & grownMask }
                grown[position] = UInt32(index + 1)
            }
        }
        table = grown
        mask = grownMask
    }
}
