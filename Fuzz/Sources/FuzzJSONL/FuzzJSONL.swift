import FuzzSupport
import Winnow

/// Arbitrary bytes through the JSONL reader: bad input must be an error, never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    readAll(bytes, count, name: "fuzz.jsonl", format: .jsonl)
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver.
@_cdecl("FuzzJSONL_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, testOneInput)
}
