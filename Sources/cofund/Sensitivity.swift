import ArgumentParser
import CoFundEngine
import CoFundModel
import CoFundReport

struct Sensitivity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank every assumption by how much it moves each funder's exposure and each budget line.",
        discussion: """
            Each uncertain parameter is held at its own p10 and then its p90, and each number no text states \
            (counts, approval, sizes, pd, recovery, shares, budgets written as literals) is moved by −x% and +x% \
            (--swing, default 20), the rest as usual, on common random numbers: two runs per driver. Then splits \
            each total's variance between the uncertain parameters and chance. Writes sensitivity.csv (tornado \
            data), variance-split.csv, manifest.json, report.html and report.xlsx and prints the ranking.
            """)

    /// Paths per run when neither --paths nor a smaller scenario `paths` says otherwise: two runs per
    /// driver make this the command's main cost, and a paired difference needs fewer paths than a level.
    static let defaultPaths = 1_000

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @OptionGroup var reform: ReformFlags
    @OptionGroup var simulation: SimulationFlags

    @Option(help: "How far each assumption moves, in percent of its level: −x% and +x% (default 20).")
    var swing: Double = 20

    @Option(name: .customLong("out"), help: "The directory to write (default: runs/SCENARIO-ID-sensitivity).")
    var out: String?

    func validate() throws {
        guard swing.isFinite, swing > 0, swing < 100 else { throw ValidationError("--swing takes a percentage above 0 and below 100, e.g. 20") }
    }

    func run() async throws {
        let loaded = try ScenarioInput.load(file)
        let reforms: [Reform], input: ScenarioSource
        do {
            reforms = try ScenarioSource.reforms(files: reform.reformFiles, assignments: reform.assignments)
            input = try loaded.reformed(reforms)
        } catch { throw ScenarioInput.reformFailure(error) }
        var request = simulation.request
        request.paths = simulation.paths ?? min(input.scenario.paths, Self.defaultPaths)
        let (plan, options): (SimulationPlan, SimulationOptions)
        do { (plan, options) = try request.plan(input.scenario) } catch { throw CommandFailure(error.description) }
        let dir = out ?? "runs/\(input.scenario.id)-sensitivity"
        try preflight(dir)
        let fraction = swing / 100
        let bar = simulation.quiet ? nil : ProgressLine.make(counting: "drivers")
        let progress: (@Sendable (Int, Int) -> Void)? = bar.map { b in { @Sendable done, planned in b.update(done: done, planned: planned) } }
        let swings: [SensitivityAnalysis.Swing]
        do {
            swings = try await SensitivityAnalysis.run(loaded, reforms: reforms, request: request, fraction: fraction, progress: progress)
        } catch {
            switch error {
            case let .reform(issues): throw ScenarioInput.reformFailure(issues)
            case let .refused(refusal): throw CommandFailure(refusal.description)
            case let .numeric(failure): throw failure
            }
        }
        var o = options
        o.progress = nil
        o.targetRelativeSE = nil
        let split = try await VarianceSplit.run(plan, options: o)
        ProgressLine.clear(simulation.quiet)
        let percent = Formatting.trimmed(swing)
        let manifest = Manifest(
            scenario: input.scenario, options: o, scenarioFile: input.file, scenarioSHA256: input.sha256,
            reforms: input.changes.map(\.description) + [
                "sensitivity: each uncertain parameter at its p10 and p90, each assumption at −\(percent)% and +\(percent)%"
            ]
        ).citing(input.reformFiles)
        let tables = [
            WorkbookTable(
                file: "sensitivity.csv", SensitivityCSV.table(swings, scenario: input.scenario, byteOrderMark: simulation.csv.byteOrderMark)),
            WorkbookTable(
                file: "variance-split.csv", VarianceSplitCSV.table(split, scenario: input.scenario, byteOrderMark: simulation.csv.byteOrderMark)),
        ]
        let xlsx = try workbook { () throws(WorkbookError) in try ReportWorkbook.file(tables: tables, manifest: manifest) }
        try write(
            dir,
            [
                ("sensitivity.csv", SensitivityCSV.render(swings, scenario: input.scenario, byteOrderMark: simulation.csv.byteOrderMark)),
                ("variance-split.csv", VarianceSplitCSV.render(split, scenario: input.scenario, byteOrderMark: simulation.csv.byteOrderMark)),
                ("manifest.json", manifest.json),
                (
                    "report.html",
                    SensitivityPage.render(swings, split: split, scenario: input.scenario, paths: o.paths, fraction: fraction, manifest: manifest)
                ),
            ], binary: [xlsx])
        if simulation.format == .json {
            print(TerminalJSON.sensitivity(swings))
            return
        }
        print(SensitivityTable.render(swings, split: split, scenario: input.scenario, paths: o.paths, fraction: fraction))
        print("\nWrote \(dir)/: sensitivity.csv, variance-split.csv, manifest.json, report.html and report.xlsx.")
    }
}
