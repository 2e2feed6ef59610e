import ArgumentParser
import CoFundEngine
import CoFundModel
import CoFundReport

struct Stress: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what the worst paths of a funder's total look like against the average (a reverse stress test).",
        discussion: """
            Runs the scenario as `cofund run` does, takes the worst --tail of paths of FUNDER's total over the horizon (the paths behind \
            its CVaR), simulates every path again to count its claims and defaults and read its parameter draws, and compares the tail's \
            means with all paths': the total, each program's payment, claims approved, loans defaulted and each uncertain parameter. \
            Writes stress.csv, manifest.json, report.html and report.xlsx.
            """)

    @Argument(help: ArgumentHelp("A paying funder's id, `government`, or a budget line's id.", valueName: "FUNDER|government|LINE"))
    var funder: String

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @Option(help: "The fraction of worst paths to examine, above 0 and at most 0.5 (0.05: the worst 5%, the paths behind CVaR95).")
    var tail: Double = 0.05

    @OptionGroup var simulation: SimulationFlags
    @OptionGroup var reform: ReformFlags

    @Option(name: .customLong("out"), help: "The directory to write (default: runs/SCENARIO-ID-stress-FUNDER).")
    var out: String?

    func validate() throws {
        if let refusal = StressTest.refusal(tail: tail) { throw ValidationError(refusal) }
    }

    func run() async throws {
        let input = try ScenarioInput.load(file).reformed(reform)
        let (plan, options) = try simulation.options(input)
        if let refusal = TailTable.refusal(funder, plan, file: input.file) {
            throw CommandFailure(refusal.replacingOccurrences(of: "--explain-tail:", with: "stress:"))
        }
        guard SimulationLimits.keepsPathValues(plan, paths: options.paths) else {
            throw CommandFailure(
                "stress: a run of \(options.paths) paths of \(input.file) is too large to keep every path's values (more than \(SimulationLimits.exactValueLimit) values), "
                    + "and the worst paths cannot be chosen without them; use fewer paths (--paths)")
        }
        let dir = out ?? "runs/\(input.scenario.id)-stress-\(funder)"
        try preflight(dir)
        let result = try await Simulation.run(plan, options: options)
        let tests = try await StressTest.run(result, id: funder, tail: tail)
        ProgressLine.clear(simulation.quiet)
        let manifest = Manifest(
            result: result, scenarioFile: input.file, scenarioSHA256: input.sha256,
            reforms: input.changes.map(\.description) + ["stress: the worst \(StressTable.percent(tail)) of paths of \(funder)"]
        ).citing(input.reformFiles)
        let stress = StressCSV.table(tests, plan: plan, byteOrderMark: simulation.csv.byteOrderMark)
        let xlsx = try workbook { () throws(WorkbookError) in
            try ReportWorkbook.file(result, tables: [WorkbookTable(file: "stress.csv", stress)], manifest: manifest)
        }
        try write(
            dir,
            [
                ("stress.csv", stress.text),
                ("manifest.json", manifest.json),
                ("report.html", StressPage.render(tests, plan: plan, manifest: manifest)),
            ], binary: [xlsx])
        if simulation.format == .json {
            print(StressJSON.render(tests, plan: plan))
            return
        }
        let changes = input.changes.map(\.description)
        if !changes.isEmpty { print("Reformed: " + changes.joined(separator: "; ") + "\n") }
        print(StressTable.render(tests, plan: plan))
        print("\nWrote \(dir)/: stress.csv, manifest.json, report.html and report.xlsx.")
    }
}
