import CoFundEngine
import CoFundModel

/// The sections of the sweep page.
extension SweepPage {
    /// The x axis: the first parameter's values as numbers when every one is a number.
    static func xAxis(_ values: [String]) -> (axis: LineChart.XAxis, x: (String) -> Double) {
        let unique = values.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
        if unique.allSatisfy({ Double($0) != nil }) { return (.numeric, { Double($0) ?? 0 }) }
        return (.categories(unique), { v in Double(unique.firstIndex(of: v) ?? 0) })
    }

    static func charts(_ parameters: [String], _ points: [SweepCSV.Point], _ first: SimulationResult, _ ctx: ReportContext) -> HTMLSection {
        let (axis, xOf) = xAxis(points.map { $0.values[0] })
        let second = parameters.count > 1 ? points.map { $0.values[1] }.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } } : [""]
        var body =
            "<p class=\"note\">Each funder's expected payments (solid) and 1-in-20 bad case, p95 (dashed), over \(ctx.horizon), in \(ctx.unit), "
            + "against <code>\(HTML.escape(parameters[0]))</code>. Every point runs on the same random numbers, so the curves are smooth.</p>\n"
        var legend: [(String, Figure.Key)] = [("mean", .stroke("#555555", dashed: false)), ("p95", .stroke("#555555", dashed: true))]
        if parameters.count > 1 {
            legend += second.enumerated().map { ("\(parameters[1]) = \($1)", .shape(LineChart.MarkerShape.at($0))) }
        }
        body += Figure.legendHTML(legend)
        body += "<div class=\"grid wide\">\n"
        for f in first.plan.layout.funders + [nil] as [String?] {
            var lines: [LineChart.Line] = []
            for (k, w) in second.enumerated() {
                let pts = points.filter { parameters.count == 1 || $0.values[1] == w }
                let stats = pts.map { ($0, $0.result.statistics(program: nil, funder: f, year: .total)) }
                let suffix = parameters.count > 1 ? " (\(parameters[1]) = \(w))" : ""
                lines.append(
                    .init(
                        name: "mean\(suffix)", color: ctx.color(f), dash: nil, marker: .at(k),
                        points: stats.map { (xOf($0.0.values[0]), $0.1?.mean ?? 0) }))
                lines.append(
                    .init(
                        name: "p95\(suffix)", color: ctx.color(f), dash: "6 4", marker: .at(k),
                        points: stats.map { (xOf($0.0.values[0]), $0.1?.p95 ?? 0) }))
            }
            let name = ctx.funderName(f)
            let chart = LineChart(
                title: "\(name): \(ctx.horizon) total against \(parameters[0]), \(ctx.unit)", lines: lines, xAxis: axis,
                xTitle: parameters[0], unit: ctx.unit)
            body += Figure.html(chart.svg, caption: name) + "\n"
        }
        body += "</div>"
        return HTMLSection(id: "sweep-charts", title: chartTitle, body: body)
    }

    static func table(_ parameters: [String], _ points: [SweepCSV.Point], _ first: SimulationResult, _ ctx: ReportContext) -> HTMLSection {
        let funders = first.plan.layout.funders + [nil] as [String?]
        var table = HTMLTable(
            caption: "Each funder's \(ctx.horizon) total at every point, \(ctx.unit): mean / p95",
            header: [
                parameters.map { HTMLTable.Cell(html: "<code>\(HTML.escape($0))</code>") }
                    + funders.map { .number(ctx.funderName($0)) }
            ])
        for p in points {
            table.add(
                p.values.map { HTMLTable.Cell.text($0) }
                    + funders.map { f in
                        .number(
                            p.result.statistics(program: nil, funder: f, year: .total).map {
                                "\(ReportNumber.amount($0.mean)) / \(ReportNumber.amount($0.p95))"
                            } ?? "")
                    })
        }
        return HTMLSection(id: "sweep-table", title: tableTitle, body: table.rendered)
    }
}
