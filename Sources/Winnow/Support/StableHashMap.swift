/// A map from 64-bit stable hashes to small values, for the indexes on the stages' serial path.
///
/// The keys are already uniform hashes, so the table uses their low bits as they are instead of
/// hashing them again as `Dictionary` does (SipHash, a third of a fragment lookup's time). Open
/// addressing, probed linearly, keys and values in two flat arrays, grown at 70% load; key 0 marks an
/// empty slot, so the map keeps a real key 0 beside the table. Entries are never removed.
///
/// ```swift
/// var tallies = StableHashMap<Int32>(filler: 0)
/// tallies.modify(StableHash.hash64("Share this article"), initial: 0) { $0 += 1 }
/// ```
struct StableHashMap<Value> {
    private var keys: [UInt64]
    private var values: [Value]
    private var mask: Int
    private var zero: Value?
    /// What fills the value of an empty slot; never returned.
    private let filler: Value
    /// The keys held.
    private(set) var count = 0

    /// An empty map with room for `capacity` keys before it grows; `filler` stands in empty slots.
    init(filler: Value, capacity: Int = 1 << 10) {
        var size = 16
        while size * 7 < capacity * 10 { size <<= 1 }
        self.filler = filler
        keys = [UInt64](repeating: 0, count: size)
        values = [Value](repeating: filler, count: size)
        mask = size - 1
    }

    /// The value under `key`, or nil.
    subscript(key: UInt64) -> Value? {
        if key == 0 { return zero }
        let position = slot(of: key)
        return keys[position] == 0 ? nil : values[position]
    }

    /// Calls `body` with the value under `key` (`initial` when the key is new) to change it in place.
    @discardableResult
    mutating func modify<Result>(_ key: UInt64, initial: @autoclosure () -> Value, _ body: (inout Value) -> Result) -> Result {
        if key == 0 {
            if zero == nil {
                zero = initial()
                count += 1
            }
            return body(&zero!)
        }
        var position = slot(of: key)
        if keys[position] == 0 {
            if (count + 1) * 10 > keys.count * 7 {
                grow()
                position = slot(of: key)
            }
            keys[position] = key
            values[position] = initial()
            count += 1
        }
        return body(&values[position])
    }

    /// Stores `value` under `key` and returns the value it replaced, if any.
    @discardableResult
    mutating func updateValue(_ value: Value, forKey key: UInt64) -> Value? {
        var isNew = false
        let previous = modify(key, initial: { isNew = true; return value }()) { stored -> Value in
            let old = stored
            stored = value
            return old
        }
        return isNew ? nil : previous
    }

    /// Bytes held.
    var memoryBytes: Int { keys.capacity * 8 + values.capacity * MemoryLayout<Value>.stride }

    /// The slot holding `key`, or the empty slot where it would go.
    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        keys.withUnsafeBufferPointer { keys in
            var position = Int(truncatingIfNeeded: key) & mask
            while keys[position] != key && keys[position] != 0 { position = (position + 1) & mask }
            return position
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldValues = values
        keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
        values = [Value](repeating: filler, count: oldKeys.count * 2)
        mask = keys.count - 1
        for index in oldKeys.indices where oldKeys[index] != 0 {
            let position = slot(of: oldKeys[index])
            keys[position] = oldKeys[index]
            values[position] = oldValues[index]
        }
    }
}
