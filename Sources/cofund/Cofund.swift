import ArgumentParser

@main
struct Cofund: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cofund",
        abstract: "Forecast each funder's exposure under co-funded science and technology policies.",
        discussion: """
            A scenario file lists the funders (province, city, district, zone, bank) and the programs \
            with their rules and sources. `cofund run` simulates uptake and defaults and reports each \
            funder's exposure per program and year: the mean, the percentiles, the bad year (CVaR) and \
            the chance of exceeding the appropriation.
            """,
        version: "0.1.0",
        subcommands: [
            Run.self, Compare.self, Sweep.self, Solve.self, Sensitivity.self, Stress.self, Merge.self, Validate.self, Programs.self,
            Explain.self,
            ExportNotebook.self, History.self, Serve.self,
        ]
    )
}
