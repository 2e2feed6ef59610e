import CoFundEngine
import CoFundModel

/// What `cofund compare` prints: the changes applied, each funder's change over the horizon and by
/// year with its 95% interval, the change in the government total's p95 with its interval, each
/// budget line's change in the chance of being exceeded, the programs that move each funder most,
/// and the variance common random numbers removed.
public enum ComparisonTable {
    public static func render(_ c: PairedComparison, changes: [String]) -> String {
        let s = c.base.scenario
        let unit = s.unit.label
        let d = { (v: Double) in Formatting.amount(v, decimals: 1) }
        var out = [
            "\(s.title) (\(s.id)) · reform against baseline · \(Formatting.amount(Double(c.base.paths))) paths on common random numbers · seed \(c.base.options.seed)"
        ]
        out += ScenarioHeading.forceNotes(s)
        let reformNotes = ScenarioHeading.forceNotes(c.reform.scenario)
        if reformNotes != ScenarioHeading.forceNotes(s) { out += ["Under the reform:"] + reformNotes.map { "  " + $0 } }
        out.append("Changes:")
        out += changes.isEmpty ? ["  (none: a null reform)"] : changes.map { "  \($0)" }
        out.append("")
        out.append("Change in each funder's exposure, in \(unit): reform − baseline, mean with its 95% interval (± 1.96 standard errors by year).")
        out.append("")
        let years = (0..<s.years.count).map { SeriesLayout.YearSlot.year($0) }
        var table = TextTable(
            header: ["funder", "baseline", "reform", "change", "95% interval"] + s.years.map(String.init),
            rightAligned: Set(1..<(5 + s.years.count)))
        table.maxWidths = [0: TerminalText.nameWidth]
        let funders = Array(Set(c.rows.compactMap(\.key.funder)))
        let ordered = (c.base.plan.layout.funders + c.reform.plan.layout.funders.filter { !c.base.plan.layout.funders.contains($0) })
            .filter { funders.contains($0) }
        for f in ordered + [Funder.governmentID, nil] as [String?] {
            guard let total = c.row(SeriesKey(program: nil, funder: f, year: .total)) else { continue }
            let ci = total.interval95
            let perYear = years.map { y in
                c.row(SeriesKey(program: nil, funder: f, year: y)).map {
                    $0.delta.se > 0 ? "\(d($0.delta.mean)) ±\(d(1.96 * $0.delta.se))" : d($0.delta.mean)
                } ?? ""
            }
            table.add(
                [
                    Names.funder(f, c), d(total.base.mean), d(total.reform.mean), d(total.delta.mean),
                    "[\(d(ci.lowerBound)), \(d(ci.upperBound))]",
                ] + perYear)
        }
        out.append(table.rendered)
        if let government = governmentP95(c) {
            out.append("")
            out.append(government)
        }
        if let lines = lines(c) {
            out.append("")
            out.append(
                "Budget lines: the chance that demand exceeds the appropriation in at least one year, baseline and reform, the change in percentage points with its 95% interval, and by year (± 1.96 standard errors)."
            )
            out.append("")
            out.append(lines)
        }
        out.append("")
        out.append("Programs that move each funder most (horizon total):")
        for f in ordered {
            let moved = c.rows.filter { $0.key.funder == f && $0.key.program != nil && $0.key.year == .total && $0.delta.mean != 0 }
                .sorted { abs($0.delta.mean) > abs($1.delta.mean) }.prefix(3)
            guard !moved.isEmpty else { continue }
            out.append(
                "  \(TerminalText.name(Names.funder(f, c))): "
                    + moved.map {
                        "\(TerminalText.name(Names.program($0.key.program, c))) \(signed($0.delta.mean)) ± \(d(1.96 * $0.delta.se))"
                    }.joined(separator: "; "))
        }
        if let grand = c.row(SeriesKey(program: nil, funder: nil, year: .total)), let ratio = grand.varianceRatio, ratio > 0 {
            out.append("")
            if ratio < 1e-6 {
                // Rounding noise, not sampling: the reform moves cost between funders or changes every
                // path by the same amount, so the total's change carries no sampling error worth a factor.
                out.append(
                    "Common random numbers: the total over all funders changes by the same amount on every path (to rounding), so its change has no sampling error."
                )
            } else {
                out.append(
                    "Common random numbers: Var(reform − baseline) is \(Formatting.trimmed((ratio * 10000).rounded() / 100))% of Var(reform) + Var(baseline), an error bar \(Formatting.trimmed((1 / ratio.squareRoot() * 10).rounded() / 10))× narrower than two independent runs."
                )
            }
        }
        return TerminalText.escaped(out.joined(separator: "\n"), keepingLineBreaks: true)
    }

    static func signed(_ v: Double) -> String { (v > 0 ? "+" : "") + Formatting.amount(v, decimals: 1) }
}
