import Foundation

/// Times a closure: the best of `rounds` runs, in seconds.
enum Measure {
    static func best(rounds: Int = 3, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<rounds {
            let start = ContinuousClock.now
            body()
            let elapsed = ContinuousClock.now - start
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    static func megabytesPerSecond(bytes: Int, seconds: Double) -> String {
        String(format: "%.1f MB/s", Double(bytes) / 1_000_000 / seconds)
    }
}
