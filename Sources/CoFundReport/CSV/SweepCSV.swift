import CoFundEngine
import CoFundModel

/// `sweep.csv`: one row per swept value (or pair of values) × program × funder, over the horizon,
/// all points on common random numbers so that the curve is smooth. Every row's p95 carries its
/// batch-means 95% interval (`BatchMeans`; empty when the point kept block summaries or too few paths).
public enum SweepCSV {
    /// One point of the grid: the values set, as written, and its run (as `SweepAnalysis` runs it).
    public typealias Point = SweepAnalysis.Point

    public static func render(parameters: [String], points: [Point], byteOrderMark: Bool = true) -> String {
        table(parameters: parameters, points: points, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(parameters: [String], points: [Point], byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(
            parameters + [
                "program", "program_name", "funder", "funder_name", "mean", "se", "p95", "p95_ci95_low", "p95_ci95_high", "cvar95",
                "p_over_budget", "expected_excess", "unit",
            ])
        for point in points {
            let r = point.result
            let s = r.scenario
            let digits = NumberText.decimals(for: s.unit)
            for (i, key) in r.seriesKeys.enumerated() where key.year == .total && key.flow == .net {
                let st = r.statistics[i]
                let interval = r.p95Interval(series: i)
                var risk: [CSVWriter.Cell] = [.empty, .empty]
                if let p = key.program.flatMap({ id in s.programs.firstIndex { $0.id == id } }), let f = key.funder,
                    let line = r.ownLine(program: p, funder: f)
                {
                    let b = r.lineBudgets[line]
                    risk = [.fixed(b.probabilityOver, 6), .fixed(b.expectedExcess, digits)]
                }
                csv.row(
                    point.values.map(value)
                        + [
                            key.program ?? "all", key.program.flatMap { s.program($0)?.name } ?? "all programs",
                            key.funder ?? "all", s.reportedFunderName(key.funder),
                        ].map(CSVWriter.Cell.text)
                        + [st.mean, st.se, st.p95].map { .fixed($0, digits) }
                        + [interval?.lowerBound, interval?.upperBound].map { $0.map { .fixed($0, digits) } ?? .empty }
                        + [.fixed(st.cvar95, digits)] + risk + [.text(s.unit.rawValue)])
            }
        }
        return csv
    }

    /// A swept value as the user wrote it: a number when it is one (so that a spreadsheet can plot
    /// the column, negative values included), else text (a YAML list or map, a word).
    static func value(_ v: String) -> CSVWriter.Cell {
        CSVWriter.isNumber(v) ? .number(v) : .text(v)
    }
}
