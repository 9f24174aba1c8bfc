import FuzzSupport
import Winnow

/// Arbitrary text through teaser detection and the teaser stage, against itself as an article.
@_cdecl("LLVMFuzzerTestOneInput")
public func testOneInput(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    _ = TeaserDetector().detect(text)
    let source = SourceLocation(file: "fuzz", line: 1)
    let documents = [Document(id: "a", text: text, source: source), Document(id: "t", text: String(text.prefix(count / 2)) + "…", source: source)]
    let sink = CollectingSink()
    _ = try? Pipeline(stages: [NormalizeStage(), TeasersStage()]).run(source: ArraySource(documents), sink: sink, decisions: sink)
    return 0
}

/// The entry point SwiftPM links `main` to: libFuzzer's driver.
@_cdecl("FuzzTeasers_main")
public func entryPoint(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    fuzzMain(argc, argv, testOneInput)
}
