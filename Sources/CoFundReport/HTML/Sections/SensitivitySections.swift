import CoFundEngine
import CoFundModel

/// The sections of the sensitivity page.
extension SensitivityPage {
    static func funderID(_ f: String) -> String? { f == "all" ? nil : f }

    static func charts(_ groups: [(String, [SensitivityAnalysis.Swing])], _ ctx: ReportContext) -> HTMLSection {
        var body =
            "<p class=\"note\">For each funder, its expected payments over \(ctx.horizon), in \(ctx.unit), with one uncertain parameter held at its p10 "
            + "(hollow end) and then at its p90 (filled end) while the others vary as usual; the largest swing on top, the swing written at the right.</p>\n"
        guard !groups.isEmpty else {
            return HTMLSection(
                id: "tornado", title: chartTitle,
                body: body + "<p class=\"note\">The scenario has no uncertain parameter that moves any funder's exposure.</p>")
        }
        let labelWidth = TornadoChart.labelWidth(groups.flatMap { $0.1.prefix(maxBars).map(\.parameter.name) })
        body += Figure.legendHTML([("parameter at its p10", .dot("#555555", hollow: true)), ("parameter at its p90", .dot("#555555", hollow: false))])
        for (f, rows) in groups {
            let name = ctx.funderName(funderID(f))
            let chart = TornadoChart(
                title: "\(name): expected \(ctx.horizon) total by uncertain parameter, \(ctx.unit)",
                bars: rows.prefix(maxBars).map {
                    .init(label: $0.parameter.name, lowValue: $0.lowValue, highValue: $0.highValue, atLow: $0.low.mean, atHigh: $0.high.mean)
                },
                color: ctx.color(funderID(f)), unit: ctx.unit, xTitle: "expected total over \(ctx.horizon), \(ctx.unit)", labelWidth: labelWidth)
            body += Figure.html(chart.svg, caption: name + (rows.count > maxBars ? " (the \(maxBars) largest of \(rows.count))" : "")) + "\n"
        }
        return HTMLSection(id: "tornado", title: chartTitle, body: body)
    }

    static func table(_ groups: [(String, [SensitivityAnalysis.Swing])], _ ctx: ReportContext) -> HTMLSection {
        var table = HTMLTable(
            caption: "Each funder's \(ctx.horizon) total with one parameter at its p10 and at its p90, \(ctx.unit)",
            header: [
                [
                    .text("funder"), .number("#"), .text("parameter"), .text("distribution"), .number("p10 → p90"),
                    .number("mean at p10"), .number("mean at p90"), .number("swing"), .number("p95 swing"),
                ]
            ])
        for (f, rows) in groups {
            for (i, w) in rows.enumerated() {
                table.add([
                    .text(ctx.funderName(funderID(f)), lang: "zh-Hans"), .number(String(i + 1)),
                    HTMLTable.Cell(html: "<code>\(HTML.escape(w.parameter.name))</code>"),
                    .text(w.parameter.distribution.name), .number("\(Formatting.trimmed(w.lowValue)) → \(Formatting.trimmed(w.highValue))"),
                    .number(ReportNumber.amount(w.low.mean)), .number(ReportNumber.amount(w.high.mean)),
                    .number(ReportNumber.signed(w.meanSwing)), .number(ReportNumber.signed(w.p95Swing)),
                ])
            }
        }
        return HTMLSection(id: "ranking", title: tableTitle, body: table.rows.isEmpty ? "<p class=\"note\">Nothing to rank.</p>" : table.rendered)
    }
}
