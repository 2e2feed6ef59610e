import CoFundEngine
import CoFundModel

/// Section 5: every budget line, with each year's chance that demand exceeds it and the expected
/// excess, the chance over the horizon and what pro-rata rationing leaves unpaid.
enum BudgetSection {
    static let id = "budgets"
    static let title = "Budgets at risk"

    static func render(_ r: SimulationResult, _ ctx: ReportContext) -> HTMLSection {
        let s = r.scenario
        guard !r.plan.lines.isEmpty else {
            return HTMLSection(
                id: id, title: title,
                body:
                    "<p class=\"note\">The scenario sets no appropriations (no <code>budget_lines</code> and no program <code>budget</code>), so there is no budget risk to report.</p>"
            )
        }
        var body =
            "<p class=\"note\">For each budget line (one funder's appropriation covering one or more programs, in \(ctx.unit) a year): in each year, the chance that demand exceeds it, "
            + "P(over), and the expected excess E[max(demand − budget, 0)] in \(ctx.unit). "
            + "The last columns give the chance of exceeding it in at least one year, the expected excess over \(ctx.horizon) and, under pro-rata rationing, what is expected to stay unpaid. "
            + "Lines marked <em>illustrative</em> carry an amount the scenario sets, not one a cited text gives. Shaded: P(over) of 10% or more; darker: 50% or more.</p>\n"
        let years = ctx.yearLabels
        var table = HTMLTable(
            caption: "Budget risk by year; budgets and excesses in \(ctx.unit)",
            header: [
                [
                    .spanning("budget line", rows: 2), .spanning("funder", rows: 2), .spanning("covers", rows: 2),
                    .spanning("budget a year", rows: 2, numeric: true),
                ]
                    + years.map { .group($0, colspan: 2) } + [.group(ctx.horizon, colspan: 3)],
                Array(repeating: [HTMLTable.Cell.number("P(over)"), .number("excess")], count: years.count + 1).flatMap { $0 }
                    + [.number("unpaid")],
            ])
        table.className = "compact"
        for (l, line) in r.plan.lines.enumerated() {
            let covers = line.programs.map { id in s.program(id)?.name ?? id }.joined(separator: "、")
            var row: [HTMLTable.Cell] = [
                .text(
                    line.name + (line.rationing == .proRata ? " (pro rata)" : "") + (line.isIllustrative ? " — illustrative" : ""),
                    lang: "zh-Hans", className: "name"),
                .text(ctx.funderName(line.funder), lang: "zh-Hans", className: "who"),
                .text(covers, lang: "zh-Hans"), .number(budgetText(r, l)),
            ]
            for y in 0..<years.count {
                if let b = r.budget(line: l, year: y) {
                    row += [
                        .number(ReportNumber.percent(b.probabilityOver), className: riskClass(b.probabilityOver)),
                        .number(ReportNumber.amount(b.expectedExcess)),
                    ]
                } else {
                    row += [.number(""), .number("")]
                }
            }
            let h = r.lineBudgets[l]
            row += [
                .number(ReportNumber.percent(h.probabilityOver), className: riskClass(h.probabilityOver)),
                .number(ReportNumber.amount(h.expectedExcess)), .number(ReportNumber.amount(h.expectedUnpaid)),
            ]
            table.add(row)
        }
        body += table.rendered
        return HTMLSection(id: id, title: title, body: body)
    }

    /// The line's yearly amount, or its lowest and highest when they differ.
    static func budgetText(_ r: SimulationResult, _ l: Int) -> String {
        let range = r.plan.amountRange(line: l)
        return range.lowerBound == range.upperBound
            ? ReportNumber.amount(range.lowerBound) : "\(ReportNumber.amount(range.lowerBound))–\(ReportNumber.amount(range.upperBound))"
    }

    static func riskClass(_ p: Double) -> String? {
        p >= 0.5 ? "alert" : (p >= 0.1 ? "warn" : nil)
    }
}
