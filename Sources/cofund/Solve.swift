import ArgumentParser
import CoFundEngine
import CoFundModel
import CoFundReport

struct Solve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the value of one lever at which a risk figure meets a target, by bisection on common random numbers.",
        discussion: """
            --lever is a path as --set takes it (parameters.rd_cap, programs.ID.cap_per_claim, \
            budget_lines.ID.amount, programs.ID.share.city). --target is FIGURE<=V or FIGURE>=V, FIGURE being \
            SCOPE.STAT or SCOPE.STAT[YEAR]: SCOPE a funder's id, government, all or lines.ID; STAT one of \
            \(SolveTarget.statisticNames) (p_over for lines only); without [YEAR] the horizon. Both ends of \
            --range are run, then the range is halved until it is no wider than --tolerance; every run uses the \
            same seed and paths. Writes solve.csv (one row per run), manifest.json and report.xlsx.
            """)

    @Argument(help: "The scenario file (YAML); the built-in Jinan portfolio when omitted.")
    var file: String?

    @Option(help: "The path of the number to solve for, as --set names it, e.g. budget_lines.rd_line_city.amount.")
    var lever: String

    @Option(help: "LO,HI — the lever's allowed range (default 0,1 for a fraction: a share, a probability, a parameter in unit fraction).")
    var range: String?

    @Option(help: "FIGURE<=V or FIGURE>=V, e.g. 'lines.rd_line_city.p_over<=0.10' or 'government.p95[2027]<=150000'.")
    var target: String

    @Option(help: "Stop when the value is known within this much (default: 0.001 of the range's width).")
    var tolerance: Double?

    @Option(help: "Run only multiples of this value between the ends, e.g. 1 for whole years or whole 万元 (the tolerance is then at least the step).")
    var step: Double?

    @Option(name: .customLong("reform"), help: "A reform file applied before the lever at every run; repeatable.")
    var reformFiles: [String] = []

    @OptionGroup var simulation: SimulationFlags

    @Option(name: .customLong("out"), help: "The directory to write (default: runs/SCENARIO-ID-solve).")
    var out: String?

    func validate() throws {
        guard !lever.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ValidationError("--lever names the number to solve for, e.g. budget_lines.rd_line_city.amount or parameters.rd_cap")
        }
        guard !lever.contains("=") else {
            throw ValidationError("--lever is a path alone, without =VALUE: the values it takes come from --range")
        }
        // The run's own settings (paths, seed, years) change how a figure is estimated, not the policy:
        // solving for one would compare runs on different random numbers or horizons.
        if lever.trimmingCharacters(in: .whitespaces).hasPrefix("scenario.") {
            throw ValidationError(
                "--lever \(lever) is a setting of the run, not a lever of the policy: name a parameter (parameters.ID), a program's field (programs.ID.FIELD) or a budget line's amount (budget_lines.ID.amount)"
            )
        }
        do { _ = try SolveTarget.parse(target) } catch { throw ValidationError("--target: \(error.description)") }
        if let range { _ = try Self.parseRange(range) }
        if let tolerance, !(tolerance.isFinite && tolerance > 0) {
            throw ValidationError("--tolerance must be a positive number")
        }
        if let step, !(step.isFinite && step > 0) { throw ValidationError("--step must be a positive number") }
    }

    /// `LO,HI` → LO...HI; both finite, LO below HI.
    static func parseRange(_ text: String) throws -> ClosedRange<Double> {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let lo = Double(parts[0]), let hi = Double(parts[1]) else {
            throw ValidationError("--range takes LO,HI, two numbers, e.g. --range 0,400000")
        }
        guard lo.isFinite, hi.isFinite else { throw ValidationError("--range \(text): both ends must be finite numbers") }
        guard lo < hi else { throw ValidationError("--range \(text): LO must be below HI") }
        return lo...hi
    }

    func run() async throws {
        let goal = try SolveTarget.parse(target)
        let loaded = try ScenarioInput.load(file)
        let reforms: [Reform], input: ScenarioSource
        do {
            reforms = try ScenarioSource.reforms(files: reformFiles, assignments: [])
            input = try loaded.reformed(reforms)
        } catch { throw ScenarioInput.reformFailure(error) }
        let path = lever.trimmingCharacters(in: .whitespaces)
        let span: ClosedRange<Double>
        if let range {
            span = try Self.parseRange(range)
        } else if let fraction = SolveAnalysis.defaultRange(lever: path, scenario: input.scenario) {
            span = fraction
            if simulation.format == .table { print("--range not given: \(path) is a fraction, so it is searched from 0 to 1.") }
        } else {
            throw CommandFailure(
                "give --range LO,HI for \(path): the allowed range of a lever is known by default only for fractions (shares, probabilities, parameters in unit fraction)"
            )
        }
        do { _ = try goal.locate(in: SimulationPlan(input.scenario)) } catch { throw CommandFailure("--target: \(error.description)") }
        let dir = out ?? "runs/\(input.scenario.id)-solve"
        try preflight(dir)
        let bar = simulation.quiet ? nil : ProgressLine.make(counting: "runs")
        let progress: (@Sendable (Int, Int) -> Void)? = bar.map { b in { @Sendable done, planned in b.update(done: done, planned: planned) } }
        let solution: SolveAnalysis.Solution
        do {
            solution = try await SolveAnalysis.run(
                loaded, reforms: reforms, lever: path, range: span, target: goal, tolerance: tolerance, step: step, request: simulation.request,
                progress: progress)
        } catch {
            ProgressLine.clear(simulation.quiet)
            switch error {
            case let .reform(issues): throw ScenarioInput.reformFailure(issues)
            case let .refused(refusal): throw CommandFailure(refusal.description)
            case let .numeric(failure): throw failure
            default: throw CommandFailure(error.description)
            }
        }
        ProgressLine.clear(simulation.quiet)
        let manifest = Manifest(
            result: solution.result, scenarioFile: input.file, scenarioSHA256: input.sha256,
            reforms: input.changes.map(\.description) + [
                "solve \(path) in [\(SolveTarget.number(span.lowerBound)), \(SolveTarget.number(span.upperBound))] for \(goal)"
            ]
        ).citing(input.reformFiles)
        let solve = SolveCSV.table(solution, byteOrderMark: simulation.csv.byteOrderMark)
        let xlsx = try workbook { () throws(WorkbookError) in
            try ReportWorkbook.file(tables: [WorkbookTable(file: "solve.csv", solve)], manifest: manifest)
        }
        try write(dir, [("solve.csv", solve.text), ("manifest.json", manifest.json)], binary: [xlsx])
        if simulation.format == .json {
            print(TerminalJSON.solve(solution))
            return
        }
        print(SolveTable.render(solution))
        print("\nWrote \(dir)/: solve.csv, manifest.json and report.xlsx.")
    }
}
