extension Array {
    /// Hands each element to `body` in order, moved out of the array rather than copied: for loops
    /// that pass documents on, where a copy would retain and later release every field. Each slot
    /// is left holding `filler` (a value whose copy costs nothing, such as an empty document) until
    /// the array goes.
    consuming func drain(leaving filler: Element, _ body: (consuming Element) throws -> Void) rethrows {
        var elements = consume self
        try elements.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for index in 0..<buffer.count {
                let element = (base + index).move()
                (base + index).initialize(to: filler)
                try body(consume element)
            }
        }
    }

    /// The elements, leaving the array empty: the result is the only reference to its storage, so
    /// `drain` can move its elements out without copying them.
    mutating func takeAll() -> [Element] {
        let all = self
        self = []
        return all
    }
}
