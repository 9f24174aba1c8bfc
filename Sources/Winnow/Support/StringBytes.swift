extension String {
    /// Calls `body` with the string's UTF-8 bytes: in place when the string keeps them in one buffer
    /// (every string longer than fifteen bytes), else from a copy.
    ///
    /// `withUTF8` needs a mutable copy, and the copy costs a retain and a release; every reader of a
    /// string's bytes in the library goes through here instead.
    ///
    /// ```swift
    /// let count = text.withUTF8Bytes { $0.count }
    /// ```
    func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        if let result = try utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return try copy.withUTF8(body)
    }
}
