import CoFundEngine
import CoFundModel
import Foundation

/// What `cofund stress` prints: for each total named, the worst paths against all paths — the
/// total, then program by program its payment into the total, its claims and defaults, and its
/// uncertain parameters' draws.
public enum StressTable {
    public static func render(_ tests: [StressTest], plan: SimulationPlan) -> String {
        let s = plan.scenario
        var out: [String] = []
        for t in tests {
            let k = t.tailPaths.count
            let (name, detail) = StressLabels.totalParts(t, plan)
            out.append(
                "The bad years of \(TerminalText.name(name)) \(detail), \(s.years.lowerBound)–\(s.years.upperBound) in \(s.unit.label): "
                    + "the worst \(percent(t.tail)) of \(t.paths) paths (\(k)) against all of them.")
            out.append(
                "tail mean of the total = CVaR\(Formatting.trimmed(((1 - t.tail) * 1000).rounded() / 10)) \(Formatting.amount(t.total.tailMean, decimals: 0)); "
                    + "mean \(Formatting.amount(t.total.allMean, decimals: 0)). "
                    + "Counts are of the horizon's years; pctile: the tail's draws' mean percentile (50 over all paths).")
            if !t.reproduced {
                out.append(
                    "Warning: simulating the paths again did not give the totals the run kept; the counts and draws below may not match the tail.")
            }
            out.append("")
            var table = TextTable(
                header: ["program", "measure", "path", "tail mean", "mean", "tail/mean", "share", "pctile"], rightAligned: [3, 4, 5, 6, 7])
            table.maxWidths = [0: 24, 1: 32, 2: 48]
            var previous: Int?? = .none
            for row in t.rows {
                let first = previous != .some(row.program)
                previous = .some(row.program)
                table.add([
                    first ? TerminalText.name(StressLabels.programName(row, s)) : "",
                    StressLabels.measure(row, t, s), StressLabels.path(row, t, s),
                    value(row.tailMean, row), value(row.allMean, row),
                    StressLabels.ratio(row).map { String(format: "%.2f×", $0) } ?? "",
                    StressLabels.shareOfTail(row, t).map(percent) ?? "",
                    row.tailPercentile.map { String(format: "%.0f", $0) } ?? "",
                ])
            }
            out.append(table.rendered)
            out.append("")
        }
        while out.last == "" { out.removeLast() }
        return TerminalText.escaped(out.joined(separator: "\n"), keepingLineBreaks: true)
    }

    /// An amount without decimals, a count with one, a parameter with four significant digits.
    static func value(_ v: Double, _ row: StressTest.Row) -> String {
        switch row.kind {
        case .total, .payment: Formatting.amount(v, decimals: 0)
        case .count: Formatting.amount(v, decimals: 1)
        case .parameter: Formatting.trimmed(Double(String(format: "%.4g", v)) ?? v)
        }
    }

    public static func percent(_ p: Double) -> String {
        Formatting.trimmed((p * 1000).rounded() / 10) + "%"
    }
}
