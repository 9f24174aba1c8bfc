/// A growable array of plain values over raw memory, for hot loops that append millions of times.
///
/// Unlike `Array`, an append checks only the capacity (no uniqueness, no bridging). The owner calls
/// `take()` once to turn the contents into an `Array`, which also frees the memory.
struct GrowableBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int

    init(capacity: Int) {
        self.capacity = max(16, capacity)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(to: capacity * 2) }
        base[count] = element
        count += 1
    }

    /// Makes room for `extra` more elements.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: max(capacity * 2, count + extra)) }
    }

    /// Appends without a capacity check; the caller reserved room.
    @inline(__always)
    mutating func appendUnchecked(_ element: Element) {
        assert(count < capacity)
        base[count] = element
        count += 1
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { base[index] }
        set { base[index] = newValue }
    }

    var last: Element? { count > 0 ? base[count - 1] : nil }

    mutating func removeLast(_ number: Int = 1) { count -= number }

    /// Sets the count after the caller wrote elements directly through `base` (within the capacity),
    /// or drops elements from the end.
    mutating func truncate(to newCount: Int) {
        assert(newCount <= capacity)
        count = newCount
    }

    /// Kept out of line, so the appends in hot loops stay a compare and a store.
    @inline(never)
    private mutating func grow(to newCapacity: Int) {
        let grown = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    /// The contents as an array; the buffer is freed and must not be used again.
    mutating func take() -> [Element] {
        let result = Array(UnsafeBufferPointer(start: base, count: count))
        base.deallocate()
        count = 0
        capacity = 0
        return result
    }
}
