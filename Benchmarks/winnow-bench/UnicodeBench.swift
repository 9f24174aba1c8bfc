import CUtf8proc
import Foundation

/// utf8proc's NFKC with case folding over a whole text, as the comparison point for Foundation.
enum UnicodeBench {
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var result: UnsafeMutablePointer<UInt8>?
        let options = UTF8PROC_STABLE.rawValue | UTF8PROC_COMPOSE.rawValue | UTF8PROC_COMPAT.rawValue | UTF8PROC_CASEFOLD.rawValue
        let length = utf8proc_map(bytes.baseAddress, bytes.count, &result, utf8proc_option_t(rawValue: options))
        free(result)
        return length
    }
}
