import Foundation
import Testing
@testable import Winnow

/// The `winnow` executable end to end: outputs, standard streams and exit codes.
@Suite struct CommandLineTests {
    /// The `winnow` binary built beside the test bundle.
    static let binary: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("winnow").path), folder.path != "/" {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("winnow")
    }()

    struct Result {
        var status: Int32
        var output: String
        var errors: String
    }

    func winnow(_ arguments: [String], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = TestSupport.root
        let output = Pipe(), errors = Pipe(), standardInput = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = standardInput
        try process.run()
        if let input { standardInput.fileHandleForWriting.write(Data(input.utf8)) }
        try standardInput.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                      errors: String(decoding: errorData, as: UTF8.self))
    }

    @Test func cleanPrintsTheSeedCorpus() throws {
        let result = try winnow(["clean", "-q", "seeds/000_d93de6c995681d6c.txt"])
        #expect(result.status == 0)
        #expect(result.output == (try TestSupport.sample("seed/expected.xml")))
        #expect(result.errors.isEmpty)
    }

    @Test func summaryGoesToStandardError() throws {
        let result = try winnow(["clean", "--format", "jsonl", "seeds/000_d93de6c995681d6c.txt"])
        #expect(result.status == 0)
        #expect(result.errors.hasPrefix("winnow: 8 in, 6 out, 2 dropped (fragment 1, teaser 1)"))
    }

    @Test func stageCommandsChainOverStandardInput() throws {
        let input = "{\"id\":\"a\",\"text\":\"Hello   World\"}\n{\"id\":\"b\",\"text\":\"hello world!\"}\n"
        let normalized = try winnow(["normalize", "-q"], input: input)
        #expect(normalized.output == "{\"id\":\"a\",\"text\":\"Hello World\"}\n{\"id\":\"b\",\"text\":\"hello world!\"}\n")
        let deduplicated = try winnow(["dedup", "-q", "--annotate"], input: normalized.output)
        #expect(deduplicated.output == "{\"id\":\"a\",\"text\":\"Hello World\",\"winnow\":{\"duplicates\":[\"b\"]}}\n")
    }

    @Test func normalizeOptions() throws {
        let input = "{\"text\":\"donâ€™t  “stop” &amp; go\"}\n"
        #expect(try winnow(["normalize", "-q"], input: input).output == "{\"id\":\"stdin:1\",\"text\":\"donâ€™t “stop” & go\"}\n")
        let repaired = try winnow(["normalize", "-q", "--mojibake", "--ascii-quotes", "--keep-entities"], input: input)
        #expect(repaired.output == "{\"id\":\"stdin:1\",\"text\":\"don't \\\"stop\\\" &amp; go\"}\n")
    }

    @Test func missingInputExitsOneWithLocation() throws {
        let result = try winnow(["clean", "no/such/file.txt"])
        #expect(result.status == 1)
        #expect(result.errors == "no/such/file.txt: cannot open: No such file or directory\n")
    }

    @Test func badRecordExitsOneAndWritesNothing() throws {
        let folder = try TestSupport.temporaryFolder()
        let input = folder.appendingPathComponent("bad.jsonl").path
        try "{\"text\":\"fine\"}\n{\"text\": oops}\n".write(toFile: input, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("out.jsonl").path
        let result = try winnow(["normalize", input, "-o", output])
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("\(input):2:10: invalid JSON"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try winnow(["clean", "--threads", "0"]).status == 2)
        #expect(try winnow(["clean", "--format", "pdf"]).status == 2)
        #expect(try winnow(["frobnicate"]).status == 2)
    }

    @Test func badPipelineFileExitsOneNamingTheLine() throws {
        let pipeline = try TestSupport.file("p.yaml", "name: p\nstages:\n  - teasers: { on-match: explode }\n")
        let result = try winnow(["run", pipeline, "seeds/000_d93de6c995681d6c.txt"])
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("\(pipeline):3:26: stage 'teasers': 'on-match' cannot be 'explode'"))
    }

    @Test func devicesAreWrittenDirectly() throws {
        let result = try winnow(["clean", "-q", "-o", "/dev/null", "seeds/000_d93de6c995681d6c.txt"])
        #expect(result.status == 0)
        #expect(result.output.isEmpty)
    }

    @Test func versionAndHelp() throws {
        #expect(try winnow(["--version"]).output == "\(Winnow.version)\n")
        let help = try winnow(["clean", "--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("winnow clean seeds/000_d93de6c995681d6c.txt"))
    }

    @Test func pipelineCommandPrintsTheEffectivePipeline() throws {
        let result = try winnow(["pipeline", "news"])
        #expect(result.output == (try BuiltinPipelines.named("news")!.effectiveYAML))
    }

    @Test func reportIsWritten() throws {
        let report = try TestSupport.temporaryFolder().appendingPathComponent("report.json").path
        #expect(try winnow(["clean", "-q", "-o", "/dev/null", "--report", report, "seeds/000_d93de6c995681d6c.txt"]).status == 0)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains(#""documents": {"in": 8, "out": 6, "dropped": 2, "dropped_by_reason": {"fragment": 1, "teaser": 1}}"#))
        #expect(text.contains(#""teasers.matched": 1"#))
    }
}
