import ArgumentParser
import CoFundModel
import Foundation

/// A scenario named on the command line, read and validated; problems are printed and end the
/// command with exit code 1.
struct ScenarioInput {
    let scenario: Scenario
    let text: String
    let file: String

    /// Loads `path`, or the built-in Jinan portfolio when `path` is nil.
    static func load(_ path: String?) throws -> ScenarioInput {
        let file = path ?? BuiltinScenario.name
        do {
            let text = try path.map { p throws(ScenarioIssues) in try ScenarioDecoder.readText(p) } ?? BuiltinScenario.jinanPortfolio
            return ScenarioInput(scenario: try ScenarioDecoder.decode(text, file: file), text: text, file: file)
        } catch {
            printIssues(error.issues, file: file, to: .standardError)
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

    func write(_ s: String) {
        switch self {
        case .standardOutput: FileHandle.standardOutput.write(Data(s.utf8))
        case .standardError: FileHandle.standardError.write(Data(s.utf8))
        }
    }
}
