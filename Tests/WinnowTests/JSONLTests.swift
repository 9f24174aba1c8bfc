import Foundation
import Testing
@testable import Winnow
import WinnowLab

/// JSON Lines in and out: fields kept verbatim and in order, ids made when missing, errors located.
@Suite struct JSONLTests {
    @Test func nestedFieldsAndEscapesSurviveUnchanged() throws {
        let line = #"{"url":"https:\/\/example.org\/a","text":"caf\u00e9 \"quoted\"","meta":{"tags":["a","b"],"n":1.50e3,"x":null},"id":"r1","score":-0.5}"#
        let path = try TestSupport.file("in.jsonl", line + "\n")
        let result = try TestSupport.run(PipelineSpec(name: "t", stages: [], format: .jsonl), [path])
        #expect(result.output == #"{"id":"r1","text":"café \"quoted\"","url":"https:\/\/example.org\/a","meta":{"tags":["a","b"],"n":1.50e3,"x":null},"score":-0.5}"# + "\n")
    }

    @Test func stringsAreReadInRunsBetweenQuotesBackslashesAndControls() throws {
        var generator = SeededGenerator(seed: 81)
        let alphabet: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xC3, 0xA9, 0xFF, 0x61]
        for _ in 0..<2_000 {
            let bytes = (0..<Int(generator.next() % 40)).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let start = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count))
            let isSpecial: (UInt8) -> Bool = { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 }
            let expected = bytes[start...].firstIndex(where: isSpecial) ?? bytes.count
            bytes.withUnsafeBufferPointer { #expect(JSONScanner($0).nextSpecial(from: start) == expected) }
        }
        #expect(try JSONScanner.decodeString(#""plain, then \n escapes \u00e9 and \" quotes""#) == "plain, then \n escapes é and \" quotes")
        #expect(throws: JSONScanner.SyntaxError.self) { try JSONScanner.decodeString("\"tab\tinside\"") }
        #expect(throws: JSONScanner.SyntaxError.self) { try JSONScanner.decodeString(#""never closed \""#) }
    }

    @Test func writtenStringsEscapeWhatJSONForbidsAndNothingElse() throws {
        var buffer = ByteBuffer()
        buffer.appendJSONString("say \"hi\"\\ now\n\ttab\r\u{01}\u{1F} é ✓ / end")
        #expect(String(decoding: buffer.bytes, as: UTF8.self) == #""say \"hi\"\\ now\n\ttab\r\u0001\u001f é ✓ / end""#)
        let text = (0..<300).map { String(UnicodeScalar(UInt8($0 % 128))) }.joined()
        var round = ByteBuffer()
        round.appendJSONString(text)
        #expect(try JSONScanner.decodeString(String(decoding: round.bytes, as: UTF8.self)) == text)
    }

    @Test func missingIdBecomesStemAndLine() throws {
        let path = try TestSupport.file("feed.jsonl", "\n{\"text\":\"first\"}\n\n{\"text\":\"second\",\"id\":7}\n")
        let documents = try TestSupport.read(path)
        #expect(documents.map(\.id.rawValue) == ["feed:2", "7"])
        #expect(documents.map(\.source.line) == [2, 4])
    }

    @Test func configurableFieldNames() throws {
        let path = try TestSupport.file("in.jsonl", #"{"url":"u1","content":"body text","lang":"en"}"# + "\n")
        var options = ReadOptions()
        options.idField = "url"
        options.textField = "content"
        let documents = try TestSupport.read(path, options)
        #expect(documents.first?.id == "u1")
        #expect(documents.first?.text == "body text")
        #expect(documents.first?.fields.map(\.name) == ["lang"])
    }

    @Test func loneSurrogateBecomesReplacementCharacter() throws {
        let path = try TestSupport.file("in.jsonl", #"{"text":"a\ud800b \ud83d\ude00"}"# + "\n")
        #expect(try TestSupport.read(path).first?.text == "a\u{FFFD}b 😀")
    }

    @Test(arguments: [
        ("not json\n", 1, "invalid JSON"),
        ("{\"text\":\"ok\"}\n{\"id\":\"x\"}\n", 2, "no \"text\" field"),
        ("{\"text\":3}\n", 1, "must be a string"),
        ("[1,2]\n", 1, "must be a JSON object"),
        ("{\"text\":\"a\"} trailing\n", 1, "after the value"),
    ])
    func badRecordsNameFileAndLine(input: String, line: Int, message: String) throws {
        let path = try TestSupport.file("bad.jsonl", input)
        let error = #expect(throws: WinnowError.self) { try TestSupport.read(path) }
        #expect(error?.location?.file == path)
        #expect(error?.location?.line == line)
        #expect(error?.message.contains(message) == true, "\(String(describing: error))")
    }

    @Test func aBadEscapeInTheTextIsPlacedOnItsLineAndColumn() throws {
        let path = try TestSupport.file("escape.jsonl", "{\"text\":\"ok\"}\n{\"id\":\"a\",\"text\":\"bad \\q\"}\n")
        let error = #expect(throws: WinnowError.self) { try TestSupport.read(path) }
        #expect(error?.message.contains("invalid escape '\\q'") == true, "\(String(describing: error))")
        #expect(error?.location?.line == 2)
        #expect(error?.location?.column == 23)
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let path = try TestSupport.file("deep.jsonl", "{\"text\":\"a\",\"x\":\(deep)}\n")
        let error = #expect(throws: WinnowError.self) { try TestSupport.read(path) }
        #expect(error?.message.contains("nesting deeper") == true)
    }

    @Test func jsonArrayAndOwnJSONAreRead() throws {
        let array = try TestSupport.file("a.json", "[\n {\"id\":\"a\",\"text\":\"one\"},\n {\"id\":\"b\",\"text\":\"two\"}\n]\n")
        #expect(try TestSupport.read(array).map(\.id.rawValue) == ["a", "b"])
        #expect(try TestSupport.read(array).map(\.source.line) == [2, 3])
        let own = try TestSupport.file("o.json", #"{"generator":"winnow 0.1.0","documents":[{"id":"a","text":"one"}],"stats":{"in":1}}"#)
        #expect(try TestSupport.read(own).map(\.text) == ["one"])
    }
}
