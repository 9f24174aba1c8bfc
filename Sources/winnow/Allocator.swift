import CJemalloc

/// The memory allocator the command runs on: jemalloc, linked in because glibc's allocator takes a
/// lock to free memory another thread allocated, which the pipeline does for every document (read
/// and prepared on one thread, written on another): about 6% of a two-thread run.
enum Allocator {
    /// `jemalloc 5.3.0-0-g…`, for `--version`.
    static var description: String {
        var version: UnsafePointer<CChar>?
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &version, &size, nil, 0) == 0, let version else { return "jemalloc" }
        return "jemalloc " + String(cString: version)
    }
}
