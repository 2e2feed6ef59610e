import CoFundEngine
import CoFundModel

/// What `cofund sensitivity` prints: per funder, the uncertain parameters ranked by their swing.
public enum SensitivityTable {
    public static func render(_ swings: [SensitivityAnalysis.Swing], scenario s: Scenario, paths: Int) -> String {
        var out = ["\(s.title) (\(s.id)) · sensitivity of each funder's \(s.years.lowerBound)–\(s.years.upperBound) total, in \(s.unit.label)",
                   "Each uncertain parameter held at its p10 and then its p90, the rest varying as usual (\(Formatting.amount(Double(paths))) paths each, common random numbers)."]
        if swings.isEmpty { return (out + ["", "The scenario has no uncertain parameters."]).joined(separator: "\n") }
        for f in s.funders.map(\.id) + ["all"] {
            let rows = swings.filter { $0.funder == f }
            guard !rows.isEmpty, rows.contains(where: { $0.meanSwing != 0 }) else { continue }
            out.append("")
            out.append(s.funder(f).map { "\($0.name) \($0.id)" } ?? "all funders")
            var table = TextTable(header: ["#", "parameter", "p10 → p90", "mean at p10", "mean at p90", "swing", "p95 swing"], rightAligned: [0, 3, 4, 5, 6])
            for (i, w) in rows.enumerated() where w.meanSwing != 0 || w.p95Swing != 0 {
                table.add([String(i + 1), w.parameter.name, "\(Formatting.trimmed(w.lowValue)) → \(Formatting.trimmed(w.highValue))",
                           Formatting.amount(w.low.mean, decimals: 0), Formatting.amount(w.high.mean, decimals: 0),
                           ComparisonTable.signed(w.meanSwing), ComparisonTable.signed(w.p95Swing)])
            }
            out.append(table.rendered)
        }
        return out.joined(separator: "\n")
    }
}
