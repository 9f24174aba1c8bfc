import CUtf8proc
import Foundation

/// Unicode normalisation and character classes, through utf8proc (Debian's libutf8proc).
///
/// utf8proc is used where it beats Foundation on this path: its NFC and NFKC-with-case-folding
/// work on UTF-8 bytes directly, and its property table answers per-scalar questions in a lookup.
/// A bitmap of the Basic Multilingual Plane, built once, says which scalars NFC may change, so text
/// without them (nearly all news text) skips normalisation entirely.
enum UnicodeFolding {
    /// NFC of valid UTF-8 bytes.
    static func nfc(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        map(bytes, options: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPOSE.rawValue)
    }

    /// NFKC with full case folding, default-ignorable characters removed: the key's form of a token.
    static func foldForKey(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        map(bytes, options: UTF8PROC_STABLE.rawValue | UTF8PROC_COMPOSE.rawValue | UTF8PROC_COMPAT.rawValue
            | UTF8PROC_CASEFOLD.rawValue | UTF8PROC_IGNORE.rawValue)
    }

    private static func map(_ bytes: UnsafeBufferPointer<UInt8>, options: UInt32) -> [UInt8] {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return [] }
        var result: UnsafeMutablePointer<UInt8>?
        let length = utf8proc_map(base, bytes.count, &result, utf8proc_option_t(rawValue: options))
        guard length >= 0, let result else { return Array(bytes) }
        defer { free(result) }
        return Array(UnsafeBufferPointer(start: result, count: length))
    }

    /// True when the key's fold (NFKC with case folding, default-ignorables dropped) leaves `scalar`
    /// as it is: no decomposition (a Hangul syllable, taken apart by rule, is put back together), no
    /// case folding, not ignorable.
    static func foldsToItself(_ scalar: UInt32) -> Bool {
        if (0xAC00...0xD7A3).contains(scalar) { return true }
        guard let property = utf8proc_get_property(Int32(bitPattern: scalar))?.pointee else { return false }
        return property.decomp_seqindex == UInt16.max && property.casefold_seqindex == UInt16.max && property.ignorable == 0
    }

    /// True when NFC may change text holding `scalar` (a combining mark, a scalar that composes with
    /// the one before it, or one NFC replaces).
    @inline(__always)
    static func mayChangeUnderNFC(_ scalar: UInt32) -> Bool {
        if scalar < 0x300 { return false }
        if scalar < 0x10000 { return nfcBitmap[Int(scalar >> 6)] & (1 << (UInt64(scalar) & 63)) != 0 }
        return computeMayChange(Int32(scalar))
    }

    private static let nfcBitmap: [UInt64] = {
        var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        for scalar in 0x300..<0x10000 where computeMayChange(Int32(scalar)) {
            bits[scalar >> 6] |= 1 << UInt64(scalar & 63)
        }
        return bits
    }()

    private static func computeMayChange(_ scalar: Int32) -> Bool {
        if (0x1160...0x11FF).contains(scalar) { return true }
        guard let property = utf8proc_get_property(scalar)?.pointee else { return false }
        if property.combining_class != 0 { return true }
        let category = utf8proc_category_t(rawValue: UInt32(property.category))
        if category == UTF8PROC_CATEGORY_MN || category == UTF8PROC_CATEGORY_MC { return true }
        guard property.decomp_seqindex != UInt16.max, property.decomp_type == 0 else { return false }
        var scalarBytes = [UInt8](repeating: 0, count: 4)
        let length = utf8proc_encode_char(scalar, &scalarBytes)
        let original = Array(scalarBytes[0..<length])
        return original.withUnsafeBufferPointer { nfc($0) } != original
    }

    /// The general category of `scalar`.
    @inline(__always)
    static func category(_ scalar: UInt32) -> utf8proc_category_t {
        utf8proc_category(Int32(bitPattern: scalar))
    }
}
