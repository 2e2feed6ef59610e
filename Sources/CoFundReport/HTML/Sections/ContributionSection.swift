import CoFundEngine
import CoFundModel

/// Which programs make each funder's, the government's and each budget line's bad year: each
/// program's contribution to the CVaR95 of the horizon total next to its mean (`contributions.csv`
/// has every figure).
enum ContributionSection {
    static let id = "bad-year"
    static let title = "What makes the bad year"

    static func render(_ r: SimulationResult, _ ctx: ReportContext) -> HTMLSection {
        if let reason = RiskContributions.unavailableReason(r) {
            return HTMLSection(id: id, title: title, body: "<p class=\"note\">\(HTML.escape(reason)).</p>")
        }
        let s = r.scenario
        var body =
            "<p class=\"note\">For each funder, the government and each budget line, the total over \(ctx.horizon) in \(ctx.unit), split by program: "
            + "the light bar is the program's mean, the solid bar its contribution to the CVaR95 — its mean on the worst 5% of paths of that total — "
            + "so the contributions add up to the total's CVaR95. On the right: the share of the CVaR95 and the ratio of the two bars, "
            + "how much worse than its average the program is in the bad years. <code>contributions.csv</code> also has the sd, p95 "
            + "(an estimate: a kernel around the total's p95) and CVaR99 contributions.</p>\n"
        for c in RiskContributions.all(r) where !c.parts.isEmpty {
            let name = c.line.map { r.plan.lines[$0].name } ?? ctx.funderName(c.id)
            let caption =
                (c.scope == .line ? "\(name) (budget line of \(ctx.funderName(c.funder)))" : name)
                + " — CVaR95 \(ReportNumber.amount(c.total.cvar95)), mean \(ReportNumber.amount(c.total.mean)) \(ctx.unit)"
            let bars = c.parts.sorted { $0.figures.cvar95 > $1.figures.cvar95 }.map { p in
                ContributionChart.Bar(
                    label: s.programs[p.program].name, mean: p.figures.mean, cvar95: p.figures.cvar95,
                    share: c.total.cvar95 != 0 ? p.figures.cvar95 / c.total.cvar95 : nil)
            }
            let color = c.scope == .government ? FunderPalette.total : ctx.color(c.funder)
            let chart = ContributionChart(title: caption, bars: bars, color: color, unit: ctx.unit)
            body += Figure.html(
                chart.svg, caption: caption, legend: [("mean", .swatch(FunderPalette.shade(color, 0.55))), ("CVaR95 contribution", .swatch(color))])
        }
        return HTMLSection(id: id, title: title, body: body)
    }
}
