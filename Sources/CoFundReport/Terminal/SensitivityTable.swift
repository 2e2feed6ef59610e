import CoFundEngine
import CoFundModel

/// What `cofund sensitivity` prints: per funder, then per budget line, the drivers ranked by their
/// swing (the largest `shown` of them; sensitivity.csv has every one), and the share of the spread
/// the uncertain parameters explain.
public enum SensitivityTable {
    /// Drivers printed per scope.
    public static let shown = 10

    public static func render(
        _ swings: [SensitivityAnalysis.Swing], split: [VarianceSplit.Part] = [], scenario s: Scenario, paths: Int,
        fraction: Double = SensitivityAnalysis.defaultFraction
    ) -> String {
        let percent = Formatting.trimmed(fraction * 100)
        var out = [
            "\(s.title) (\(s.id)) · sensitivity of each funder's \(s.years.lowerBound)–\(s.years.upperBound) total and each budget line, in \(s.unit.label)",
            "Each uncertain parameter held at its p10 and then its p90, each assumption moved −\(percent)% and +\(percent)%, the rest as usual (\(Formatting.amount(Double(paths))) paths each, common random numbers).",
        ]
        if swings.isEmpty {
            return TerminalText.escaped(
                (out + ["", "The scenario has no uncertain parameter and no assumption to move."]).joined(separator: "\n"), keepingLineBreaks: true)
        }
        for group in SensitivityWords.groups(swings) {
            guard let first = group.first else { continue }
            out.append("")
            let name = SensitivityWords.scopeName(first, s)
            out.append(first.scope == .funder && first.id != "all" ? "\(TerminalText.name(name)) \(first.id)" : TerminalText.name(name))
            if let part = split.first(where: { $0.scope == first.scope && $0.id == first.id && $0.line == first.line }) {
                out.append(splitSentence(part))
            }
            let rows = group.filter(SensitivityWords.moves)
            guard !rows.isEmpty else {
                out.append(
                    first.scope == .funder
                        ? "Nothing moves this total: no uncertain parameter or assumption reaches it, and its spread is chance alone."
                        : "Nothing moves this line's demand or its chance of being exceeded.")
                continue
            }
            var table: TextTable
            if first.scope == .funder {
                table = TextTable(header: ["#", "assumption", "moved", "low → high", "mean swing", "p95 swing"], rightAligned: [0, 4, 5])
                for (i, w) in rows.prefix(shown).enumerated() {
                    table.add([
                        String(i + 1), SensitivityWords.label(w.driver, s), w.driver.setting, "\(w.driver.lowText) → \(w.driver.highText)",
                        ComparisonTable.signed(w.meanSwing), ComparisonTable.signed(w.p95Swing),
                    ])
                }
            } else {
                table = TextTable(header: ["#", "assumption", "moved", "low → high", "chance over", "demand swing"], rightAligned: [0, 4, 5])
                for (i, w) in rows.prefix(shown).enumerated() {
                    table.add([
                        String(i + 1), SensitivityWords.label(w.driver, s), w.driver.setting, "\(w.driver.lowText) → \(w.driver.highText)",
                        "\((w.lowOver ?? 0).formatted(.probability)) → \((w.highOver ?? 0).formatted(.probability))",
                        ComparisonTable.signed(w.meanSwing),
                    ])
                }
            }
            out.append(table.rendered)
            if rows.count > shown { out.append("… and \(rows.count - shown) more in sensitivity.csv") }
        }
        return TerminalText.escaped(out.joined(separator: "\n"), keepingLineBreaks: true)
    }

    /// "The uncertain parameters explain 34% ± 6% of the spread (sd 1,234); chance the rest."
    static func splitSentence(_ p: VarianceSplit.Part) -> String {
        let total = p.parameters + p.chance
        guard let share = p.share, total > 0 else { return "Its total does not vary." }
        let shown = min(max(share, 0), 1)
        let se = p.shareSE.map { " ± \(($0 * 1.96).formatted(.probability))" } ?? ""
        return
            "The uncertain parameters explain \(shown.formatted(.probability))\(se) of its variance (sd \(Formatting.amount(total.squareRoot(), decimals: 0))); chance the rest."
    }
}
