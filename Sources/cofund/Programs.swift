import ArgumentParser
import CoFundModel
import CoFundReport

struct Programs: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List a scenario's programs with their sources, shares and caps.")

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @Flag(help: "Print names and sources in full.")
    var wide = false

    func run() throws {
        let input = try ScenarioInput.load(file)
        print(ProgramCatalogue.render(input.scenario, wide: wide))
    }
}
