import CoFundEngine
import CoFundModel

/// The budget lines of the comparison page: each line's chance of being exceeded and expected
/// excess in both runs, by year and over the horizon, and the paired changes with their intervals.
enum CompareLinesSection {
    static let title = "Change in the budget lines"

    static func render(_ c: PairedComparison, _ ctx: ReportContext) -> HTMLSection {
        guard !c.lines.isEmpty else {
            return HTMLSection(
                id: "change-by-line", title: title, body: "<p class=\"note\">Neither run has a budget line: there is no appropriation to exceed.</p>")
        }
        let points = { (v: Double) in (v > 0 ? "+" : "") + Formatting.amount(100 * v, decimals: 1) + " pp" }
        var table = HTMLTable(
            caption: "Each line's chance of exceeding its appropriation (any year: in at least one year) and expected excess, \(ctx.unit)",
            header: [
                [.text("budget line"), .text("funder"), .text("year")]
                    + ["P(over) baseline", "P(over) reform", "change", "95% interval", "excess baseline", "excess reform", "change", "± 95%"]
                    .map { .number($0) }
            ])
        let s = c.base.scenario
        for row in c.lines {
            let rate = { (b: BudgetStatistics?) in b.map { ReportNumber.percent($0.probabilityOver) } ?? "–" }
            let excess = { (b: BudgetStatistics?) in b.map { ReportNumber.amount($0.expectedExcess) } ?? "–" }
            let missing = row.base == nil ? "reform only" : "baseline only"
            table.add(
                [
                    .text(row.name, lang: "zh-Hans"), .text(ctx.funderName(row.funder), lang: "zh-Hans"),
                    .text(row.year.map { String(s.years.lowerBound + $0) } ?? "any"),
                    .number(rate(row.base)), .number(rate(row.reform)),
                    .number(row.deltaOver.map { points($0.mean) } ?? missing),
                    .number(row.deltaOver.map { "[\(points($0.interval95.lowerBound)), \(points($0.interval95.upperBound))]" } ?? ""),
                    .number(excess(row.base)), .number(excess(row.reform)),
                    .number(row.deltaExcess.map { ReportNumber.signed($0.mean) } ?? missing),
                    .number(row.deltaExcess.map { ReportNumber.amount(1.96 * $0.se) } ?? ""),
                ], className: row.year == nil ? "total" : nil)
        }
        let body =
            "<p class=\"note\">On common random numbers each path says whether each run's demand exceeds the appropriation; the change "
            + "in the chance is the mean of the per-path differences, its interval ± 1.96 standard errors of them. A line with an appropriation "
            + "in one run only (added or removed by the reform) shows that run's figures and no change.</p>\n" + table.rendered
        return HTMLSection(id: "change-by-line", title: title, body: body)
    }
}
