import ArgumentParser
import CoFundEngine
import CoFundHistory
import CoFundModel
import CoFundReport

struct Compare: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a reform against its baseline on common random numbers and report the paired differences.",
        discussion: """
            The reform is one or more --reform files and --set overrides, or a second whole scenario file \
            (compare A.yaml B.yaml: programs and funders matched by id, the two files' differences listed \
            field by field and written to changes.csv). Writes delta.csv (every \
            program × funder × year and every sum: baseline, reform, change, its standard error and 95% \
            interval; the change in the p95 with its batch-means interval), delta-budgets.csv (each budget \
            line's change in the chance of being exceeded and in the expected excess, with intervals), manifest.json, report.html (the changes charted with their intervals) and report.xlsx (the tables as an Excel workbook), and prints each funder's change with its interval. \
            With --run A --run B, compares two runs recorded in the run history instead (`cofund history`).
            """)

    @Argument(help: "The baseline scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @Argument(help: "A second whole scenario file to compare with the first, instead of --reform and --set.")
    var other: String?

    @OptionGroup var reform: ReformFlags
    @OptionGroup var simulation: SimulationFlags
    @OptionGroup var history: HistoryFlags

    @Option(name: .customLong("out"), help: "The directory to write (default: runs/SCENARIO-ID-compare).")
    var out: String?

    @Option(
        name: .customLong("run"),
        help: ArgumentHelp(
            "A recorded run (`cofund history`), given twice: --run A --run B prints what changed in the inputs and each funder's change by year, the runs taken as independent. ID:ARM names one arm of a comparison (baseline, reform) or a sweep point.",
            valueName: "ID"))
    var runs: [String] = []

    func run() async throws {
        if !runs.isEmpty { return try compareRecordedRuns() }
        let base = try ScenarioInput.load(file)
        var reformed: ScenarioSource
        var diff: ScenarioDiff?
        if let other {
            guard reform.isEmpty else {
                throw CommandFailure(
                    "compare takes either a second scenario file (\(other)) or --reform/--set, not both: write the change into the second file, or give the first file with --reform/--set alone"
                )
            }
            reformed = try ScenarioInput.load(other)
            try ScenarioPair.check(base: base, other: reformed)
            diff = ScenarioDiff(base: base.scenario, reform: reformed.scenario)
            // Both files run with the first file's seed and paths (unless given), and are sized for them.
            reformed.scenario.seed = base.scenario.seed
            reformed.scenario.paths = base.scenario.paths
        } else {
            reformed = try base.reformed(reform)
        }
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
        let changes = diff.map { $0.fields.map(\.description) } ?? reformed.changes.map(\.description)
        // After a reform's overrides, the programs reading each parameter it sets: they all move.
        let readers = ParameterUse.readerLines(paths: reformed.changes.map(\.path), base: base.scenario, reform: reformed.scenario)
        let shown = diff.map { ScenarioDiffText.briefChanges($0) } ?? (changes + readers)
        var manifest = Manifest(result: comparison.base, scenarioFile: base.file, scenarioSHA256: base.sha256, reforms: changes)
        manifest.reformFiles = reformed.reformFiles
        if diff != nil {
            manifest.comparedFile = reformed.file
            manifest.comparedSHA256 = reformed.sha256
        }
        var files = [
            ("delta.csv", DeltaCSV.render(comparison, reforms: reformed.reformFiles, byteOrderMark: simulation.csv.byteOrderMark)),
            ("delta-budgets.csv", DeltaBudgetsCSV.render(comparison, byteOrderMark: simulation.csv.byteOrderMark)),
            ("manifest.json", manifest.json),
            ("report.html", ComparePage.render(comparison, changes: shown, manifest: manifest)),
        ]
        if let diff { files.insert(("changes.csv", ChangesCSV.render(diff, byteOrderMark: simulation.csv.byteOrderMark)), at: 0) }
        var tables = [
            WorkbookTable(file: "delta.csv", DeltaCSV.table(comparison, reforms: reformed.reformFiles, byteOrderMark: simulation.csv.byteOrderMark)),
            WorkbookTable(file: "delta-budgets.csv", DeltaBudgetsCSV.table(comparison, byteOrderMark: simulation.csv.byteOrderMark)),
        ]
        if let diff { tables.insert(WorkbookTable(file: "changes.csv", ChangesCSV.table(diff, byteOrderMark: simulation.csv.byteOrderMark)), at: 0) }
        let xlsx = try workbook { () throws(WorkbookError) in try ReportWorkbook.file(comparison, tables: tables, manifest: manifest) }
        try write(dir, files, binary: [xlsx])
        history.record {
            .comparison(
                comparison, base: base, reformed: reformed, comparedFile: diff != nil, reforms: reform.given, changes: changes, directory: dir)
        }
        if simulation.format == .json {
            print(TerminalJSON.compare(comparison, changes: changes, reformFiles: reformed.reformFiles, diff: diff))
            return
        }
        if let diff { print(ScenarioDiffText.render(diff, base: base.file, reform: reformed.file) + "\n") }
        if let cited = ReformText.cited(reformed.reformFiles) { print(cited) }
        print(ComparisonTable.render(comparison, changes: shown))
        let names = files.map(\.0) + [xlsx.name]
        print("\nWrote \(dir)/: \(names.dropLast().joined(separator: ", ")) and \(names.last!).")
    }
}

/// The two scenario files of `cofund compare A.yaml B.yaml`, checked before anything runs.
enum ScenarioPair {
    /// Refuses two files whose horizons or units differ, naming both files and why the change
    /// would mean nothing.
    static func check(base: ScenarioSource, other: ScenarioSource) throws {
        let a = base.scenario, b = other.scenario
        if a.years != b.years {
            throw CommandFailure(
                "\(base.file) covers \(a.years.lowerBound)–\(a.years.upperBound) and \(other.file) covers \(b.years.lowerBound)–\(b.years.upperBound): "
                    + "a comparison subtracts each year's payments and the horizon's total path by path, so both files must cover the same years; "
                    + "set `scenario.years` to the same range in both")
        }
        if a.unit != b.unit {
            throw CommandFailure(
                "\(base.file) counts amounts in \(a.unit.rawValue) (\(a.unit.label)) and \(other.file) in \(b.unit.rawValue) (\(b.unit.label)): "
                    + "every amount of one would be subtracted from a number in another unit; write both files in the same `scenario.unit`")
        }
    }
}
