import ArgumentParser
import CoFundEngine
import CoFundModel
import CoFundReport

struct Sensitivity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank the uncertain parameters by how much each moves every funder's exposure.",
        discussion: """
            Each uncertain parameter is held at its own p10 and then its p90 while the rest vary as \
            usual, on common random numbers. Writes sensitivity.csv (tornado data), manifest.json and report.html (tornado charts) and prints the ranking.
            """)

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @OptionGroup var reform: ReformFlags
    @OptionGroup var simulation: SimulationFlags

    @Option(name: .customLong("out"), help: "The directory to write (default: runs/SCENARIO-ID-sensitivity).")
    var out: String?

    func run() async throws {
        let input = try ScenarioInput.load(file).reformed(reform)
        let (plan, options) = try simulation.options(input)
        let dir = out ?? "runs/\(input.scenario.id)-sensitivity"
        try preflight(dir)
        var o = options
        o.progress = nil
        let bar = simulation.quiet ? nil : ProgressLine.make(counting: "parameters")
        let progress: (@Sendable (Int, Int) -> Void)? = bar.map { b in { @Sendable done, planned in b.update(done: done, planned: planned) } }
        let swings = try await SensitivityAnalysis.run(plan, options: o, progress: progress)
        ProgressLine.clear(simulation.quiet)
        let manifest = Manifest(
            scenario: input.scenario, options: o, scenarioFile: input.file, scenarioSHA256: input.sha256,
            reforms: input.changes.map(\.description) + ["sensitivity: each uncertain parameter at its p10 and p90"])
        try write(
            dir,
            [
                ("sensitivity.csv", SensitivityCSV.render(swings, scenario: input.scenario, excel: simulation.excel)),
                ("manifest.json", manifest.json),
                ("report.html", SensitivityPage.render(swings, scenario: input.scenario, paths: options.paths, manifest: manifest)),
            ])
        if simulation.format == .json {
            print(TerminalJSON.sensitivity(swings))
            return
        }
        print(SensitivityTable.render(swings, scenario: input.scenario, paths: options.paths))
        print("\nWrote \(dir)/: sensitivity.csv, manifest.json and report.html.")
    }
}
