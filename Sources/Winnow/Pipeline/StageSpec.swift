import Yams

/// One stage of a pipeline file with its options, before it is built.
public enum StageSpec: Sendable, Equatable {
    /// `normalize`: output cleanup and the matching key.
    case normalize(NormalizeStage.Options)
    /// `exact-dedup`: identical matching keys.
    case exactDedup
    /// `near-dedup`: MinHash with LSH.
    case nearDedup(NearDedupStage.Options)
    /// `fragments`: short documents standing inside longer ones.
    case fragments(FragmentsStage.Options)
    /// `line-dedup`: boilerplate and repeated paragraphs.
    case lineDedup(LineDedupStage.Options)
    /// `teasers`: truncated teasers matched to their articles.
    case teasers(TeasersStage.Options)

    /// The stage names a pipeline file may use, in the order they usually run.
    public static let names = ["normalize", "exact-dedup", "near-dedup", "fragments", "line-dedup", "teasers"]

    /// The stage's name in pipeline files.
    public var name: String {
        switch self {
        case .normalize: return "normalize"
        case .exactDedup: return "exact-dedup"
        case .nearDedup: return "near-dedup"
        case .fragments: return "fragments"
        case .lineDedup: return "line-dedup"
        case .teasers: return "teasers"
        }
    }

    /// Builds the stage.
    public func makeStage() -> any Stage {
        switch self {
        case .normalize(let options): return NormalizeStage(options: options)
        case .exactDedup: return ExactDedupStage()
        case .nearDedup(let options): return NearDedupStage(options: options)
        case .fragments(let options): return FragmentsStage(options: options)
        case .lineDedup(let options): return LineDedupStage(options: options)
        case .teasers(let options): return TeasersStage(options: options)
        }
    }

    /// The stage's options as `key: value` pairs, every default spelled out.
    public var effectiveOptions: [(String, String)] {
        switch self {
        case .normalize(let options):
            return [("unicode", options.unicode.rawValue), ("entities", "\(options.entities)"),
                    ("mojibake", "\(options.mojibake)"), ("ascii-quotes", "\(options.asciiQuotes)")]
        case .exactDedup: return []
        case .nearDedup(let options):
            let lsh = options.effectiveLSH
            return [("shingle", "\(options.shingle)"), ("unit", options.unit.rawValue), ("permutations", "\(options.permutations)"),
                    ("threshold", "\(options.threshold)"), ("containment", "\(options.containment)"),
                    ("bands", "\(lsh.bands)"), ("rows", "\(lsh.rows)"), ("representative", options.representative.rawValue),
                    ("representative-window", "\(options.representativeWindow)")]
        case .fragments(let options):
            return [("min-containment", "\(options.minContainment)"), ("max-length", "\(options.maxLength)")]
        case .lineDedup(let options):
            return [("scope", options.scope.rawValue), ("min-documents", "\(options.minDocuments)"),
                    ("max-length", "\(options.maxLength)")]
        case .teasers(let options):
            return [("min-chars", "\(options.minChars)"), ("max-chars", "\(options.maxChars)"),
                    ("on-match", options.onMatch.rawValue), ("unmatched", options.unmatched.rawValue),
                    ("tails", "[" + options.tails.map { "\"\($0)\"" }.joined(separator: ", ") + "]")]
        }
    }

    /// Reads a stage named `name` with its options node.
    static func parse(name: String, nameNode: Node, options node: Node?, file: String) throws -> StageSpec {
        let context = "stage '\(name)'"
        switch name {
        case "normalize":
            let reader = try SpecReader(node, file: file, context: context, valid: ["unicode", "entities", "mojibake", "ascii-quotes"])
            var options = NormalizeStage.Options()
            options.unicode = try reader.choice("unicode", NormalizeStage.UnicodeForm.self) ?? options.unicode
            options.entities = try reader.bool("entities") ?? options.entities
            options.mojibake = try reader.bool("mojibake") ?? options.mojibake
            options.asciiQuotes = try reader.bool("ascii-quotes") ?? options.asciiQuotes
            return .normalize(options)
        case "exact-dedup":
            _ = try SpecReader(node, file: file, context: context, valid: [])
            return .exactDedup
        case "near-dedup":
            let reader = try SpecReader(node, file: file, context: context,
                                        valid: ["shingle", "unit", "permutations", "threshold", "containment", "bands", "rows",
                                                "representative", "representative-window"])
            var options = NearDedupStage.Options()
            options.shingle = try reader.int("shingle", in: 1...64) ?? options.shingle
            options.unit = try reader.choice("unit", Shingler.Unit.self) ?? options.unit
            options.permutations = try reader.int("permutations", in: 16...1024) ?? options.permutations
            options.threshold = try reader.double("threshold", in: 0.01...1) ?? options.threshold
            options.containment = try reader.double("containment", in: 0...1) ?? options.containment
            options.representative = try reader.choice("representative", NearDedupStage.Representative.self) ?? options.representative
            options.representativeWindow = try reader.int("representative-window", in: 1...10_000_000) ?? options.representativeWindow
            let bands = try reader.int("bands", in: 1...1024)
            let rows = try reader.int("rows", in: 1...1024)
            if let bands, let rows {
                guard bands * rows <= options.permutations else {
                    throw SpecReader.error(file, reader.node("bands")!, "\(context): bands × rows (\(bands * rows)) exceeds permutations (\(options.permutations))")
                }
                options.lsh = LSHParameters(bands: bands, rows: rows)
            } else if bands != nil || rows != nil {
                throw SpecReader.error(file, reader.node("bands") ?? reader.node("rows")!, "\(context): give both bands and rows, or neither")
            }
            return .nearDedup(options)
        case "fragments":
            let reader = try SpecReader(node, file: file, context: context, valid: ["min-containment", "max-length"])
            var options = FragmentsStage.Options()
            options.minContainment = try reader.double("min-containment", in: 0.01...1) ?? options.minContainment
            options.maxLength = try reader.int("max-length", in: 1...1_000_000) ?? options.maxLength
            return .fragments(options)
        case "line-dedup":
            let reader = try SpecReader(node, file: file, context: context, valid: ["scope", "min-documents", "max-length"])
            var options = LineDedupStage.Options()
            options.scope = try reader.choice("scope", LineDedupStage.Scope.self) ?? options.scope
            options.minDocuments = try reader.int("min-documents", in: 2...1_000_000) ?? options.minDocuments
            options.maxLength = try reader.int("max-length", in: 1...100_000) ?? options.maxLength
            return .lineDedup(options)
        case "teasers":
            let reader = try SpecReader(node, file: file, context: context,
                                        valid: ["min-chars", "max-chars", "on-match", "unmatched", "tails"])
            var options = TeasersStage.Options()
            options.minChars = try reader.int("min-chars", in: 1...10_000) ?? options.minChars
            options.maxChars = try reader.int("max-chars", in: 1...100_000) ?? options.maxChars
            options.onMatch = try reader.choice("on-match", TeasersStage.OnMatch.self) ?? options.onMatch
            options.unmatched = try reader.choice("unmatched", TeasersStage.Unmatched.self) ?? options.unmatched
            options.tails = try reader.strings("tails") ?? options.tails
            return .teasers(options)
        default:
            throw SpecReader.error(file, nameNode, "unknown stage '\(name)'\(SpecReader.suggestion(name, names)); valid stages: \(names.joined(separator: ", "))")
        }
    }
}
