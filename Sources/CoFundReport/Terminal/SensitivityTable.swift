import CoFundEngine
import CoFundModel

/// What `cofund sensitivity` prints: per funder, the uncertain parameters ranked by their swing.
public enum SensitivityTable {
    public static func render(_ swings: [SensitivityAnalysis.Swing], scenario s: Scenario, paths: Int) -> String {
        var out = [
            "\(s.title) (\(s.id)) · sensitivity of each funder's \(s.years.lowerBound)–\(s.years.upperBound) total, in \(s.unit.label)",
            "Each uncertain parameter held at its p10 and then its p90, the rest varying as usual (\(Formatting.amount(Double(paths))) paths each, common random numbers).",
        ]
        if swings.isEmpty {
            return TerminalText.escaped((out + ["", "The scenario has no uncertain parameters."]).joined(separator: "\n"), keepingLineBreaks: true)
        }
        for f in s.funders.map(\.id) + ["all"] {
            let rows = swings.filter { $0.funder == f }
            // A swing within rounding of the amounts (1e-9 relative) is no swing.
            func moves(_ w: SensitivityAnalysis.Swing) -> Bool {
                abs(w.meanSwing) > 1e-9 * max(1, abs(w.low.mean)) || abs(w.p95Swing) > 1e-9 * max(1, abs(w.low.p95))
            }
            out.append("")
            out.append(s.funder(f).map { "\(TerminalText.name($0.name)) \($0.id)" } ?? "all funders")
            // Every funder is listed: one that no uncertain parameter reaches says so.
            guard rows.contains(where: moves) else {
                out.append("No uncertain parameter moves this total: every number reaching it is fixed, and its spread is chance alone.")
                continue
            }
            var table = TextTable(
                header: ["#", "parameter", "p10 → p90", "mean at p10", "mean at p90", "swing", "p95 swing"], rightAligned: [0, 3, 4, 5, 6])
            for (i, w) in rows.filter(moves).enumerated() {
                table.add([
                    String(i + 1), w.parameter.name, "\(Formatting.trimmed(w.lowValue)) → \(Formatting.trimmed(w.highValue))",
                    Formatting.amount(w.low.mean, decimals: 0), Formatting.amount(w.high.mean, decimals: 0),
                    ComparisonTable.signed(w.meanSwing), ComparisonTable.signed(w.p95Swing),
                ])
            }
            out.append(table.rendered)
        }
        return TerminalText.escaped(out.joined(separator: "\n"), keepingLineBreaks: true)
    }
}
