/// Stable, documented hashes for everything that decides output (never Swift's per-process `Hasher`).
///
/// The 64-bit hash reads the bytes as little-endian 8-byte words and mixes each with a 128-bit
/// multiply folded to 64 bits (the "mum" step of wyhash); the tail is zero-padded and the length is
/// mixed in last. The same bytes and seed give the same value on every machine and run.
public enum StableHash {
    @usableFromInline static let prime0: UInt64 = 0xa076_1d64_78bd_642f
    @usableFromInline static let prime1: UInt64 = 0xe703_7ed1_a0b4_28db
    @usableFromInline static let prime2: UInt64 = 0x8ebc_6af0_9c88_c6e3

    /// Multiplies two words to 128 bits and folds the halves together.
    @inlinable @inline(__always)
    public static func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// Mixes one 64-bit value into a well-spread 64-bit value (a bijection-free finaliser).
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64, seed: UInt64 = 0) -> UInt64 {
        mum(value ^ prime0 ^ seed, prime1 ^ (seed &* prime2))
    }

    /// The 64-bit hash of `bytes` under `seed`.
    @inlinable
    public static func hash64(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        var state = seed ^ prime0
        var offset = 0
        let count = bytes.count
        while offset + 8 <= count {
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            state = mum(state ^ word, prime1)
            offset += 8
        }
        if offset < count { state = mum(state ^ tail(bytes, from: offset), prime2) }
        return mum(state ^ UInt64(count), prime1 ^ seed)
    }

    /// The bytes from `offset` to the end (fewer than eight) as a little-endian word, zero-padded.
    @inlinable @inline(__always)
    static func tail(_ bytes: UnsafeRawBufferPointer, from offset: Int) -> UInt64 {
        var word: UInt64 = 0
        var shift: UInt64 = 0
        for position in offset..<bytes.count {
            word |= UInt64(bytes[position]) << shift
            shift += 8
        }
        return word
    }

    /// The 64-bit hash of a string's UTF-8 bytes.
    public static func hash64(_ text: String, seed: UInt64 = 0) -> UInt64 {
        text.withUTF8Bytes { hash64(UnsafeRawBufferPointer($0), seed: seed) }
    }

    /// Combines an accumulated hash with the next value, order-sensitive (for n-grams of token hashes).
    @inlinable @inline(__always)
    public static func combine(_ accumulated: UInt64, _ next: UInt64) -> UInt64 {
        mum(accumulated ^ next, prime2)
    }
}

/// A 128-bit stable digest: two independent 64-bit hashes of the same bytes.
public struct Digest128: Hashable, Sendable {
    /// The first 64 bits.
    public var high: UInt64
    /// The second 64 bits.
    public var low: UInt64

    static let highSeed: UInt64 = 0x5749_4e4e_4f57_0001
    static let lowSeed: UInt64 = 0x5749_4e4e_4f57_0002

    /// The digest of `bytes`. Each half reads the 8-byte words in two lanes, the even words and the
    /// odd ones (the tail goes to the odd lane), and mixes the lanes with the length; the two halves
    /// differ in their seeds. The four chains of multiplies are independent, so they overlap.
    public init(_ bytes: UnsafeRawBufferPointer) {
        var firstEven = Self.highSeed ^ StableHash.prime0, firstOdd = Self.highSeed ^ StableHash.prime2
        var secondEven = Self.lowSeed ^ StableHash.prime0, secondOdd = Self.lowSeed ^ StableHash.prime2
        var offset = 0
        let count = bytes.count
        while offset + 16 <= count {
            let even = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            let odd = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            firstEven = StableHash.mum(firstEven ^ even, StableHash.prime1)
            firstOdd = StableHash.mum(firstOdd ^ odd, StableHash.prime1)
            secondEven = StableHash.mum(secondEven ^ even, StableHash.prime1)
            secondOdd = StableHash.mum(secondOdd ^ odd, StableHash.prime1)
            offset += 16
        }
        if offset + 8 <= count {
            let even = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            firstEven = StableHash.mum(firstEven ^ even, StableHash.prime1)
            secondEven = StableHash.mum(secondEven ^ even, StableHash.prime1)
            offset += 8
        }
        if offset < count {
            let tail = StableHash.tail(bytes, from: offset)
            firstOdd = StableHash.mum(firstOdd ^ tail, StableHash.prime2)
            secondOdd = StableHash.mum(secondOdd ^ tail, StableHash.prime2)
        }
        high = Self.joined(firstEven, firstOdd, count: count, seed: Self.highSeed)
        low = Self.joined(secondEven, secondOdd, count: count, seed: Self.lowSeed)
    }

    /// One half of a digest from its two lanes, which do not commute.
    @inline(__always)
    static func joined(_ even: UInt64, _ odd: UInt64, count: Int, seed: UInt64) -> UInt64 {
        StableHash.mum(even ^ StableHash.mum(odd ^ UInt64(count), StableHash.prime1 ^ seed), StableHash.prime2)
    }

    /// The digest's first half mixed with the dictionary's seed, without running `Hasher` (SipHash)
    /// per lookup; both halves are already uniform.
    public func _rawHashValue(seed: Int) -> Int {
        Int(truncatingIfNeeded: StableHash.mix(high, seed: UInt64(UInt(bitPattern: seed))))
    }
}
