import Yams

/// Reads the options of one part of a pipeline file, checking every key, type and value, and naming
/// the file, the line and the valid choices when something is wrong.
struct SpecReader {
    let file: String
    let context: String
    private var entries: [(key: String, keyNode: Node, value: Node)] = []

    /// Reads the mapping `node` (nil or an empty scalar means no option), allowing only `valid` keys.
    init(_ node: Node?, file: String, context: String, valid: [String]) throws {
        self.file = file
        self.context = context
        guard let node else { return }
        switch node {
        case .mapping(let mapping):
            for (keyNode, value) in mapping {
                guard let key = keyNode.string else { throw Self.error(file, keyNode, "\(context): a key must be a name") }
                guard valid.contains(key) else {
                    throw Self.error(file, keyNode, "unknown key '\(key)' in \(context)\(Self.suggestion(key, valid)); valid keys: \(valid.joined(separator: ", "))")
                }
                entries.append((key, keyNode, value))
            }
        case .scalar(let scalar) where scalar.string.isEmpty || scalar.string == "null" || scalar.string == "~":
            return
        default:
            throw Self.error(file, node, "\(context) must be a mapping of options (key: value)")
        }
    }

    func node(_ key: String) -> Node? { entries.first { $0.key == key }?.value }

    func string(_ key: String, choices: [String]? = nil) throws -> String? {
        guard let value = node(key) else { return nil }
        guard case .scalar(let scalar) = value else { throw Self.error(file, value, "\(context): '\(key)' must be a single value") }
        if let choices, !choices.contains(scalar.string) {
            throw Self.error(file, value, "\(context): '\(key)' cannot be '\(scalar.string)'\(Self.suggestion(scalar.string, choices)); valid values: \(choices.joined(separator: ", "))")
        }
        return scalar.string
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type) throws -> T? where T.RawValue == String {
        try string(key, choices: T.allCases.map(\.rawValue)).flatMap(T.init(rawValue:))
    }

    func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = try string(key) else { return nil }
        guard let value = Int(text) else { throw Self.error(file, node(key)!, "\(context): '\(key)' must be a whole number, not '\(text)'") }
        guard range.contains(value) else {
            throw Self.error(file, node(key)!, "\(context): '\(key)' must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
        }
        return value
    }

    func double(_ key: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let text = try string(key) else { return nil }
        guard let value = Double(text) else { throw Self.error(file, node(key)!, "\(context): '\(key)' must be a number, not '\(text)'") }
        guard range.contains(value) else {
            throw Self.error(file, node(key)!, "\(context): '\(key)' must be between \(range.lowerBound) and \(range.upperBound), not \(text)")
        }
        return value
    }

    /// A list of strings, as `[a, b]` or one item a line.
    func strings(_ key: String) throws -> [String]? {
        guard let value = node(key) else { return nil }
        guard case .sequence(let sequence) = value else { throw Self.error(file, value, "\(context): '\(key)' must be a list") }
        return try sequence.map { item in
            guard case .scalar(let scalar) = item else { throw Self.error(file, item, "\(context): each item of '\(key)' must be text") }
            return scalar.string
        }
    }

    func bool(_ key: String) throws -> Bool? {
        guard let text = try string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw Self.error(file, node(key)!, "\(context): '\(key)' must be true or false, not '\(text)'")
        }
    }

    static func error(_ file: String, _ node: Node, _ message: String) -> WinnowError {
        WinnowError(.configuration, message, at: SourceLocation(file: file, line: node.mark?.line ?? 0, column: node.mark?.column))
    }

    /// ", did you mean 'x'?" when a valid choice is one or two edits away.
    static func suggestion(_ word: String, _ choices: [String]) -> String {
        let scored = choices.map { ($0, editDistance(word, $0)) }.filter { $0.1 <= 2 }.min { $0.1 < $1.1 }
        return scored.map { " (did you mean '\($0.0)'?)" } ?? ""
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...max(1, b.count) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
