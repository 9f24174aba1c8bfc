/// For every scalar of the Basic Multilingual Plane: how the key treats it and, when folding it
/// alone is exact, its NFKC case-folded form — built once, so the key folds most non-ASCII text
/// (Cyrillic, Greek, accented Latin, CJK) one table lookup per scalar instead of a library call.
///
/// An entry holds the folded scalar in bits 0–20, the role in bits 24–27, and bit 28 when the
/// scalar needs the full fold of its whole token (it composes with a neighbour, or folds to
/// several scalars).
enum KeyFoldTable {
    static let needsFullFold: UInt32 = 1 << 28

    static let entries: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 0x10000)
        for value in 0..<0x10000 where !(0xD800...0xDFFF).contains(value) {
            table[value] = entry(for: UInt32(value))
        }
        return table
    }()

    /// The entry of `scalar`. Most scalars fold to themselves, which their properties tell without
    /// running the fold (the table is built at every start, and the fold is most of its cost).
    static func entry(for scalar: UInt32) -> UInt32 {
        let role = KeyBuilder.role(of: scalar)
        guard role == .word || role == .ideograph else { return UInt32(role.rawValue) << 24 }
        guard UnicodeFolding.foldsToItself(scalar) else { return foldedEntry(for: scalar) }
        return UInt32(role.rawValue) << 24 | scalar | (UnicodeFolding.mayChangeUnderNFC(scalar) ? needsFullFold : 0)
    }

    /// The entry of a letter, digit or ideograph, from running the key's fold on it.
    static func foldedEntry(for scalar: UInt32) -> UInt32 {
        var entry = UInt32(KeyBuilder.role(of: scalar).rawValue) << 24
        var utf8 = GrowableBuffer<UInt8>(capacity: 4)
        UTF8Decoding.encode(scalar, into: &utf8)
        let folded = utf8.take().withUnsafeBufferPointer { UnicodeFolding.foldForKey($0) }
        let decoded = folded.withUnsafeBufferPointer { $0.isEmpty ? nil : UTF8Decoding.decode($0, at: 0) }
        if let decoded, decoded.length == folded.count, !UnicodeFolding.mayChangeUnderNFC(scalar),
           !UnicodeFolding.mayChangeUnderNFC(decoded.scalar) {
            entry |= decoded.scalar
        } else {
            entry |= scalar | needsFullFold
        }
        return entry
    }
}
