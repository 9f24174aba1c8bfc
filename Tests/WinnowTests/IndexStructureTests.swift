import Testing
@testable import Winnow
import WinnowLab

/// The small index structures the stages build on, against the obvious implementation.
@Suite struct IndexStructureTests {
    @Test func stableHashMapAgreesWithADictionary() {
        var generator = SeededGenerator(seed: 77)
        var map = StableHashMap<Int32>(filler: -1, capacity: 4)
        var reference: [UInt64: Int32] = [:]
        for step in 0..<20_000 {
            let choice = generator.next() % 4
            let key: UInt64 = choice == 0 ? 0 : choice == 1 ? (generator.next() % 64) << 40 : generator.next() % 5_000
            let value = Int32(step)
            if generator.next() % 3 == 0 {
                #expect(map.modify(key, initial: 0) { stored -> Int32 in stored += 1; return stored }
                        == { reference[key, default: 0] += 1; return reference[key]! }())
            } else {
                #expect(map.updateValue(value, forKey: key) == reference.updateValue(value, forKey: key))
            }
        }
        #expect(map.count == reference.count)
        for key in reference.keys { #expect(map[key] == reference[key]) }
        #expect(map[123_456_789] == nil)
    }

    @Test func stableHashMultimapGivesEveryHandleNewestFirst() {
        var generator = SeededGenerator(seed: 78)
        var multimap = StableHashMultimap(capacity: 2)
        var reference: [UInt64: [Int32]] = [:]
        for handle in Int32(0)..<20_000 {
            let choice = generator.next() % 3
            let key: UInt64 = choice == 0 ? (generator.next() % 32) << 40 : generator.next() % 3_000
            multimap.insert(key: key, handle: handle)
            reference[key, default: []].insert(handle, at: 0)
        }
        #expect(multimap.count == 20_000)
        for (key, handles) in reference {
            var found: [Int32] = []
            multimap.forEach(key: key) { found.append($0); return true }
            #expect(found == handles)
        }
        var firstTwo: [Int32] = []
        let crowded = reference.max { $0.value.count < $1.value.count }!
        multimap.forEach(key: crowded.key) { firstTwo.append($0); return firstTwo.count < 2 }
        #expect(firstTwo == Array(crowded.value.prefix(2)))
        multimap.forEach(key: 987_654_321_987) { _ in Issue.record("an absent key has no handle"); return true }
    }

    @Test func aDocumentsKeysInsertedTogetherGiveWhatOneByOneGives() {
        var generator = SeededGenerator(seed: 79)
        var together = StableHashMultimap(capacity: 2)
        var oneByOne = StableHashMultimap(capacity: 2)
        var keys = Set<UInt64>()
        for handle in Int32(0)..<3_000 {
            let sentences = (0..<Int(generator.next() % 30)).map { _ in generator.next() % 2_000 }
            together.insert(keys: sentences, handle: handle)
            for key in sentences { oneByOne.insert(key: key, handle: handle) }
            keys.formUnion(sentences)
        }
        #expect(together.count == oneByOne.count && together.count > 30_000)
        for key in keys.union([2_001]) {
            var found: [Int32] = [], expected: [Int32] = []
            together.forEach(key: key) { found.append($0); return true }
            oneByOne.forEach(key: key) { expected.append($0); return true }
            #expect(found == expected)
        }
    }

