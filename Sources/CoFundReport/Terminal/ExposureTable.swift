import CoFundEngine
import CoFundModel

/// The table `cofund run` prints: each fiscal funder's expected exposure and bad year (p95) by
/// year, the government total (their path-by-path sum), the funders that are not fiscal (banks)
/// apart below it, then the appropriations at risk.
public enum ExposureTable {
    /// What `--stratify` changed, for the terminal and the report.
    public static let stratifiedNote =
        "Stratified: each of the \(BatchMeans.batches) batches of paths is a Latin hypercube of the per-path inputs (uncertain parameters, uptake mixing, the years' factors); "
        + "standard errors of means and of the chance of exceeding a budget come from the batches' spread."

    public static func render(_ r: SimulationResult) -> String {
        let s = r.scenario
        let unit = s.unit.label
        var out: [String] = []
        out.append(
            "\(ScenarioHeading.line(s)) · \(Formatting.amount(Double(r.paths))) paths · seed \(r.options.seed)\(r.options.stratified ? " · stratified" : "")"
        )
        if r.options.stratified { out.append(stratifiedNote) }
        out += ScenarioHeading.forceNotes(s)
        if !s.parameters.isEmpty { out.append("Parameters: \(s.parameters.count) (their dated values, clauses and years used: see parameters.csv)") }
        out.append("Exposure by funder and year, in \(unit): mean (± standard error) and p95, the 1-in-20 bad year.")
        out.append(
            "total: \(s.years.lowerBound)–\(s.years.upperBound), summed path by path; after: paid after \(s.years.upperBound) (payment lags, loans still running); payments before \(s.years.lowerBound) are not reported."
        )
        let layout = r.plan.layout
        let fiscal = layout.funders.filter { s.funder($0)?.fiscal ?? true }
        let apart = layout.funders.filter { !fiscal.contains($0) }
        let government = layout.hasGovernment
        if government {
            out.append(
                "government: the fiscal funders summed path by path (its p95 is not the sum of theirs)"
                    + (apart.isEmpty ? "." : "; below it, apart and not in it: \(apart.joined(separator: ", "))."))
        }
        out.append("")
        let years = (0..<s.years.count).map { SeriesLayout.YearSlot.year($0) }
        var table = TextTable(
            header: ["funder", ""] + s.years.map(String.init) + ["total", "after"],
            rightAligned: Set(2..<(s.years.count + 4)))
        let rows: [String] = fiscal + (government ? [Funder.governmentID] : []) + apart
        for f in rows {
            // The name cut, the id whole: the id is what --set and the CSV files use.
            let name = s.funder(f).map { "\(TerminalText.name($0.name)) \($0.id)" } ?? f
            if f == apart.first, government { table.add([]) }
            let stats = (years + [.total, .after]).map { r.statistics(program: nil, funder: f, year: $0) }
            table.add([name, "mean"] + stats.map { $0.map { Formatting.amount($0.mean, decimals: 0) } ?? "" })
            table.add(["", "± se"] + stats.map { $0.map { Formatting.amount($0.se, decimals: 0) } ?? "" })
            table.add(["", "p95"] + stats.map { $0.map { Formatting.amount($0.p95, decimals: 0) } ?? "" })
        }
        out.append(table.rendered)
        let budgets = budgetLines(r)
        if !budgets.isEmpty {
            out.append("")
            out.append("Appropriations, in \(unit) a year: the chance that demand exceeds them and the expected excess.")
            out.append("")
            out.append(budgets)
        }
        if r.converged == false {
            out.append("")
            out.append("The target standard error was not reached within --max-paths; the figures above carry the standard errors shown.")
        } else if r.converged == true, let target = r.options.targetRelativeSE {
            out.append("")
            out.append(
                "The target standard error (\(Formatting.trimmed(target * 100))% of every reported mean) needed \(Formatting.amount(Double(r.paths), decimals: 0)) paths."
            )
        }
        return TerminalText.escaped(out.joined(separator: "\n"), keepingLineBreaks: true)
    }

    /// A year's budget risk, ordered by the chance of exceeding the budget, then the expected excess.
    static func risk(_ b: BudgetStatistics) -> (Double, Double) { (b.probabilityOver, b.expectedExcess) }

    /// One row per budget line: its appropriation, whether a text sets it, its worst year's chance of
    /// being exceeded, the chance over the horizon and the mean excess a year.
    private static func budgetLines(_ r: SimulationResult) -> String {
        let s = r.scenario
        var table = TextTable(
            header: ["budget line", "funder", "amount", "budget", "worst year", "P(over)", "P(over) any year", "expected excess / yr"],
            rightAligned: [3, 5, 6, 7])
        table.maxWidths = [0: TerminalText.nameWidth]
        for (l, line) in r.plan.lines.enumerated() {
            let cells = r.plan.budgetGroups[l]
            // The year most likely to be exceeded; among equally likely years, the one exceeded by most.
            guard let worst = cells.max(by: { Self.risk(r.budgets[$0]) < Self.risk(r.budgets[$1]) }) else { continue }
            let range = r.plan.amountRange(line: l)
            let budget =
                range.lowerBound == range.upperBound
                ? Formatting.amount(range.lowerBound, decimals: 0)
                : "\(Formatting.amount(range.lowerBound, decimals: 0))–\(Formatting.amount(range.upperBound, decimals: 0))"
            let basis = (line.isIllustrative ? "illustrative" : "cited") + (line.rationing == .proRata ? ", pro rata" : "")
            table.add([
                line.name, line.funder, basis, budget, String(s.years.lowerBound + r.plan.budgetCells[worst].year),
                Formatting.rate(r.budgets[worst].probabilityOver), Formatting.rate(r.lineBudgets[l].probabilityOver),
                Formatting.amount(r.lineBudgets[l].expectedExcess / Double(cells.count), decimals: 1),
            ])
        }
        guard !table.rows.isEmpty else { return "" }
        return table.rendered
            + "\namount: cited when a text sets it (the line's source), illustrative when the scenario chose it; pro rata: claims are scaled down to fit."
    }
}
