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
            let scalar = UInt32(value)
            let role = KeyBuilder.role(of: scalar)
            var entry = UInt32(role.rawValue) << 24
            if role == .word || role == .ideograph {
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
            }
            table[value] = entry
        }
        return table
    }()
}
