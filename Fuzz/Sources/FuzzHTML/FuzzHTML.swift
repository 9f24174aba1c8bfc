import FuzzSupport
import Winnow

/// Arbitrary bytes through the HTML reader: bad input must be an error, never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    readAll(bytes, count, name: "fuzz.html", format: .html)
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver.
@_cdecl("FuzzHTML_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, testOneInput)
}
