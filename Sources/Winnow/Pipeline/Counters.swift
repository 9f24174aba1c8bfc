/// Named counters a run collects for its report, listed in name order so reports are stable.
public struct Counters: Sendable, Equatable {
    /// The counters by name.
    public private(set) var values: [String: Int] = [:]

    /// No counter yet.
    public init() {}

    /// Adds `amount` to counter `name`.
    public mutating func add(_ name: String, _ amount: Int = 1) {
        values[name, default: 0] += amount
    }

    /// The value of counter `name`, 0 when never counted.
    public subscript(name: String) -> Int { values[name] ?? 0 }

    /// The counters in name order.
    public var sorted: [(name: String, value: Int)] {
        values.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
