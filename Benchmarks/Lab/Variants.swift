import Foundation
import Winnow

/// Scraping noise that leaves a text the same document: one kind per variant.
enum Variants {
    static func apply(_ text: String, _ writer: inout StoryWriter) -> (String, String) {
        switch writer.number(below: 7) {
        case 0:
            let spaced = text.replacingOccurrences(of: " ", with: ["  ", " \u{A0}", "\t"][writer.number(below: 3)])
            return ("  " + spaced.replacingOccurrences(of: "\n", with: " \r\n\r\n") + "\n", "whitespace")
        case 1:
            return (text.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
                .replacingOccurrences(of: "’", with: "'"), "quotes")
        case 2:
            return (text.uppercased(), "case")
        case 3:
            return (text.decomposedStringWithCanonicalMapping, "NFD")
        case 4:
            return (text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "’", with: "&#8217;")
                .replacingOccurrences(of: "—", with: "&mdash;").replacingOccurrences(of: "“", with: "&ldquo;")
                .replacingOccurrences(of: "”", with: "&rdquo;"), "entities")
        case 5:
            return (text.split(separator: " ", omittingEmptySubsequences: false).map { word in
                word.count > 6 ? word.prefix(3) + "\u{AD}" + word.dropFirst(3) : word
            }.joined(separator: " "), "soft hyphens")
        default:
            let mojibake = String(String.UnicodeScalarView(text.utf8.map { byte in
                Unicode.Scalar(byte < 0x80 ? UInt32(byte) : Self.windows1252(byte))!
            }))
            return (mojibake, "mojibake")
        }
    }

    /// The character Windows-1252 shows for a byte (Latin-1 where it leaves the byte undefined).
    static func windows1252(_ byte: UInt8) -> UInt32 {
        let high: [UInt32] = [0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
                              0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                              0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178]
        return (0x80...0x9F).contains(byte) ? high[Int(byte - 0x80)] : UInt32(byte)
    }
}
