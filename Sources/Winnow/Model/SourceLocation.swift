/// Where a document or an error comes from: a file (or `-` for standard input) and a 1-based line.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The input path as given on the command line, or `-` for standard input.
    public var file: String
    /// The 1-based line the record starts on; 0 when the position is the file as a whole.
    public var line: Int
    /// The 1-based column, when known (used for errors).
    public var column: Int?

    /// A location in `file` at `line` (and optionally `column`).
    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String {
        var text = file
        if line > 0 { text += ":\(line)" }
        if let column { text += ":\(column)" }
        return text
    }

    /// The file name without folders and without its format extensions (`.jsonl.gz` and the like).
    public var stem: String { Self.stem(of: file) }

    /// The file name of `path` without folders and format extensions; `stdin` for `-`.
    public static func stem(of path: String) -> String {
        if path == "-" { return "stdin" }
        var name = Substring(path.split(separator: "/", omittingEmptySubsequences: true).last ?? Substring(path))
        for suffix in [".gz"] where name.hasSuffix(suffix) { name = name.dropLast(suffix.count) }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return String(name)
    }
}
