import CoFundEngine
import CoFundModel
import Foundation

/// `summary.csv`: one row per reported quantity, in tidy long format.
///
/// Rows cover every (program, funder, year) and every sum: `all` in the program or funder column
/// is the sum over programs or funders, `government` in the funder column the sum over the fiscal
/// funders. `period` says which span a row covers: `year` (the calendar year in `year`), `total` (the
/// sum over the horizon's years) or `after` (the payments that fall after the last year); the last two
/// leave `year` empty, so that the column holds numbers only. `flow` is `net` on every row but the `gross` (paid before
/// recoveries) and `recovered` (returned later, negative) rows of the funders of risk-compensation
/// programs; net = gross + recovered. The government rows follow the other net rows, and the gross
/// and recovered rows come last. Each row carries the mean, its standard error, the spread, the
/// tail (CVaR) and, where the funder's payments in that program have an appropriation of their own
/// (the program's `budget:`), its risk that year; every appropriation, including lines covering
/// several programs, is in `budgets.csv`. The columns after `unit` give each percentile's 95%
/// interval (`p05_low` … `p99_high`) and each CVaR's standard error (`TailIntervals`); a run that kept
/// sketches instead of its paths writes the sketch's accuracy bounds and leaves the standard errors
/// empty.
public enum SummaryCSV {
    public static let columns = [
        "scenario", "program", "program_name", "funder", "funder_name", "period", "year", "flow",
        "mean", "sd", "se", "p05", "p50", "p90", "p95", "p99", "cvar95", "cvar99", "max",
        "budget", "p_over_budget", "expected_overrun", "unit",
        "p05_low", "p05_high", "p50_low", "p50_high", "p90_low", "p90_high", "p95_low", "p95_high", "p99_low", "p99_high",
        "cvar95_se", "cvar99_se",
    ]

    public static func render(_ r: SimulationResult, byteOrderMark: Bool = true) -> String {
        table(r, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ r: SimulationResult, byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        let s = r.scenario
        let layout = r.plan.layout
        let digits = NumberText.decimals(for: s.unit)
        for (i, series) in layout.series.enumerated() {
            let st = r.statistics[i]
            let program = series.program.map { s.programs[$0] }
            var budget: [CSVWriter.Cell] = [.empty, .empty, .empty]
            if series.flow == .net, let p = series.program, let f = series.funder, case let .year(y) = series.year,
                let line = r.ownLine(program: p, funder: f), let b = r.budget(line: line, year: y)
            {
                budget = [.fixed(b.budget, digits), .fixed(b.probabilityOver, 6), .fixed(b.expectedExcess, digits)]
            }
            csv.row(
                [
                    s.id, program?.id ?? "all", program?.name ?? "all programs", series.funder ?? "all", s.reportedFunderName(series.funder),
                ].map(CSVWriter.Cell.text) + periodCells(series.year, s) + [.text(series.flow.rawValue)]
                    + [st.mean, st.sd, st.se, st.p05, st.p50, st.p90, st.p95, st.p99, st.cvar95, st.cvar99, st.max].map { .fixed($0, digits) }
                    + budget + [.text(s.unit.rawValue)] + intervalCells(st.intervals, digits))
        }
        return csv
    }

    /// p05_low … p99_high and cvar95_se, cvar99_se: empty standard errors when unknown.
    static func intervalCells(_ t: TailIntervals, _ digits: Int) -> [CSVWriter.Cell] {
        [t.p05, t.p50, t.p90, t.p95, t.p99].flatMap { [CSVWriter.Cell.fixed($0.lowerBound, digits), .fixed($0.upperBound, digits)] }
            + [t.cvar95SE, t.cvar99SE].map { $0.map { .fixed($0, digits) } ?? .empty }
    }

    /// The `period` and `year` cells of a year slot: `year` and the calendar year, or `total` (the
    /// horizon's years summed) or `after` (paid after the last year) and no year, so that the year
    /// column holds numbers only.
    static func periodCells(_ y: SeriesLayout.YearSlot, _ s: Scenario) -> [CSVWriter.Cell] {
        switch y {
        case let .year(i): [.text(Period.year), .number(String(s.years.lowerBound + i))]
        case .after: [.text(Period.after), .empty]
        case .total: [.text(Period.total), .empty]
        }
    }
}

/// The values of the `period` column of the CSV files with a `year` column: which span a row covers.
public enum Period {
    /// One calendar year, in the `year` column.
    public static let year = "year"
    /// The horizon: its years summed (or, for a budget line, any of its years); `year` is empty.
    public static let total = "total"
    /// The payments that fall after the horizon's last year; `year` is empty.
    public static let after = "after"
}

/// Numbers as written in CSV and JSON: fixed decimals, no grouping, "-0" written as "0".
enum NumberText {
    /// Decimals that resolve one yuan: 4 for 万元, 2 for 元.
    static func decimals(for unit: Scenario.Unit) -> Int { unit == .wan ? 4 : 2 }

    static func fixed(_ v: Double, _ decimals: Int) -> String { v.formatted(.fixed(decimals: decimals)) }
}

extension CSVWriter.Cell {
    /// A number with fixed decimals, as `NumberText.fixed` writes it.
    static func fixed(_ v: Double, _ decimals: Int) -> Self { .number(NumberText.fixed(v, decimals)) }
}
