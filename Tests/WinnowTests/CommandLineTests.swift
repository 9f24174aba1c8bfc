import Foundation
import Testing
@testable import Winnow
import WinnowLab

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
        let version = try winnow(["--version"]).output
        #expect(version.hasPrefix("\(Winnow.version) (jemalloc 5.") && version.hasSuffix(")\n"), "\(version)")
        let help = try winnow(["clean", "--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("winnow clean seeds/000_d93de6c995681d6c.txt"))
    }

    @Test func pipelineCommandPrintsTheEffectivePipeline() throws {
        let result = try winnow(["pipeline", "news"])
        #expect(result.output == (try BuiltinPipelines.named("news")!.effectiveYAML))
    }

    /// A JSON Lines file large enough that a debug build takes seconds over it.
    static func bigInput() throws -> String {
        let folder = try TestSupport.temporaryFolder()
        let path = folder.appendingPathComponent("big.jsonl").path
        var text = ""
        var writer = StoryWriter(seed: 5)
        for index in 0..<6000 { text += "{\"id\":\"s\(index)\",\"text\":\"\(writer.story(topic: writer.topic()).text.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\"", with: "\\\""))\"}\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalEndsTheRunWithNoOutputFile(signal: Int32, status: Int32) throws {
        let input = try Self.bigInput()
        let folder = try TestSupport.temporaryFolder()
        let output = folder.appendingPathComponent("out.jsonl").path
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["run", "news", "--format", "jsonl", "--threads", "1", input, "-o", output]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        Thread.sleep(forTimeInterval: 0.5)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus == status)
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).contains("interrupted"))
    }

    @Test func aFullDiskIsAClearError() throws {
        let result = try winnow(["clean", "-o", "/dev/full", "seeds/000_d93de6c995681d6c.txt"])
        #expect(result.status == 1)
        #expect(result.errors.hasPrefix("/dev/full: write failed: No space left on device"))
    }

    @Test func aClosedPipeEndsTheRunQuietly() throws {
        let input = try Self.bigInput()
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = ["convert", "--to", "jsonl", input]
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        _ = output.fileHandleForReading.readData(ofLength: 100)
        try output.fileHandleForReading.close()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(errors.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }

    @Test func theSameBytesWhateverTheThreadsAndFromRunToRun() throws {
        let input = try Self.bigInput()
        var outputs: [String] = []
        for threads in ["1", "2", "8", "2"] {
            let folder = try TestSupport.temporaryFolder()
            let report = folder.appendingPathComponent("report.json").path
            let decisions = folder.appendingPathComponent("decisions.jsonl").path
            let result = try winnow(["run", "news", "-q", "--format", "jsonl", "--annotate", "--threads", threads, input,
                                     "--report", report, "--decisions", decisions])
            let reportText = try String(contentsOfFile: report, encoding: .utf8)
            let withoutTiming = reportText.components(separatedBy: "\"timing\"").first!
            outputs.append(result.output + (try String(contentsOfFile: decisions, encoding: .utf8)) + withoutTiming)
        }
        #expect(Set(outputs).count == 1)
    }

    @Test func reportIsWritten() throws {
        let report = try TestSupport.temporaryFolder().appendingPathComponent("report.json").path
        #expect(try winnow(["clean", "-q", "-o", "/dev/null", "--report", report, "seeds/000_d93de6c995681d6c.txt"]).status == 0)
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains(#""documents": {"in": 8, "out": 6, "dropped": 2, "dropped_by_reason": {"fragment": 1, "teaser": 1}}"#))
        #expect(text.contains(#""teasers.matched": 1"#))
    }
}
