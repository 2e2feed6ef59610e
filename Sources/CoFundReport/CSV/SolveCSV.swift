import CoFundEngine
import CoFundModel

/// `solve.csv`: one row per run of a `cofund solve` search, in the order run — the range's low end,
/// its high end, then each midpoint — with the lever's value, the figure's estimate and its 95%
/// interval, whether it meets the target, and which row is the answer.
public enum SolveCSV {
    public static let columns = [
        "step", "lever", "value", "figure", "estimate", "ci95_low", "ci95_high", "target", "meets_target", "answer",
    ]

    public static func render(_ solution: SolveAnalysis.Solution, byteOrderMark: Bool = true) -> String {
        table(solution, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ solution: SolveAnalysis.Solution, byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        let target = solution.target
        let targetText = "\(target.comparison.rawValue) \(SolveTarget.number(target.bound))"
        for (i, e) in solution.evaluations.enumerated() {
            let interval = e.figure.interval
            csv.row([
                .number(String(i + 1)), .text(solution.lever), number(e.value), .text(target.figure), number(e.figure.value),
                interval.map { number($0.lowerBound) } ?? .empty, interval.map { number($0.upperBound) } ?? .empty,
                .text(targetText), .text(e.meets ? "yes" : "no"), .text(i == solution.answer ? "yes" : "no"),
            ])
        }
        return csv
    }

    /// A number as the shortest decimal that reads back as it; empty when not finite.
    static func number(_ v: Double) -> CSVWriter.Cell {
        v.isFinite ? .number(SolveTarget.number(v)) : .empty
    }
}
