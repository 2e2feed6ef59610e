import CoFundEngine
import CoFundModel

/// `sweep-budgets.csv`: at every point of a sweep, each budget line's chance of exceeding its
/// appropriation in at least one year of the horizon, with its binomial standard error
/// √(p(1 − p)/N) and the 95% interval p ± 1.96 se, cut to [0, 1].
public enum SweepBudgetsCSV {
    public static func columns(parameters: [String]) -> [String] {
        parameters + ["line", "line_name", "funder", "funder_name", "budget", "p_over", "se", "ci95_low", "ci95_high", "unit"]
    }

    public static func render(parameters: [String], points: [SweepCSV.Point], byteOrderMark: Bool = true) -> String {
        table(parameters: parameters, points: points, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(parameters: [String], points: [SweepCSV.Point], byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns(parameters: parameters))
        for point in points {
            let r = point.result
            let s = r.scenario
            let digits = NumberText.decimals(for: s.unit)
            for (l, line) in r.plan.lines.enumerated() {
                let b = r.lineBudgets[l]
                let se = r.lineProbabilityOverSE(line: l)
                let low = Swift.max(0, b.probabilityOver - 1.96 * se), high = Swift.min(1, b.probabilityOver + 1.96 * se)
                csv.row(
                    point.values.map(SweepCSV.value)
                        + [line.id, line.name, line.funder, s.funder(line.funder)?.name ?? line.funder].map(CSVWriter.Cell.text)
                        + [.fixed(b.budget, digits)] + [b.probabilityOver, se, low, high].map { .fixed($0, 6) }
                        + [.text(s.unit.rawValue)])
            }
        }
        return csv
    }
}
