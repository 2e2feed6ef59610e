import CoFundEngine
import CoFundModel

/// `report.html` of `cofund stress`: "The bad years" — for each total named, the programs' payments
/// on the worst paths against their means (a bar chart) and the whole table of the stress test —
/// then the manifest.
public enum StressPage {
    public static let title = "The bad years"
    public static let headings = [title, ManifestSection.title]

    public static func render(_ tests: [StressTest], plan: SimulationPlan, manifest: Manifest) -> String {
        let s = plan.scenario
        let ctx = ReportContext(s)
        let tail = tests.first.map { StressTable.percent($0.tail) } ?? ""
        return HTMLPage(
            kind: "stress", title: s.title, kicker: "cofund · stress",
            meta: [PageIntro.meta(s, paths: manifest.paths, seed: manifest.seed) + " · the worst \(tail) of paths against all of them"],
            intro: PageIntro.reformFiles(manifest) + PageIntro.changes(manifest.reforms.filter { !$0.hasPrefix("stress:") }, title: "Reformed:"),
            sections: [section(tests, plan, ctx), ManifestSection.render(manifest)]
        ).rendered
    }

    static func section(_ tests: [StressTest], _ plan: SimulationPlan, _ ctx: ReportContext) -> HTMLSection {
        let s = plan.scenario
        var body =
            "<p class=\"note\">A reverse stress test: the paths on which the total over \(ctx.horizon) is worst — the same paths whose mean is the "
            + "reported CVaR — against all paths. For each program: what it pays into the total (the light bar its mean, the solid bar its mean on "
            + "the worst paths; they add up to the CVaR), its claims and loan defaults in the horizon's years, and its uncertain parameters' "
            + "draws, with the mean percentile of the worst paths' draws (50 over all paths). <code>stress.csv</code> has every row.</p>\n"
        for t in tests {
            let name = StressLabels.totalName(t, plan)
            let level = "CVaR" + Formatting.trimmed(((1 - t.tail) * 1000).rounded() / 10)
            let caption =
                "\(name) — the worst \(StressTable.percent(t.tail)) of \(Formatting.amount(Double(t.paths))) paths: mean \(ReportNumber.amount(t.total.tailMean)) (\(level)) "
                + "against \(ReportNumber.amount(t.total.allMean)) \(ctx.unit)"
            if !t.reproduced {
                body +=
                    "<p class=\"note\">Simulating the paths again did not give the totals the run kept: the counts and draws may not match the tail.</p>\n"
            }
            let payments = t.rows.filter { $0.kind == .payment }
            if !payments.isEmpty {
                let color = t.series.scope == .government ? FunderPalette.total : ctx.color(t.series.funder)
                var chart = ContributionChart(
                    title: caption,
                    bars: payments.sorted { $0.tailMean > $1.tailMean }.map {
                        .init(label: StressLabels.programName($0, s), mean: $0.allMean, cvar95: $0.tailMean, share: StressLabels.shareOfTail($0, t))
                    }, color: color, unit: ctx.unit)
                chart.tailName = "mean on the worst paths"
                chart.tailTotal = level
                body += Figure.html(
                    chart.svg, caption: caption,
                    legend: [("mean over all paths", .swatch(FunderPalette.shade(color, 0.55))), ("mean on the worst paths", .swatch(color))])
            }
            body += table(t, plan, caption: caption, ctx) + "\n"
        }
        return HTMLSection(id: "bad-years", title: title, body: body)
    }

    static func table(_ t: StressTest, _ plan: SimulationPlan, caption: String, _ ctx: ReportContext) -> String {
        let s = plan.scenario
        var table = HTMLTable(
            caption: caption,
            header: [
                [
                    .text("program"), .text("measure"), .text("path"), .number("worst paths"), .number("all paths"), .number("ratio"),
                    .number("share"), .number("percentile"),
                ]
            ])
        table.className = "compact"
        for row in t.rows {
            table.add([
                .text(StressLabels.programName(row, s), lang: "zh-Hans"), .text(StressLabels.measure(row, t, s), lang: "zh-Hans"),
                HTMLTable.Cell(html: "<code>\(HTML.escape(StressLabels.path(row, t, s)))</code>"),
                .number(StressTable.value(row.tailMean, row)), .number(StressTable.value(row.allMean, row)),
                .number(StressLabels.ratio(row).map { Formatting.trimmed(($0 * 100).rounded() / 100) + "×" } ?? ""),
                .number(StressLabels.shareOfTail(row, t).map(ReportNumber.percent) ?? ""),
                .number(row.tailPercentile.map { String(Int($0.rounded())) } ?? ""),
            ])
        }
        return table.rendered
    }
}