    @Test func chainedMultimapGivesEveryHandleNewestFirstAndGrowsOnDistinctKeys() {
        var generator = SeededGenerator(seed: 80)
        var multimap = ChainedMultimap(capacity: 2)
        var reference: [UInt32: [Int32]] = [:]
        for handle in Int32(0)..<30_000 {
            let choice = generator.next() % 4
            let key = choice == 0 ? 7 : UInt32(truncatingIfNeeded: generator.next() % 6_000) << (choice == 1 ? 20 : 0)
            if handle % 5 == 0 { multimap.prefetch(keys: [key, key &+ 1]) }
            multimap.insert(key: key, handle: handle)
            reference[key, default: []].insert(handle, at: 0)
        }
        #expect(multimap.count == 30_000)
        #expect(multimap.memoryBytes < 30_000 * 4 + reference.count * 8 * 3 + 65_536)
        for (key, handles) in reference {
            var found: [Int32] = []
            multimap.forEach(key: key) { found.append($0); return true }
            #expect(found == handles)
        }
        var firstThree: [Int32] = []
        multimap.forEach(key: 7) { firstThree.append($0); return firstThree.count < 3 }
        #expect(firstThree == Array(reference[7]!.prefix(3)))
        multimap.forEach(key: 6_001) { _ in Issue.record("an absent key has no handle"); return true }
    }

    @Test func packedMultimapGivesEveryHandleOfEveryKey() {
        var generator = SeededGenerator(seed: 78)
        var multimap = PackedMultimap(capacity: 4)
        var reference: [UInt32: [Int32]] = [:]
        for handle in 0..<Int32(30_000) {
            let key = UInt32(truncatingIfNeeded: generator.next() % 9_000)
            multimap.insert(key: key, handle: handle)
            reference[key, default: []].append(handle)
        }
        let keys = (0..<40).map { _ in UInt32(truncatingIfNeeded: generator.next() % 10_000) }
        var one: [Int32] = []
        for key in keys {
            var found: [Int32] = []
            multimap.forEach(key: key) { found.append($0) }
            #expect(found.sorted() == (reference[key] ?? []))
            one += found
        }
        var all: [Int32] = []
        multimap.forEach(keys: keys) { all.append($0) }
        #expect(all == one)
        #expect(!all.isEmpty)
    }

