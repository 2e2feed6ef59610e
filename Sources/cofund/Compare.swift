import ArgumentParser
import CoFundEngine
import CoFundModel
import CoFundReport

struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a reform against its baseline on common random numbers and report the paired differences.",
        discussion: """
            The reform is one or more --reform files and --set overrides. Writes delta.csv (every \
            program × funder × year and every sum: baseline, reform, change, its standard error and 95% \
            interval; the change in the p95 with its batch-means interval), delta-budgets.csv (each budget \
            line's change in the chance of being exceeded and in the expected excess, with intervals), manifest.json and report.html (the changes charted with their intervals), and prints each funder's change with its interval.
            """)

    @Argument(help: "The baseline scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @OptionGroup var reform: ReformFlags
    @OptionGroup var simulation: SimulationFlags

    @Option(name: .customLong("out"), help: "The directory to write (default: runs/SCENARIO-ID-compare).")
    var out: String?

    func run() async throws {
        let base = try ScenarioInput.load(file)
        let reformed = try base.reformed(reform)
        let (basePlan, options) = try simulation.options(base)
        let (reformPlan, _) = try simulation.options(reformed)
        if let fit = PairedComparison.pathLimit([basePlan, reformPlan], paths: options.paths) {
            throw CommandFailure("a paired comparison keeps every path's values; this scenario allows at most \(fit) paths (--paths)")
        }
        let dir = out ?? "runs/\(base.scenario.id)-compare"
        try preflight(dir)
        let comparison: PairedComparison
        do { comparison = try await PairedComparison.run(base: basePlan, reform: reformPlan, options: options) } catch {
            if case let .numeric(failure) = error { throw failure }
            ProgressLine.clear(simulation.quiet)
            if case .blockSummaries = error { throw CommandFailure("\(error.description): use fewer --paths") }
            throw CommandFailure(error.description)
        }
        ProgressLine.clear(simulation.quiet)
        let changes = reformed.changes.map(\.description)
        let manifest = Manifest(result: comparison.base, scenarioFile: base.file, scenarioSHA256: base.sha256, reforms: changes)
        try write(
            dir,
            [
                ("delta.csv", DeltaCSV.render(comparison, excel: simulation.excel)),
                ("delta-budgets.csv", DeltaBudgetsCSV.render(comparison, excel: simulation.excel)),
                ("manifest.json", manifest.json),
                ("report.html", ComparePage.render(comparison, changes: changes, manifest: manifest)),
            ])
        if simulation.format == .json {
            print(TerminalJSON.compare(comparison, changes: changes))
            return
        }
        print(ComparisonTable.render(comparison, changes: changes))
        print("\nWrote \(dir)/: delta.csv, delta-budgets.csv, manifest.json and report.html.")
    }
}
