import Foundation

/// Times a closure: the best of `rounds` runs, in seconds.
enum Measure {
    static func best(rounds: Int = 3, _ body: () throws -> Void) rethrows -> Double {
        try bestWithCPU(rounds: rounds, body).seconds
    }

    /// The best of `rounds` runs, with the process's CPU time (user + system) during that run, to
    /// show how well threads share the work.
    static func bestWithCPU(rounds: Int = 3, _ body: () throws -> Void) rethrows -> (seconds: Double, cpu: Double) {
        var best = (seconds: Double.infinity, cpu: 0.0)
        for _ in 0..<rounds {
            let cpu = cpuSeconds()
            let start = ContinuousClock.now
            try body()
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if seconds < best.seconds { best = (seconds, cpuSeconds() - cpu) }
        }
        return best
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
        return user + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }

    static func megabytesPerSecond(bytes: Int, seconds: Double) -> String {
        String(format: "%.1f MB/s", Double(bytes) / 1_000_000 / seconds)
    }
}
