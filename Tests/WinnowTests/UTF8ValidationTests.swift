import Testing
@testable import Winnow
import WinnowLab

/// `UTF8Validation` must judge every byte sequence as the standard library does: a string it lets
/// through is built without a second check, so a wrong "valid" would break `String`'s invariants.
@Suite struct UTF8ValidationTests {
    /// Bytes at the edges of the ranges table 3-7 of the Unicode standard draws.
    static let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0,
                                 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]

    /// The standard library's verdict, and the string it builds.
    static func reference(_ bytes: [UInt8]) -> (content: UTF8Validation.Content, string: String?) {
        let string = bytes.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
        guard let string else { return (.invalid, nil) }
        return (bytes.allSatisfy { $0 < 0x80 } ? .ascii : .valid, string)
    }

    static func check(_ bytes: [UInt8]) {
        let expected = reference(bytes)
        let content = bytes.withUnsafeBufferPointer { UTF8Validation.classify($0) }
        let string = bytes.withUnsafeBufferPointer { String(checkingUTF8: $0) }
        #expect(content == expected.content, "\(bytes.map { String($0, radix: 16) })")
        #expect(string == expected.string, "\(bytes.map { String($0, radix: 16) })")
        if let string { #expect(Array(string.utf8) == bytes) }
        #expect(bytes.withUnsafeBufferPointer { String(repairingUTF8: $0) } == String(decoding: bytes, as: UTF8.self))
    }

    @Test func everyOneAndTwoByteSequenceIsJudgedAsTheStandardLibraryJudgesIt() {
        for first in 0...255 {
            Self.check([UInt8(first)])
            for second in 0...255 { Self.check([UInt8(first), UInt8(second)]) }
        }
    }

    @Test func threeAndFourByteSequencesAreJudgedAsTheStandardLibraryJudgesThem() {
        for lead in 0xE0...0xFF {
            for second in 0...255 {
                for third in Self.edges {
                    Self.check([UInt8(lead), UInt8(second), third])
                    guard lead >= 0xF0 else { continue }
                    for fourth: UInt8 in [0x41, 0x80, 0xBF, 0xC0] { Self.check([UInt8(lead), UInt8(second), third, fourth]) }
                }
            }
        }
    }

    /// Mixtures of ASCII runs, whole scalars of every length, and stray bytes, at every alignment the
    /// eight-byte steps can meet, with a sequence cut off by the end of the buffer among them.
    @Test func mixedBuffersAreJudgedAsTheStandardLibraryJudgesThem() {
        let scalars: [[UInt8]] = ["é", "’", "—", "東", "😀", "\u{10FFFF}", "\u{FFFD}", "\u{80}", "\u{7FF}", "\u{800}",
                                  "\u{D7FF}", "\u{E000}", "\u{10000}"].map { Array(String($0).utf8) }
        let strays: [[UInt8]] = [[0x80], [0xBF], [0xC0, 0xAF], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                 [0xF0, 0x9F], [0xFF], [0xC2]]
        var generator = SeededGenerator(seed: 8)
        var invalid = 0
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(generator.next() % 8) {
                switch generator.next() % 10 {
                case 0..<5: bytes += (0..<Int(generator.next() % 20)).map { _ in UInt8(0x20 + generator.next() % 0x5F) }
                case 5..<9: bytes += scalars[Int(generator.next() % UInt64(scalars.count))]
                default: bytes += strays[Int(generator.next() % UInt64(strays.count))]
                }
            }
            if generator.next() % 8 == 0, !bytes.isEmpty { bytes.removeLast() }
            if Self.reference(bytes).content == .invalid { invalid += 1 }
            Self.check(bytes)
        }
        #expect(invalid > 2000 && invalid < 18_000)
    }
}
