#if arch(x86_64)
import _Builtin_intrinsics.intel

/// Sixteen bytes tested at once: the scans that read every byte of a text (the clean check, UTF-8
/// validation, JSON strings in and out) ask which of sixteen bytes pass a test and get the answer
/// as a bit mask, bit `i` for byte `i`. On x86-64 this is SSE2, which every x86-64 processor has:
/// a test is a compare and a `pmovmskb`. Elsewhere it is `PortableByteVector`.
///
/// ```swift
/// let chunk = ByteVector(UnsafeRawPointer(base + index))
/// let quotes = chunk.mask(equalTo: UInt8(ascii: "\""))   // 0b100 when byte 2 is the only quote
/// ```
struct ByteVector {
    /// Bytes a vector holds.
    static let width = 16

    @usableFromInline let bytes: __m128i

    /// The sixteen bytes at `pointer`, which need no alignment.
    @inline(__always)
    init(_ pointer: UnsafeRawPointer) {
        bytes = _mm_loadu_si128(pointer.assumingMemoryBound(to: __m128i.self))
    }

    /// The bytes equal to `byte`.
    @inline(__always)
    func mask(equalTo byte: UInt8) -> UInt32 {
        Self.mask(_mm_cmpeq_epi8(bytes, Self.splat(byte)))
    }

    /// The bytes below `bound` (as unsigned numbers), which is from 1 to 0x80.
    @inline(__always)
    func mask(below bound: UInt8) -> UInt32 {
        Self.mask(_mm_cmpeq_epi8(_mm_min_epu8(bytes, Self.splat(bound &- 1)), bytes))
    }

    /// The bytes of 0x80 or more: those that are not ASCII.
    @inline(__always)
    var nonASCIIMask: UInt32 { Self.mask(bytes) }

    /// The ASCII letters and digits, and the bytes with ASCII capitals lower-cased, as two
    /// little-endian words: where the matching key's tokens start and what they hold.
    @inline(__always)
    var asciiWords: (mask: UInt32, low: UInt64, high: UInt64) {
        let upper = _mm_and_si128(_mm_cmpgt_epi8(bytes, Self.splat(0x40)), _mm_cmplt_epi8(bytes, Self.splat(0x5B)))
        let lower = _mm_and_si128(_mm_cmpgt_epi8(bytes, Self.splat(0x60)), _mm_cmplt_epi8(bytes, Self.splat(0x7B)))
        let digits = _mm_and_si128(_mm_cmpgt_epi8(bytes, Self.splat(0x2F)), _mm_cmplt_epi8(bytes, Self.splat(0x3A)))
        let lowered = _mm_or_si128(bytes, _mm_and_si128(upper, Self.splat(0x20)))
        let words = _mm_or_si128(_mm_or_si128(upper, lower), digits)
        return (Self.mask(words), UInt64(bitPattern: _mm_cvtsi128_si64(lowered)),
                UInt64(bitPattern: _mm_cvtsi128_si64(_mm_unpackhi_epi64(lowered, lowered))))
    }

    @inline(__always)
    private static func splat(_ byte: UInt8) -> __m128i { _mm_set1_epi8(CChar(bitPattern: byte)) }

    @inline(__always)
    private static func mask(_ vector: __m128i) -> UInt32 { UInt32(truncatingIfNeeded: _mm_movemask_epi8(vector)) }
}
#else
typealias ByteVector = PortableByteVector
#endif

/// `ByteVector` in two 64-bit words, for processors without SSE2, and the reference the SSE2 one is
/// tested against.
struct PortableByteVector {
    /// Bytes a vector holds.
    static let width = 16

    private let low: UInt64
    private let high: UInt64

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The sixteen bytes at `pointer`, which need no alignment.
    @inline(__always)
    init(_ pointer: UnsafeRawPointer) {
        low = UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
        high = UInt64(littleEndian: pointer.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
    }

    /// The bytes equal to `byte`.
    @inline(__always)
    func mask(equalTo byte: UInt8) -> UInt32 {
        let pattern = Self.ones &* UInt64(byte)
        return Self.pack(Self.zeroBytes(low ^ pattern), Self.zeroBytes(high ^ pattern))
    }

    /// The bytes below `bound` (as unsigned numbers), which is from 1 to 0x80.
    @inline(__always)
    func mask(below bound: UInt8) -> UInt32 {
        Self.pack(Self.below(low, bound), Self.below(high, bound))
    }

    /// The bytes of 0x80 or more: those that are not ASCII.
    @inline(__always)
    var nonASCIIMask: UInt32 { Self.pack(low & Self.highBits, high & Self.highBits) }

    /// The ASCII letters and digits, and the bytes with ASCII capitals lower-cased, as two
    /// little-endian words: where the matching key's tokens start and what they hold.
    @inline(__always)
    var asciiWords: (mask: UInt32, low: UInt64, high: UInt64) {
        let first = Self.words(low), second = Self.words(high)
        return (Self.pack(first.words, second.words), first.lowered, second.lowered)
    }

    /// The high bit of each ASCII letter or digit of `word`, and `word` with its capitals lower-cased.
    @inline(__always)
    private static func words(_ word: UInt64) -> (words: UInt64, lowered: UInt64) {
        let upper = inRange(word, 0x41, 0x5A)
        let words = upper | inRange(word, 0x61, 0x7A) | inRange(word, 0x30, 0x39)
        return (words, word | upper >> 2)
    }

    /// The high bit of each byte of `word` in `low...high` (both below 0x80), exactly.
    @inline(__always)
    private static func inRange(_ word: UInt64, _ low: UInt8, _ high: UInt8) -> UInt64 {
        below(word, high &+ 1) & ~below(word, low)
    }

    /// The high bit of each zero byte of `word`, exactly: each byte is tested on its low seven bits
    /// and its high bit apart, so no carry crosses from one byte to the next.
    @inline(__always)
    private static func zeroBytes(_ word: UInt64) -> UInt64 {
        let lowSeven = (word & ~highBits) &+ ~highBits
        return ~(lowSeven | word) & highBits
    }

    /// The high bit of each byte of `word` below `bound` (1 to 0x80), exactly, in the same way: the
    /// low seven bits plus `0x80 - bound` reach the high bit when they are `bound` or more.
    @inline(__always)
    private static func below(_ word: UInt64, _ bound: UInt8) -> UInt64 {
        let reachesBound = (word & ~highBits) &+ ones &* UInt64(0x80 - bound)
        return ~(reachesBound | word) & highBits
    }

    /// Sixteen high bits, eight a word, as a 16-bit mask.
    @inline(__always)
    private static func pack(_ low: UInt64, _ high: UInt64) -> UInt32 {
        let magic: UInt64 = 0x0102_0408_1020_4080
        let first = ((low >> 7) &* magic) >> 56
        let second = ((high >> 7) &* magic) >> 56
        return UInt32(truncatingIfNeeded: first | second << 8)
    }
}
