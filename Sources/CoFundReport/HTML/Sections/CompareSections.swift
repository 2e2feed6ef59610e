import CoFundEngine
import CoFundModel

/// The sections of the comparison page.
enum CompareSections {
    static let funderTitle = "Change by funder"
    static let yearTitle = "Change by year"
    static let programTitle = "Programs that move each funder most"

    /// Funders of either run, the baseline's order first.
    static func funders(_ c: PairedComparison) -> [String] {
        let present = Set(c.rows.compactMap(\.key.funder))
        return (c.base.plan.layout.funders + c.reform.plan.layout.funders.filter { !c.base.plan.layout.funders.contains($0) })
            .filter { present.contains($0) }
    }

    static func byFunder(_ c: PairedComparison, _ funders: [String], _ ctx: ReportContext) -> HTMLSection {
        var rows: [IntervalChart.Row] = []
        var table = HTMLTable(
            caption: "Each funder's \(ctx.horizon) total, \(ctx.unit): reform − baseline, mean with its 95% interval (± 1.96 standard errors)",
            header: [
                [.text("funder")]
                    + ["baseline", "reform", "change", "95% interval", "p95 baseline", "p95 reform", "p95 change", "p95 95% interval"].map {
                        .number($0)
                    }
            ])
        for f in funders + [Funder.governmentID, nil] as [String?] {
            guard let row = c.row(SeriesKey(program: nil, funder: f, year: .total)) else { continue }
            let ci = row.interval95
            rows.append(.init(label: ctx.funderName(f), color: ctx.color(f), value: row.delta.mean, low: ci.lowerBound, high: ci.upperBound))
            table.add(
                [
                    .text(ctx.funderName(f), lang: "zh-Hans"), .number(ReportNumber.amount(row.base.mean)),
                    .number(ReportNumber.amount(row.reform.mean)),
                    .number(ReportNumber.signed(row.delta.mean)),
                    .number("[\(ReportNumber.signed(ci.lowerBound)), \(ReportNumber.signed(ci.upperBound))]"),
                    .number(ReportNumber.amount(row.base.p95)), .number(ReportNumber.amount(row.reform.p95)),
                    .number(ReportNumber.signed(row.p95Delta)),
                    .number(row.p95Interval95.map { "[\(ReportNumber.signed($0.lowerBound)), \(ReportNumber.signed($0.upperBound))]" } ?? ""),
                ],
                className: f == nil ? "total" : nil)
        }
        var body =
            "<p class=\"note\">The change in each funder's expected payments over \(ctx.horizon), reform minus baseline, in \(ctx.unit): "
            + "the dot is the mean change, the whisker its 95% confidence interval. Both runs use the same random numbers, so the interval is narrow. "
            + "The change in the p95 is taken over all paths; its interval is by batch means (the paths cut into \(BatchMeans.batches) "
            + "batches, each batch's change in p95, their mean ± t·sd/√\(BatchMeans.batches)).</p>\n"
        if let grand = c.row(SeriesKey(program: nil, funder: nil, year: .total)), let ratio = grand.varianceRatio, ratio > 0 {
            body +=
                "<p class=\"note\">Common random numbers: Var(reform − baseline) is \(ReportNumber.percent(ratio)) of Var(reform) + Var(baseline), "
                + "an error bar \(Formatting.trimmed((1 / ratio.squareRoot() * 10).rounded() / 10))× narrower than two independent runs.</p>\n"
        }
        let chart = IntervalChart(
            title: "Change in each funder's \(ctx.horizon) total, \(ctx.unit)", rows: rows, unit: ctx.unit,
            xTitle: "change over \(ctx.horizon), \(ctx.unit) (reform − baseline)")
        body += Figure.html(chart.svg, caption: "Change over \(ctx.horizon) with 95% intervals, \(ctx.unit)")
        body += table.rendered
        return HTMLSection(id: "change-by-funder", title: funderTitle, body: body)
    }

    static func byYear(_ c: PairedComparison, _ funders: [String], _ ctx: ReportContext) -> HTMLSection {
        var series: [YearIntervalChart.Series] = []
        var table = HTMLTable(
            caption: "Change by year, \(ctx.unit): mean ± half-width of the 95% interval",
            header: [[.text("funder")] + ctx.yearLabels.map { .number($0) } + [.number("after")]])
        for f in funders + [nil] as [String?] {
            let rows = ctx.yearSlots.map { c.row(SeriesKey(program: nil, funder: f, year: $0)) }
            if f != nil {
                series.append(
                    .init(
                        name: ctx.funderName(f), color: ctx.color(f),
                        values: rows.map { r in r.map { ($0.delta.mean, $0.interval95.lowerBound, $0.interval95.upperBound) } ?? (0, 0, 0) }))
            }
            let after = c.row(SeriesKey(program: nil, funder: f, year: .after))
            table.add(
                [.text(ctx.funderName(f), lang: "zh-Hans")]
                    + (rows + [after]).map { r in
                        .number(
                            r.map {
                                $0.delta.se > 0
                                    ? "\(ReportNumber.signed($0.delta.mean)) ± \(ReportNumber.amount(1.96 * $0.delta.se))"
                                    : ReportNumber.signed($0.delta.mean)
                            } ?? "")
                    }, className: f == nil ? "total" : nil)
        }
        let chart = YearIntervalChart(title: "Change by funder and year, \(ctx.unit)", categories: ctx.yearLabels, series: series, unit: ctx.unit)
        var body =
            "<p class=\"note\">The change in each funder's payments in each year, reform minus baseline, with 95% intervals, in \(ctx.unit).</p>\n"
        body += Figure.html(chart.svg, caption: "Change by year, \(ctx.unit)", legend: series.map { ($0.name, .swatch($0.color)) })
        body += table.rendered
        return HTMLSection(id: "change-by-year", title: yearTitle, body: body)
    }

    static func byProgram(_ c: PairedComparison, _ funders: [String], _ ctx: ReportContext) -> HTMLSection {
        var table = HTMLTable(
            caption: "The programs with the largest change in each funder's \(ctx.horizon) total, \(ctx.unit)",
            header: [[.text("funder"), .text("program"), .number("baseline"), .number("reform"), .number("change"), .number("± 95%")]])
        for f in funders {
            let moved = c.rows.filter { $0.key.funder == f && $0.key.program != nil && $0.key.year == .total && $0.delta.mean != 0 }
                .sorted { abs($0.delta.mean) > abs($1.delta.mean) }.prefix(3)
            for r in moved {
                table.add([
                    .text(ctx.funderName(f), lang: "zh-Hans"), .text(Names.program(r.key.program, c), lang: "zh-Hans"),
                    .number(ReportNumber.amount(r.base.mean)), .number(ReportNumber.amount(r.reform.mean)),
                    .number(ReportNumber.signed(r.delta.mean)), .number(ReportNumber.amount(1.96 * r.delta.se)),
                ])
            }
        }
        let body =
            table.rows.isEmpty
            ? "<p class=\"note\">No program's payments change: the reform moves nothing.</p>"
            : "<p class=\"note\">Up to three programs per funder, by the size of the change in expected payments over \(ctx.horizon), in \(ctx.unit).</p>\n"
                + table.rendered
        return HTMLSection(id: "change-by-program", title: programTitle, body: body)
    }
}
