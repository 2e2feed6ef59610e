import CoFundEngine
import CoFundModel
import Foundation

/// The terminal output as JSON (`--format json`), for scripts: the same figures as the tables,
/// unrounded, keys sorted.
public enum TerminalJSON {
    /// Each funder's exposure by year, over the horizon and after it, and the budgets at risk.
    public static func run(
        _ r: SimulationResult, changes: [String] = [], reformFiles: [ReformCitation] = [], importance: ImportanceSampling? = nil,
        check: SelfCheck? = nil
    ) -> String {
        let s = r.scenario
        let funders = (r.plan.layout.funders + [nil] as [String?]).map { f in
            RunDocument.Funder(
                id: f ?? "all", name: f.flatMap { s.funder($0)?.name } ?? "all funders",
                years: years(s) { r.statistics(program: nil, funder: f, year: .year($0)).map(Statistics.init) },
                total: StatisticsOrEmpty(r.statistics(program: nil, funder: f, year: .total)),
                after: StatisticsOrEmpty(r.statistics(program: nil, funder: f, year: .after)))
        }
        let budgets = r.plan.budgetCells.enumerated().map { i, c in
            RunDocument.Budget(
                line: r.plan.lines[c.line].id, programs: r.plan.lines[c.line].programs, illustrative: r.plan.lines[c.line].isIllustrative,
                funder: c.funder, year: s.years.lowerBound + c.year, budget: c.amount,
                pOverBudget: r.budgets[i].probabilityOver, expectedExcess: r.budgets[i].expectedExcess,
                expectedUnpaid: r.budgets[i].expectedUnpaid)
        }
        return JSONStyle.text(
            RunDocument(
                header: Header(s, paths: r.paths, seed: r.options.seed, stratified: r.options.stratified), reforms: changes, reformFiles: reformFiles,
                funders: funders,
                budgets: budgets, selfCheck: SelfCheckDocument(r, check ?? SelfCheck(r)), importance: importance.map(ImportanceDocument.init)))
    }

    /// Each funder's change over the horizon and by year, with its standard error.
    /// `diff`: what differs between the two files of `compare A.yaml B.yaml`, written as
    /// `scenario_diff` (null for a reform).
    public static func compare(_ c: PairedComparison, changes: [String], reformFiles: [ReformCitation] = [], diff: ScenarioDiff? = nil) -> String {
        let s = c.base.scenario
        let funders = c.rows.filter { $0.key.program == nil && $0.key.year == .total }.map { total in
            CompareDocument.Funder(
                id: total.key.funder ?? "all", total: Delta(total),
                years: years(s) { c.row(SeriesKey(program: nil, funder: total.key.funder, year: .year($0))).map(Delta.init) })
        }
        return JSONStyle.text(
            CompareDocument(
                header: Header(s, paths: c.base.paths, seed: c.base.options.seed), reforms: changes, reformFiles: reformFiles,
                differences: diff.map(CompareDocument.Differences.init), funders: funders,
                lines: c.lines.map { CompareDocument.Line($0, s) }))
    }

    /// Each point's funder totals.
    public static func sweep(parameters: [String], points: [SweepCSV.Point]) -> String {
        JSONStyle.text(
            points.map { p in
                SweepPoint(
                    values: Dictionary(uniqueKeysWithValues: zip(parameters, p.values)),
                    funders: (p.result.plan.layout.funders + [nil] as [String?]).map { f in
                        SweepPoint.Funder(id: f ?? "all", total: StatisticsOrEmpty(p.result.statistics(program: nil, funder: f, year: .total)))
                    })
            })
    }

    /// The ranked swings per funder.
    public static func sensitivity(_ swings: [SensitivityAnalysis.Swing]) -> String {
        JSONStyle.text(swings.map(Swing.init))
    }

    /// The values by year, keyed by the year as text; a year without a value has no key.
    static func years<T>(_ s: Scenario, _ value: (Int) -> T?) -> [String: T] {
        var out: [String: T] = [:]
        for (i, y) in s.years.enumerated() { out[String(y)] = value(i) }
        return out
    }
}
