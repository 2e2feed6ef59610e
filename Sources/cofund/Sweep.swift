import ArgumentParser
import CoFundEngine
import CoFundHistory
import CoFundModel
import CoFundReport

struct Sweep: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a scenario over a grid of one or two parameters, every point on common random numbers.",
        discussion: """
            Each --set names a path and its values: --set parameters.rd_cap=150,250,500. \
            With two, every pair is run. Writes sweep.csv (one row per point × program × funder over the \
            horizon, the p95 with its batch-means 95% interval), sweep-budgets.csv (each budget line's chance \
            of being exceeded at every point, with its standard error), manifest.json, report.html (mean and p95 against the swept value) and report.xlsx, and prints each funder's mean and p95 at every point.
            """)

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @Option(name: .customLong("set"), help: "PATH=V1,V2,... — the values of one swept parameter; once or twice.")
    var grids: [String] = []

    @Option(name: .customLong("reform"), help: "A reform file applied before the sweep; repeatable.")
    var reformFiles: [String] = []

    @OptionGroup var simulation: SimulationFlags
    @OptionGroup var history: HistoryFlags

    @Option(name: .customLong("out"), help: "The directory to write (default: runs/SCENARIO-ID-sweep).")
    var out: String?

    func validate() throws {
        guard (1...2).contains(grids.count) else { throw ValidationError("give one or two --set PATH=V1,V2,... to sweep") }
        for g in grids {
            guard let axis = SweepAnalysis.axis(g), !axis.path.isEmpty, !axis.values.isEmpty else {
                throw ValidationError("--set \(g): write PATH=V1,V2,... e.g. parameters.rd_cap=150,250,500")
            }
            guard axis.values.count <= SweepAnalysis.maxPoints else {
                throw ValidationError("--set \(axis.path): at most \(SweepAnalysis.maxPoints) values")
            }
        }
        let points = grids.compactMap(SweepAnalysis.axis).map(\.values.count).reduce(1, *)
        guard points <= SweepAnalysis.maxPoints else {
            throw ValidationError(
                "the grid has \(points) points, more than \(SweepAnalysis.maxPoints): sweep fewer values, or one parameter at a time")
        }
    }

    func run() async throws {
        let loaded = try ScenarioInput.load(file)
        let reforms: [Reform], input: ScenarioSource
        do {
            reforms = try ScenarioSource.reforms(files: reformFiles, assignments: [])
            input = try loaded.reformed(reforms)
        } catch { throw ScenarioInput.reformFailure(error) }
        let axes = grids.compactMap(SweepAnalysis.axis)
        let dir = out ?? "runs/\(input.scenario.id)-sweep"
        try preflight(dir)
        let bar = simulation.quiet ? nil : ProgressLine.make(counting: "points")
        let progress: (@Sendable (Int, Int) -> Void)? = bar.map { b in { @Sendable done, planned in b.update(done: done, planned: planned) } }
        let points: [SweepCSV.Point]
        do {
            points = try await SweepAnalysis.run(loaded, reforms: reforms, axes: axes, request: simulation.request, progress: progress)
        } catch {
            switch error {
            case let .reform(issues): throw ScenarioInput.reformFailure(issues)
            case let .refused(refusal): throw CommandFailure(refusal.description)
            case let .numeric(failure): throw failure
            }
        }
        ProgressLine.clear(simulation.quiet)
        let parameters = axes.map(\.path)
        let manifest = Manifest(
            result: points[0].result, scenarioFile: input.file, scenarioSHA256: input.sha256,
            reforms: input.changes.map(\.description) + grids.map { "sweep \($0)" }
        ).citing(input.reformFiles)
        let sweep = SweepCSV.table(parameters: parameters, points: points, byteOrderMark: simulation.csv.byteOrderMark)
        let budgets = SweepBudgetsCSV.table(parameters: parameters, points: points, byteOrderMark: simulation.csv.byteOrderMark)
        let xlsx = try workbook { () throws(WorkbookError) in
            try ReportWorkbook.file(
                tables: [WorkbookTable(file: "sweep.csv", sweep), WorkbookTable(file: "sweep-budgets.csv", budgets)], manifest: manifest)
        }
        try write(
            dir,
            [
                ("sweep.csv", sweep.text),
                ("sweep-budgets.csv", budgets.text),
                ("manifest.json", manifest.json),
                ("report.html", SweepPage.render(parameters: parameters, points: points, manifest: manifest)),
            ], binary: [xlsx])
        history.record {
            .sweep(
                points, parameters: parameters, input: input,
                reforms: ReformInput.given(files: reformFiles, assignments: [], sweeps: grids), directory: dir)
        }
        if simulation.format == .json {
            print(TerminalJSON.sweep(parameters: parameters, points: points))
            return
        }
        print(SweepTable.render(parameters: parameters, points: points))
        print("\nWrote \(dir)/: sweep.csv, sweep-budgets.csv, manifest.json, report.html and report.xlsx.")
    }
}
