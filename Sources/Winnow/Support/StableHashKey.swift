/// A stable 64-bit hash as a dictionary key. It is uniform already, so a dictionary mixes it with
/// its seed in one multiply instead of running `Hasher` (SipHash) over it for every lookup.
///
/// ```swift
/// var waiting: [StableHashKey: [Int]] = [:]
/// waiting[StableHashKey(anchor), default: []].append(slot)
/// ```
struct StableHashKey: Hashable {
    /// The hash.
    let value: UInt64

    /// The key for `value`, a stable hash.
    init(_ value: UInt64) { self.value = value }

    func hash(into hasher: inout Hasher) { hasher.combine(value) }

    /// The hash mixed with the dictionary's seed.
    func _rawHashValue(seed: Int) -> Int {
        Int(truncatingIfNeeded: StableHash.mix(value, seed: UInt64(UInt(bitPattern: seed))))
    }
}
