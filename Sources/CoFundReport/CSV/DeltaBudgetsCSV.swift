import CoFundEngine
import CoFundModel

/// `delta-budgets.csv`: every budget line of a reform and its baseline, in each year with an
/// appropriation (`period` `year`) and over the horizon (`period` `total`, `year` empty), with each run's chance of exceeding the budget and
/// expected excess, and their paired changes.
///
/// On common random numbers each path gives the pair (baseline exceeded, reform exceeded); the change
/// in `p_over` is the mean of d = I_reform − I_base, its standard error sd(d)/√N, its interval
/// ± 1.96 se; the same for the excess max(demand − budget, 0). `present` says whether the line (or
/// that year of it) has an appropriation in `both` runs, the `base` only or the `reform` only; a
/// side without it has empty cells, and so have the changes.
public enum DeltaBudgetsCSV {
    public static let columns = [
        "scenario", "line", "line_name", "funder", "funder_name", "period", "year", "present", "base_budget", "reform_budget",
        "base_p_over", "reform_p_over", "delta_p_over", "delta_p_over_se", "delta_p_over_ci95_low", "delta_p_over_ci95_high",
        "base_expected_excess", "reform_expected_excess", "delta_expected_excess", "delta_expected_excess_se",
        "delta_expected_excess_ci95_low", "delta_expected_excess_ci95_high", "unit",
    ]

    public static func render(_ c: PairedComparison, byteOrderMark: Bool = true) -> String {
        table(c, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ c: PairedComparison, byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        let s = c.base.scenario
        let digits = NumberText.decimals(for: s.unit)
        for row in c.lines {
            let present = row.base == nil ? "reform" : (row.reform == nil ? "base" : "both")
            func side(_ b: BudgetStatistics?, _ value: (BudgetStatistics) -> Double, _ places: Int) -> CSVWriter.Cell {
                b.map { .fixed(value($0), places) } ?? .empty
            }
            func change(_ d: PairedDifference?, _ places: Int) -> [CSVWriter.Cell] {
                guard let d else { return [.empty, .empty, .empty, .empty] }
                let ci = d.interval95
                return [d.mean, d.se, ci.lowerBound, ci.upperBound].map { .fixed($0, places) }
            }
            csv.row(
                [
                    s.id, row.line, row.name, row.funder, Names.funder(row.funder, c),
                ].map(CSVWriter.Cell.text) + periodCells(row.year, s) + [.text(present)]
                    + [side(row.base, \.budget, digits), side(row.reform, \.budget, digits)]
                    + [side(row.base, \.probabilityOver, 6), side(row.reform, \.probabilityOver, 6)] + change(row.deltaOver, 6)
                    + [side(row.base, \.expectedExcess, digits), side(row.reform, \.expectedExcess, digits)]
                    + change(row.deltaExcess, digits) + [.text(s.unit.rawValue)])
        }
        return csv
    }

    /// The `period` and `year` cells of a year index: `year` and the calendar year, or `total` and no
    /// year for the horizon.
    static func periodCells(_ year: Int?, _ s: Scenario) -> [CSVWriter.Cell] {
        guard let year else { return [.text(Period.total), .empty] }
        return [.text(Period.year), .number(String(s.years.lowerBound + year))]
    }
}
