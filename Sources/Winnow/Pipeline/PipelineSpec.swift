import Yams

/// A pipeline file: how to read, which stages to run with which options, and how to write.
///
/// ```yaml
/// name: news
/// read:   { format: auto, text: page }
/// stages:
///   - normalize: {}
///   - near-dedup: { shingle: 5, permutations: 128, threshold: 0.8 }
/// write:  { format: xml }
/// ```
/// YAML or JSON. An unknown key, stage or value is an error naming the file, the line and the valid choices.
public struct PipelineSpec: Sendable {
    /// The pipeline's name.
    public var name: String
    /// How inputs are read.
    public var read: ReadOptions
    /// The stages, in order.
    public var stages: [StageSpec]
    /// The output format.
    public var format: OutputFormat
    /// Whether JSON and JSON Lines output carry the `winnow` annotation object.
    public var annotate: Bool

    /// A pipeline of `stages` with default reading and XML output.
    public init(name: String, read: ReadOptions = ReadOptions(), stages: [StageSpec], format: OutputFormat = .xml,
                annotate: Bool = false) {
        self.name = name
        self.read = read
        self.stages = stages
        self.format = format
        self.annotate = annotate
    }

    /// Reads a pipeline from the text of a YAML or JSON file; `file` names it in errors.
    public init(text: String, file: String) throws {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw WinnowError(.configuration, "not valid YAML: \(Self.describe(error))", at: Self.location(of: error, file: file))
        }
        guard let root else { throw WinnowError(.configuration, "the pipeline file is empty", at: SourceLocation(file: file, line: 1)) }
        let top = try SpecReader(root, file: file, context: "the pipeline", valid: ["name", "read", "stages", "write"])
        name = try top.string("name") ?? SourceLocation.stem(of: file)

        let readReader = try SpecReader(top.node("read"), file: file, context: "read",
                                        valid: ["format", "text", "id-field", "text-field", "record", "text-elements"])
        read = ReadOptions()
        read.format = try readReader.choice("format", InputFormat.self) ?? read.format
        read.textMode = try readReader.choice("text", TextMode.self) ?? read.textMode
        read.idField = try readReader.string("id-field") ?? read.idField
        read.textField = try readReader.string("text-field") ?? read.textField
        read.xmlRecord = try readReader.string("record") ?? read.xmlRecord
        read.xmlText = try readReader.strings("text-elements") ?? read.xmlText

        let writeReader = try SpecReader(top.node("write"), file: file, context: "write", valid: ["format", "annotate"])
        format = try writeReader.choice("format", OutputFormat.self) ?? .xml
        annotate = try writeReader.bool("annotate") ?? false

        stages = []
        guard let stagesNode = top.node("stages") else { return }
        guard case .sequence(let sequence) = stagesNode else {
            throw SpecReader.error(file, stagesNode, "'stages' must be a list (each item '- name: {options}')")
        }
        for item in sequence {
            switch item {
            case .scalar(let scalar):
                stages.append(try StageSpec.parse(name: scalar.string, nameNode: item, options: nil, file: file))
            case .mapping(let mapping) where mapping.count == 1:
                let (keyNode, options) = mapping.first!
                stages.append(try StageSpec.parse(name: keyNode.string ?? "", nameNode: keyNode, options: options, file: file))
            default:
                throw SpecReader.error(file, item, "each stage must be '- name: {options}' with one name")
            }
        }
    }

    /// Reads the pipeline file at `path`.
    public init(contentsOf path: String) throws {
        let source = try ByteSource(path: path)
        let bytes = try source.readAll()
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw WinnowError(.configuration, "the pipeline file is not valid UTF-8", at: SourceLocation(file: path, line: 0))
        }
        try self.init(text: text, file: path)
    }

    /// Builds the stages.
    public func makeStages() -> [any Stage] { stages.map { $0.makeStage() } }

    /// The pipeline as YAML with every default spelled out: what a run will actually do.
    public var effectiveYAML: String {
        var lines = ["name: \(name)"]
        lines.append("read: { format: \(read.format.rawValue), text: \(read.textMode.rawValue), id-field: \(read.idField), "
                     + "text-field: \(read.textField), \(read.xmlRecord.map { "record: \($0), " } ?? "")"
                     + "text-elements: [\(read.xmlText.joined(separator: ", "))] }")
        lines.append("stages:")
        for stage in stages {
            let options = stage.effectiveOptions.map { "\($0.0): \($0.1)" }.joined(separator: ", ")
            lines.append("  - \(stage.name): {\(options.isEmpty ? "" : " \(options) ")}")
        }
        lines.append("write: { format: \(format.rawValue), annotate: \(annotate) }")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func location(of error: YamlError, file: String) -> SourceLocation {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _):
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        default:
            return SourceLocation(file: file, line: 0)
        }
    }

    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _): return problem
        default: return "\(error)"
        }
    }
}
