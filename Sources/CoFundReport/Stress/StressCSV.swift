import CoFundEngine
import CoFundModel

/// `stress.csv`: for each total named, one row for the total, then program by program its payment
/// into the total, its counts and its uncertain parameters: the mean over the worst paths against
/// the mean over all paths.
public enum StressCSV {
    public static let columns = [
        "scenario", "scope", "id", "funder", "tail", "tail_paths", "paths", "kind", "program", "program_name", "measure", "path",
        "tail_mean", "mean", "ratio", "share_of_tail", "tail_percentile", "unit",
    ]

    public static func render(_ tests: [StressTest], plan: SimulationPlan, byteOrderMark: Bool = true) -> String {
        table(tests, plan: plan, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ tests: [StressTest], plan: SimulationPlan, byteOrderMark: Bool = true) -> CSVWriter {
        let s = plan.scenario
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        let digits = NumberText.decimals(for: s.unit)
        for t in tests {
            for row in t.rows {
                let amount = row.kind == .total || row.kind == .payment
                let places = amount ? digits : 6
                csv.row([
                    .text(s.id), .text(t.series.scope.rawValue), .text(t.series.id), .text(t.series.funder), .fixed(t.tail, 4),
                    .number(String(t.tailPaths.count)), .number(String(t.paths)), .text(row.kind.rawValue),
                    .text(row.program.map { s.programs[$0].id } ?? "all"), .text(StressLabels.programName(row, s)),
                    .text(StressLabels.measure(row, t, s)), .text(StressLabels.path(row, t, s)),
                    .fixed(row.tailMean, places), .fixed(row.allMean, places),
                    StressLabels.ratio(row).map { .fixed($0, 6) } ?? .empty,
                    StressLabels.shareOfTail(row, t).map { .fixed($0, 6) } ?? .empty,
                    row.tailPercentile.map { .fixed($0, 4) } ?? .empty,
                    .text(amount ? s.unit.rawValue : ""),
                ])
            }
        }
        return csv
    }
}
