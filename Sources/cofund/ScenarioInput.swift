import ArgumentParser
import CoFundModel
import CoFundReport
import Foundation

/// A scenario named on the command line, read and validated; problems are printed and end the
/// command with exit code 1.
struct ScenarioInput {
    var scenario: Scenario
    let file: String
    /// The scenario's text, to which reforms apply.
    let text: String
    /// SHA-256 of the file's bytes (of the built-in text for the built-in scenario).
    let sha256: String
    /// The overrides applied, as `path: before → after`.
    var changes: [AppliedChange] = []

    /// Loads `path`, or the built-in Jinan portfolio when `path` is nil.
    static func load(_ path: String?) throws -> ScenarioInput {
        let file = path ?? BuiltinScenario.name
        do {
            let source = try path.map { p throws(ScenarioIssues) in try ScenarioFile.read(p) }
                ?? ScenarioFile(path: file, bytes: Array(BuiltinScenario.jinanPortfolio.utf8), text: BuiltinScenario.jinanPortfolio)
            return ScenarioInput(scenario: try ScenarioDecoder.decode(source.text, file: file), file: file, text: source.text, sha256: SHA256.hex(source.bytes))
        } catch {
            printIssues(error.issues, file: file, to: .standardError)
            throw ExitCode(1)
        }
    }

    /// This scenario with `flags`' reforms applied (itself when there are none).
    func reformed(_ flags: ReformFlags) throws -> ScenarioInput {
        try reformed(files: flags.reformFiles, assignments: flags.assignments)
    }

    /// This scenario with reform files and `PATH=VALUE` assignments applied, in that order.
    func reformed(files: [String], assignments: [String]) throws -> ScenarioInput {
        guard !files.isEmpty || !assignments.isEmpty else { return self }
        do {
            var reforms = try files.map { f throws(ScenarioIssues) in try ReformLoader.load(path: f) }
            if !assignments.isEmpty { reforms.append(try ReformLoader.parse(assignments: assignments)) }
            let (scenario, changes) = try ScenarioReformer.apply(reforms, to: text, file: file)
            var out = self
            out.scenario = scenario
            out.changes = changes
            return out
        } catch {
            Self.printIssues(error.issues, file: "the reform", to: .standardError)
            throw ExitCode(1)
        }
    }

    static func printIssues(_ issues: [ScenarioIssue], file: String, to stream: OutputStream) {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        stream.write("\(file): \(count)\n" + issues.map { "  \($0)\n" }.joined())
    }
}

enum OutputStream {
    case standardOutput, standardError

    /// Writes `s` with its control characters escaped (its line breaks kept): messages quote what a
    /// scenario file holds, and a file must not drive the terminal.
    func write(_ s: String) {
        let s = TerminalText.escaped(s, keepingLineBreaks: true)
        switch self {
        case .standardOutput: FileHandle.standardOutput.write(Data(s.utf8))
        case .standardError: FileHandle.standardError.write(Data(s.utf8))
        }
    }
}
