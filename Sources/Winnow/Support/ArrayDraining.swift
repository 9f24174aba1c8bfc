extension Array {
    /// Hands each element to `body` in order, moved out of the array rather than copied: for loops
    /// that pass documents on, where a copy would retain and later release every field. The array is
    /// reversed in place (elements moved, not copied) and emptied from its end.
    consuming func drain(_ body: (consuming Element) throws -> Void) rethrows {
        var elements = consume self
        elements.withUnsafeMutableBufferPointer { $0.reverse() }
        while let element = elements.popLast() { try body(consume element) }
    }

    /// The elements, leaving the array empty: the result is the only reference to its storage, so
    /// `drain` can move its elements out without copying them.
    mutating func takeAll() -> [Element] {
        let all = self
        self = []
        return all
    }
}
