import ArgumentParser
import CoFundModel

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a scenario file and list every problem with its line, field and what is allowed.",
        discussion: "Exits 0 when the file is valid, 1 otherwise.")

    @Argument(help: "The scenario file (YAML).")
    var file: String

    func run() throws {
        do {
            let s = try ScenarioDecoder.decode(try ScenarioFile.read(file).text, file: file)
            print(
                "\(file): valid — \(s.programs.count) programs, \(s.funders.count) funders, \(s.years.lowerBound)–\(s.years.upperBound), amounts in \(s.unit.label)"
            )
        } catch {
            ScenarioInput.printIssues(error.issues, file: file, to: .standardOutput)
            throw ExitCode(1)
        }
    }
}
