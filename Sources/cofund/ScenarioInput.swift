import ArgumentParser
import CoFundModel

/// The scenario named on the command line, loaded and reformed by `ScenarioSource`: its problems
/// are printed, with the file they are in, and end the command with exit code 1.
enum ScenarioInput {
    /// Loads `path`, or the built-in Jinan portfolio when `path` is nil.
    static func load(_ path: String?) throws -> ScenarioSource {
        do { return try ScenarioSource.load(path) } catch { throw failure(error.issues, file: ScenarioSource.name(path)) }
    }

    /// Prints a reform's problems and gives the exit code that ends the command.
    static func reformFailure(_ issues: ScenarioIssues) -> ExitCode {
        failure(issues.issues, file: "the reform")
    }

    /// Prints `issues` of `file` to stderr and gives the exit code that ends the command.
    static func failure(_ issues: [ScenarioIssue], file: String) -> ExitCode {
        printIssues(issues, file: file, to: .standardError)
        return ExitCode(1)
    }

    static func printIssues(_ issues: [ScenarioIssue], file: String, to stream: OutputStream) {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        stream.write("\(file): \(count)\n" + issues.map { "  \($0)\n" }.joined())
    }
}

extension ScenarioSource {
    /// This scenario with `flags`' reforms applied (itself when there are none).
    func reformed(_ flags: ReformFlags) throws -> ScenarioSource {
        do { return try reformed(files: flags.reformFiles, assignments: flags.assignments) } catch {
            throw ScenarioInput.reformFailure(error)
        }
    }
}
