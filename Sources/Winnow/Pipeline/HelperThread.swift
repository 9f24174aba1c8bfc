import Foundation

/// The threads that serve the one driving the first segment: the reading thread, which reads and
/// parses ahead, and the writing segment's thread, which decides and writes behind.
///
/// They start at a lower scheduling priority (5 nicer than the thread that starts them, on Linux,
/// where the value is the calling thread's alone). With two threads the run keeps three busy, and
/// the driving thread does half the work: a core the system shares evenly between three threads
/// holds it back, and the others only wait for it. Measured on the 315 MB benchmark with two
/// threads, alternating runs: 1.44 against 1.51 s on average over seven, and 1.33 against 1.36 s
/// over five in a faster spell of the host.
/// With a core for each thread the priority changes nothing.
enum HelperThread {
    /// Runs `body` on a new thread of lower priority.
    static func start(_ body: @escaping @Sendable () -> Void) {
        Thread.detachNewThread {
            lowerPriority()
            body()
        }
    }

    /// How much nicer than the thread that starts them the helpers are: weighed about three to one
    /// against it.
    static let niceness: Int32 = 5

    private static func lowerPriority() {
        #if os(Linux)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        _ = setpriority(which, 0, min(19, getpriority(which, 0) + niceness))
        #endif
    }
}
