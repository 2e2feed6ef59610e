import CoFundModel
import CoFundReport

/// What `cofund history` and `cofund history show` print.
public enum HistoryText {
    /// One line per recorded run.
    public static func list(_ runs: [HistoryStore.Listed]) -> String {
        var table = TextTable(
            header: ["id", "recorded (UTC)", "kind", "scenario", "seed", "paths", "government mean, horizon"], rightAligned: [0, 4, 5, 6])
        table.maxWidths = [3: 40]
        for l in runs {
            let r = l.run
            let unit = Scenario.Unit(rawValue: r.unit)?.label ?? r.unit
            table.add([
                String(r.id ?? 0), r.recordedAt, r.kind.rawValue, r.scenarioID, r.seed, Formatting.amount(Double(r.paths)),
                l.governmentMean.map { "\(Formatting.amount($0, decimals: 0)) \(unit) (\(r.firstYear)–\(r.lastYear))" } ?? "–",
            ])
        }
        return TerminalText.escaped(table.rendered, keepingLineBreaks: true)
    }

    /// A run's settings, inputs and, for each arm, each funder's mean (± se) and p95 by year.
    public static func show(_ record: RunRecord) -> String {
        let r = record.run
        let unit = Scenario.Unit(rawValue: r.unit)?.label ?? r.unit
        var out = [
            "Run \(r.id ?? 0): \(r.kind.noun) of \(r.scenarioID) (\(r.scenarioTitle)), recorded \(r.recordedAt) by cofund \(r.cofundVersion)",
            "scenario file: \(r.scenarioFile) (sha256 \(r.scenarioSHA256))",
        ]
        if let f = r.comparedFile { out.append("compared with: \(f) (sha256 \(r.comparedSHA256 ?? ""))") }
        out.append(
            "seed \(r.seed) · \(Formatting.amount(Double(r.paths))) paths\(r.stratified ? " (stratified)" : "") · \(r.threads) threads · \(r.firstYear)–\(r.lastYear) · \(unit)"
        )
        out.append("run directory: \(r.runDirectory)")
        out.append("reforms: " + (record.reforms.isEmpty ? "none" : record.reforms.map(\.label).joined(separator: "; ")))
        if !record.changes.isEmpty { out.append("overrides: " + record.changes.map(\.description).joined(separator: "; ")) }
        for arm in record.arms {
            let rows = record.summary.filter { $0.arm == arm && $0.isFunderTotal }
            out.append("")
            out.append(
                (arm == SummaryRow.runArm ? "" : "\(arm): ")
                    + "exposure by funder and year, in \(unit): mean (± standard error) and p95, summed over programs.")
            let years = RunRecord.yearOrder(rows)
            var funders: [String] = []
            for row in rows where !funders.contains(row.funder) { funders.append(row.funder) }
            var table = TextTable(header: ["funder", ""] + years, rightAligned: Set(2..<(years.count + 2)))
            for f in funders {
                let cells = years.map { y in rows.first { $0.funder == f && $0.year == y } }
                let amount = { (v: Double) in Formatting.amount(v, decimals: 0) }
                table.add([f, "mean"] + cells.map { $0.map { amount($0.mean) } ?? "" })
                table.add(["", "± se"] + cells.map { $0.map { amount($0.se) } ?? "" })
                table.add(["", "p95"] + cells.map { $0.map { amount($0.p95) } ?? "" })
            }
            out.append(table.rendered)
        }
        let count = record.summary.count
        out.append("")
        out.append(
            "\(count) summary row\(count == 1 ? "" : "s") recorded (every program, funder, year and flow of summary.csv\(r.kind == .sweep ? "; a sweep keeps the sums over programs" : ""))."
        )
        return TerminalText.escaped(out.joined(separator: "\n"), keepingLineBreaks: true)
    }
}