    @Test func byteVectorMasksAreWhatTheBytesSayOnEveryProcessor() {
        var generator = SeededGenerator(seed: 81)
        let probes: [UInt8] = [0x00, 0x0A, 0x20, 0x22, 0x26, 0x5C, 0x7F, 0x80, 0xE2, 0xFF, 0x2F, 0x30, 0x39, 0x3A, 0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0xC1, 0xDA]
        for round in 0..<4_000 {
            var bytes = (0..<16).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if round % 2 == 0 { for index in bytes.indices where generator.next() % 2 == 0 { bytes[index] = probes[Int(generator.next() % UInt64(probes.count))] } }
            bytes.withUnsafeBytes { raw in
                let fast = ByteVector(raw.baseAddress!), portable = PortableByteVector(raw.baseAddress!)
                func expected(_ test: (UInt8) -> Bool) -> UInt32 {
                    bytes.indices.reduce(0) { mask, index in test(bytes[index]) ? mask | 1 << UInt32(index) : mask }
                }
                for probe in probes {
                    #expect(fast.mask(equalTo: probe) == expected { $0 == probe })
                    #expect(portable.mask(equalTo: probe) == expected { $0 == probe })
                }
                for bound: UInt8 in [1, 0x0A, 0x20, 0x7F, 0x80] {
                    #expect(fast.mask(below: bound) == expected { $0 < bound })
                    #expect(portable.mask(below: bound) == expected { $0 < bound })
                }
                #expect(fast.nonASCIIMask == expected { $0 >= 0x80 })
                #expect(portable.nonASCIIMask == expected { $0 >= 0x80 })
                let isWord: (UInt8) -> Bool = { $0 < 0x80 && (Character(Unicode.Scalar($0)).isLetter || Character(Unicode.Scalar($0)).isNumber) }
                let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
                let words = (low: lowered[0..<8].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) },
                             high: lowered[8..<16].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) })
                for found in [fast.asciiWords, portable.asciiWords] {
                    #expect(found.mask == expected(isWord) && found.low == words.low && found.high == words.high)
                }
            }
        }
    }

    @Test func stableHashKeysKeepADictionaryAsItsHashesWould() {
        var generator = SeededGenerator(seed: 82)
        var keyed: [StableHashKey: Int] = [:]
        var reference: [UInt64: Int] = [:]
        for step in 0..<20_000 {
            let key = generator.next() % 3 == 0 ? generator.next() % 64 : generator.next()
            if step % 5 == 4 {
                #expect(keyed.removeValue(forKey: StableHashKey(key)) == reference.removeValue(forKey: key))
            } else {
                keyed[StableHashKey(key), default: 0] += step
                reference[key, default: 0] += step
            }
        }
        #expect(keyed.count == reference.count)
        for (key, value) in reference { #expect(keyed[StableHashKey(key)] == value) }
    }

    @Test func linesAreRemovedOnTheBytes() {
        let text = "first\r\n\n  \nsecond — é\nthird\n"
        let starts = ParagraphMap.lineStarts(of: text)
        #expect(starts == [0, 7, 8, 11, 25, 31])
        #expect(ParagraphMap.line(0, of: text, starts: starts) == "first\r")
        #expect(ParagraphMap.line(3, of: text, starts: starts) == "second — é")
        #expect(ParagraphMap.line(5, of: text, starts: starts) == "")
        #expect(ParagraphMap.removing(lines: [1, 2, 4], from: text, starts: starts) == "first\r\nsecond — é\n")
        #expect(ParagraphMap.removing(lines: [0], from: "a\nb", starts: [0, 2]) == "b")
        #expect(ParagraphMap.removing(lines: [0, 1], from: "a\nb", starts: [0, 2]) == "")
        #expect(ParagraphMap.hasParagraph(" \t\n\n x"))
        #expect(!ParagraphMap.hasParagraph(" \t\n\n "))
    }

    @Test func chunkedArrayKeepsWhatAnArrayKeepsAndRunsStayTogether() {
        var generator = SeededGenerator(seed: 79)
        var chunked = ChunkedArray<UInt64>()
        var reference: [UInt64] = []
        var runs: [(start: Int, values: [UInt64])] = []
        let perChunk = 1 << ChunkedArray<UInt64>.chunkShift
        #expect(perChunk * 8 == 65_536)
        while reference.count < perChunk * 3 {
            if generator.next() % 4 == 0 {
                let values = (0..<Int(generator.next() % 900)).map { _ in generator.next() }
                let start = values.withUnsafeBufferPointer { chunked.appendContiguous($0) }
                #expect(start >= reference.count && start / perChunk == (start + max(values.count, 1) - 1) / perChunk)
                reference += Array(repeating: 0, count: start - reference.count) + values
                runs.append((start, values))
            } else {
                let value = generator.next()
                chunked.append(value)
                reference.append(value)
            }
        }
        #expect(chunked.count == reference.count)
        let copy = chunked
        for (start, values) in runs {
            chunked.withContiguous(from: start, count: values.count) { #expect(Array($0) == values) }
            for (offset, value) in values.enumerated() { #expect(copy[start + offset] == value) }
        }
        chunked.append(7)
        #expect(chunked.count == reference.count + 1 && chunked[reference.count] == 7 && copy.count == reference.count)
        #expect(chunked.memoryBytes == (reference.count + perChunk - 1) / perChunk * 65_536)
    }

    @Test func anArenaTellsWhichIdAHandleHoldsAsItsStringsDo() {
        let ids = ["", "a", "ab", "story-00017-r0", "story-00017-r1", "story-00017-r0#2", "Zürich:東京", "a"].map { DocumentID($0) }
        var arena = IdentifierArena()
        let handles = ids.map { arena.append($0) }
        for handle in handles {
            for id in ids + [DocumentID("story-00017-r"), DocumentID("b")] {
                #expect(arena.holds(handle, id) == (arena[handle] == id), "\(arena[handle]) against \(id)")
            }
        }
        #expect(arena.holds(handles[3], ids[3]) && !arena.holds(handles[3], ids[4]) && arena.holds(handles[7], ids[1]))
    }
}
