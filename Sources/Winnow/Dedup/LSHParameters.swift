/// Bands and rows for locality-sensitive hashing of MinHash signatures.
///
/// Two documents with Jaccard similarity `s` share at least one band with probability
/// `1 - (1 - s^rows)^bands`. The default choice minimises the weighted sum of the false-positive
/// area (below the threshold) and the false-negative area (above it), as datasketch does.
public struct LSHParameters: Sendable, Equatable, CustomStringConvertible {
    /// Bands, each hashed to one bucket key.
    public var bands: Int
    /// Signature values per band.
    public var rows: Int

    /// Explicit bands and rows.
    public init(bands: Int, rows: Int) {
        self.bands = bands
        self.rows = rows
    }

    /// The bands and rows that fit `permutations` values (and at most `maximumBands` bands, which
    /// bounds the index's memory) and best separate pairs around `threshold`.
    public init(threshold: Double, permutations: Int, falsePositiveWeight: Double = 0.5, falseNegativeWeight: Double = 0.5,
                maximumBands: Int = .max) {
        var best = (bands: 1, rows: permutations, error: Double.infinity)
        for bands in 1...min(permutations, maximumBands) {
            let maxRows = permutations / bands
            guard maxRows >= 1 else { continue }
            for rows in 1...maxRows {
                let fp = Self.integrate(from: 0, to: threshold) { 1 - pow1(1 - pow1($0, rows), bands) }
                let fn = Self.integrate(from: threshold, to: 1) { pow1(1 - pow1($0, rows), bands) }
                let error = falsePositiveWeight * fp + falseNegativeWeight * fn
                if error < best.error { best = (bands, rows, error) }
            }
        }
        self.init(bands: best.bands, rows: best.rows)
    }

    /// The probability that a pair of similarity `s` becomes a candidate.
    public func candidateProbability(_ s: Double) -> Double { 1 - pow1(1 - pow1(s, rows), bands) }

    public var description: String { "\(bands) bands × \(rows) rows" }

    private static func integrate(from lower: Double, to upper: Double, _ function: (Double) -> Double) -> Double {
        let steps = 200
        let width = (upper - lower) / Double(steps)
        var total = 0.0
        for step in 0..<steps { total += function(lower + (Double(step) + 0.5) * width) }
        return total * width
    }
}

/// `base` to the power `exponent` by repeated squaring, without Foundation.
@inline(__always)
func pow1(_ base: Double, _ exponent: Int) -> Double {
    var result = 1.0
    var factor = base
    var remaining = exponent
    while remaining > 0 {
        if remaining & 1 == 1 { result *= factor }
        factor *= factor
        remaining >>= 1
    }
    return result
}
