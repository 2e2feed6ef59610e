import CoFundEngine
import CoFundModel

/// `delta.csv`: a reform against its baseline, one row per program × funder × year and per sum,
/// with the paired difference's mean, standard error and 95% confidence interval, and the change in
/// the p95 over all paths with its batch-means 95% interval (`BatchMeans`; empty with too few paths).
/// The last columns name the reform: its files' `title:` and `source:` (the same on every row).
public enum DeltaCSV {
    public static let columns = [
        "scenario", "program", "program_name", "funder", "funder_name", "period", "year",
        "base_mean", "reform_mean", "delta_mean", "delta_se", "delta_ci95_low", "delta_ci95_high",
        "base_p95", "reform_p95", "delta_p95", "delta_p95_ci95_low", "delta_p95_ci95_high", "base_cvar95", "reform_cvar95", "variance_ratio", "unit",
        "reform_title", "reform_source",
    ]

    public static func render(_ c: PairedComparison, reforms: [ReformCitation] = [], byteOrderMark: Bool = true) -> String {
        table(c, reforms: reforms, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ c: PairedComparison, reforms: [ReformCitation] = [], byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        let s = c.base.scenario
        let digits = NumberText.decimals(for: s.unit)
        let cited = citation(reforms)
        for row in c.rows {
            let k = row.key
            let ci = row.interval95
            csv.row(
                [
                    s.id, k.program ?? "all", Names.program(k.program, c), k.funder ?? "all", Names.funder(k.funder, c),
                ].map(CSVWriter.Cell.text) + SummaryCSV.periodCells(k.year, s)
                    + [
                        row.base.mean, row.reform.mean, row.delta.mean, row.delta.se, ci.lowerBound, ci.upperBound,
                        row.base.p95, row.reform.p95, row.p95Delta,
                    ].map { .fixed($0, digits) }
                    + [row.p95Interval95?.lowerBound, row.p95Interval95?.upperBound].map { $0.map { .fixed($0, digits) } ?? .empty }
                    + [row.base.cvar95, row.reform.cvar95].map { .fixed($0, digits) }
                    + [row.varianceRatio.map { .fixed($0, 6) } ?? .empty, .text(s.unit.rawValue)] + cited)
        }
        return csv
    }

    /// The `reform_title` and `reform_source` cells: each reform file's title (its path when it has
    /// none) and each source given, in the order applied, joined by `; `; empty without reform files.
    static func citation(_ reforms: [ReformCitation]) -> [CSVWriter.Cell] {
        [
            reforms.map { $0.title ?? $0.file }.joined(separator: "; "),
            reforms.compactMap(\.source).joined(separator: "; "),
        ].map(CSVWriter.Cell.text)
    }
}

/// Names of programs and funders for rows that may come from either side of a comparison.
enum Names {
    static func program(_ id: String?, _ c: PairedComparison) -> String {
        guard let id else { return "all programs" }
        return (c.reform.scenario.program(id) ?? c.base.scenario.program(id))?.name ?? id
    }

    static func funder(_ id: String?, _ c: PairedComparison) -> String {
        guard let id, c.reform.scenario.funder(id) == nil else { return c.reform.scenario.reportedFunderName(id) }
        return c.base.scenario.reportedFunderName(id)
    }
}
