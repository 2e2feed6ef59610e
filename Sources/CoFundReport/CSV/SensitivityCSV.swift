import CoFundEngine
import CoFundModel

/// `sensitivity.csv`: for each funder, the uncertain parameters ranked by how far each moves the
/// funder's horizon total between its own p10 and p90 (tornado data).
public enum SensitivityCSV {
    public static let columns = [
        "scenario", "funder", "funder_name", "rank", "parameter", "distribution", "value_p10", "value_p90",
        "mean_at_p10", "mean_at_p90", "mean_swing", "p95_at_p10", "p95_at_p90", "p95_swing", "unit",
    ]

    public static func render(_ swings: [SensitivityAnalysis.Swing], scenario s: Scenario, excel: Bool = false) -> String {
        var csv = CSVWriter(byteOrderMark: excel)
        csv.header(columns)
        let digits = NumberText.decimals(for: s.unit)
        var rank: [String: Int] = [:]
        for w in swings {
            rank[w.funder, default: 0] += 1
            csv.row(
                [
                    .text(s.id), .text(w.funder), .text(s.funder(w.funder)?.name ?? "all funders"), .number(String(rank[w.funder] ?? 0)),
                    .text(w.parameter.name), .text(w.parameter.distribution.name),
                    .fixed(w.lowValue, 6), .fixed(w.highValue, 6),
                ]
                    + [w.low.mean, w.high.mean, w.meanSwing, w.low.p95, w.high.p95, w.p95Swing].map { .fixed($0, digits) }
                    + [.text(s.unit.rawValue)])
        }
        return csv.text
    }
}
