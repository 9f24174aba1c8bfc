import Winnow

/// libFuzzer's own driver, which a target's entry point hands over to.
@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(_ argc: UnsafeMutablePointer<CInt>,
               _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
               _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// Runs libFuzzer with `body` as the function under test.
///
/// SwiftPM links an executable's `main` to `<Target>_main`; each target defines that symbol and
/// calls this, so libFuzzer's driver runs instead of a Swift `main`.
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                     _ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    var count = argc
    var arguments = argv
    return runDriver(&count, &arguments, body)
}

/// Reads every document of `bytes` as a file called `name`; errors are expected, crashes are not.
public func readAll(_ bytes: UnsafePointer<UInt8>?, _ count: Int, name: String, format: InputFormat) {
    var options = ReadOptions()
    options.format = format
    options.textMode = .page
    let reader = InputReader(bytes: Array(UnsafeBufferPointer(start: bytes, count: count)), name: name, options: options)
    do {
        while let document = try reader.next() { _ = MatchingKey(text: document.text) }
    } catch {}
}
