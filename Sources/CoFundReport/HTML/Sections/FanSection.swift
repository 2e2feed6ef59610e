import CoFundEngine
import CoFundModel

/// Section 3: one small fan chart per funder — the p05–p95 band, the median and the mean by year.
enum FanSection {
    static let id = "spread"
    static let title = "Spread of yearly exposure"

    static func render(_ r: SimulationResult, _ ctx: ReportContext) -> HTMLSection {
        var body =
            "<p class=\"note\">For each funder, the yearly payments over the paths: the band holds 90% of paths (p05 to p95), "
            + "the solid line is the median and the dashed line the mean, in \(ctx.unit). Each chart has its own scale.</p>\n"
        body += Figure.legendHTML([
            ("p05–p95", .band("#777777")), ("median (p50)", .stroke("#777777", dashed: false)),
            ("mean", .stroke(FanChart.meanColor, dashed: true)),
        ])
        body += "<div class=\"grid\">\n"
        for f in r.plan.layout.funders + [nil] as [String?] {
            let points = ctx.yearSlots.map { y -> FanChart.Point in
                let st = r.statistics(program: nil, funder: f, year: y)
                return FanChart.Point(p05: st?.p05 ?? 0, p50: st?.p50 ?? 0, p95: st?.p95 ?? 0, mean: st?.mean ?? 0)
            }
            let name = ctx.funderName(f)
            let chart = FanChart(
                title: "\(name): yearly exposure, \(ctx.unit)", categories: ctx.yearLabels, points: points, color: ctx.color(f), unit: ctx.unit)
            body += Figure.html(chart.svg, caption: name) + "\n"
        }
        body += "</div>"
        return HTMLSection(id: id, title: title, body: body)
    }
}
