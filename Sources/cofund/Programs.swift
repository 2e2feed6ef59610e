import ArgumentParser
import CoFundModel
import CoFundReport

struct Programs: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List a scenario's programs with their sources, shares and caps.")

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @Flag(help: "Print names and sources in full.")
    var wide = false

    @Flag(
        help:
            "List the scenario's parameters instead: each dated value with its clause, the years whose claims use it and the program fields reading it."
    )
    var parameters = false

    func run() throws {
        let input = try ScenarioInput.load(file)
        print(parameters ? ProgramCatalogue.renderParameters(input.scenario, wide: wide) : ProgramCatalogue.render(input.scenario, wide: wide))
    }
}
