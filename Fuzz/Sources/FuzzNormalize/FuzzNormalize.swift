import FuzzSupport
import Winnow

/// Arbitrary bytes through the output cleaner (every option) and the matching key.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let input = UnsafeBufferPointer(start: bytes, count: count)
    var options = TextCleaner.Options()
    options.mojibake = count % 2 == 0
    options.asciiQuotes = count % 3 == 0
    let text = TextCleaner(options: options).clean(utf8: input).text
    precondition(TextCleaner(options: options).clean(text).text.utf8.count <= text.utf8.count + 16)
    _ = MatchingKey(text: text)
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver.
@_cdecl("FuzzNormalize_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, testOneInput)
}
