import CoFundEngine
import CoFundModel

/// Section 2: expected exposure by funder per year, stacked, with the table of the same numbers.
enum YearlySection {
    static let id = "by-year"
    static let title = "Expected exposure by year"

    static func render(_ r: SimulationResult, _ ctx: ReportContext) -> HTMLSection {
        let funders = r.plan.layout.funders
        let series = funders.map { f in
            StackedBarChart.Series(
                name: ctx.funderName(f), color: ctx.color(f),
                values: ctx.yearSlots.map { r.statistics(program: nil, funder: f, year: $0)?.mean ?? 0 })
        }
        let chart = StackedBarChart(
            title: "Expected exposure by funder and year, \(ctx.unit)", categories: ctx.yearLabels, series: series, unit: ctx.unit)
        var body =
            "<p class=\"note\">The expected (mean) payments of each funder in each year, stacked; the figure on each bar is the year's total, in \(ctx.unit).</p>\n"
        body += Figure.html(chart.svg, caption: "Expected exposure by funder, \(ctx.unit)", legend: series.map { ($0.name, .swatch($0.color)) })
        var table = HTMLTable(
            caption: "Expected exposure, \(ctx.unit) (mean over paths; \"after\" is paid after \(r.scenario.years.upperBound))",
            header: [[.text("funder")] + (ctx.yearLabels + ["total", "after"]).map { .number($0) }])
        for f in funders + [nil] as [String?] {
            let cells = (ctx.yearSlots + [.total, .after]).map { y in
                HTMLTable.Cell.number(r.statistics(program: nil, funder: f, year: y).map { ReportNumber.amount($0.mean) } ?? "")
            }
            table.add([.text(ctx.funderName(f), lang: "zh-Hans")] + cells, className: f == nil ? "total" : nil)
        }
        body += table.rendered
        return HTMLSection(id: id, title: title, body: body)
    }
}
