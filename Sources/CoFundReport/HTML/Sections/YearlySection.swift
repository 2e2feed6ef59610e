import CoFundEngine
import CoFundModel

/// Section 2: expected exposure per year, the fiscal funders stacked (the bar is the government
/// total), the funders that are not fiscal (banks) in a smaller chart of their own, and the table
/// of the same numbers.
enum YearlySection {
    static let id = "by-year"
    static let title = "Expected exposure by year"

    static func render(_ r: SimulationResult, _ ctx: ReportContext) -> HTMLSection {
        let funders = r.plan.layout.funders
        let fiscal = funders.filter { r.scenario.funder($0)?.fiscal ?? true }
        let apart = funders.filter { !fiscal.contains($0) }
        func series(_ ids: [String]) -> [StackedBarChart.Series] {
            ids.map { f in
                StackedBarChart.Series(
                    name: ctx.funderName(f), color: ctx.color(f),
                    values: ctx.yearSlots.map { r.statistics(program: nil, funder: f, year: $0)?.mean ?? 0 })
            }
        }
        var body = ""
        if !fiscal.isEmpty {
            let stacked = series(fiscal)
            let chart = StackedBarChart(
                title: "Expected fiscal exposure by funder and year, \(ctx.unit)", categories: ctx.yearLabels, series: stacked, unit: ctx.unit)
            body +=
                "<p class=\"note\">The expected (mean) payments of each fiscal funder in each year, stacked; the figure on each bar is the year's government total, in \(ctx.unit).</p>\n"
            body += Figure.html(
                chart.svg, caption: "Expected fiscal exposure by funder, \(ctx.unit)", legend: stacked.map { ($0.name, .swatch($0.color)) })
        }
        if !apart.isEmpty {
            let bank = series(apart)
            let chart = StackedBarChart(
                title: "Expected exposure of the funders that are not fiscal, \(ctx.unit)", categories: ctx.yearLabels, series: bank,
                unit: ctx.unit, height: 200)
            body +=
                "<p class=\"note\">Not fiscal and not in the government total: \(apart.map { HTML.escape(ctx.funderName($0)) }.joined(separator: ", ")), on a scale of its own.</p>\n"
            body += Figure.html(
                chart.svg, caption: "Expected exposure of the funders that are not fiscal, \(ctx.unit)",
                legend: bank.map { ($0.name, .swatch($0.color)) })
        }
        var table = HTMLTable(
            caption: "Expected exposure, \(ctx.unit) (mean over paths; \"after\" is paid after \(r.scenario.years.upperBound))",
            header: [[.text("funder")] + (ctx.yearLabels + ["total", "after"]).map { .number($0) }])
        let government = r.plan.layout.hasGovernment
        let rows: [String?] = fiscal + (government ? [Funder.governmentID] : []) + apart + [nil]
        for f in rows {
            let cells = (ctx.yearSlots + [.total, .after]).map { y in
                HTMLTable.Cell.number(r.statistics(program: nil, funder: f, year: y).map { ReportNumber.amount($0.mean) } ?? "")
            }
            let sum = f == nil || f == Funder.governmentID
            table.add([.text(ctx.funderName(f), lang: "zh-Hans")] + cells, className: sum ? "total" : nil)
        }
        body += table.rendered
        return HTMLSection(id: id, title: title, body: body)
    }
}
