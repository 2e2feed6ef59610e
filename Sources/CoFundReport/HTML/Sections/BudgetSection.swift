import CoFundEngine
import CoFundModel

/// Section 5: every appropriation, with each year's chance that demand exceeds it and the
/// expected overrun (with pro-rata rationing, the expected unpaid demand).
enum BudgetSection {
    static let id = "budgets"
    static let title = "Budgets at risk"

    /// Budget cells grouped by (program, funder), in the plan's order.
    static func groups(_ r: SimulationResult) -> [(program: Int, funder: String, cells: [Int])] {
        var out: [(program: Int, funder: String, cells: [Int])] = []
        for (i, cell) in r.plan.budgetCells.enumerated() {
            if let last = out.last, last.program == cell.program, last.funder == cell.funder {
                out[out.count - 1].cells.append(i)
            } else {
                out.append((cell.program, cell.funder, [i]))
            }
        }
        return out
    }

    static func render(_ r: SimulationResult, _ ctx: ReportContext) -> HTMLSection {
        let s = r.scenario
        let groups = groups(r)
        guard !groups.isEmpty else {
            return HTMLSection(
                id: id, title: title,
                body:
                    "<p class=\"note\">The scenario sets no appropriations (no program has a <code>budget</code>), so there is no budget risk to report.</p>"
            )
        }
        var body =
            "<p class=\"note\">For each appropriation (a funder's annual budget for one program, in \(ctx.unit)): in each year, the chance that demand exceeds it, "
            + "P(over), and the expected overrun E[max(demand − budget, 0)] in \(ctx.unit); under pro-rata rationing the overrun is the expected unpaid demand. "
            + "The last columns give the chance of exceeding it in at least one year and the expected excess over \(ctx.horizon). Shaded: P(over) of 10% or more; darker: 50% or more.</p>\n"
        let years = ctx.yearLabels
        var table = HTMLTable(
            caption: "Budget risk by year; budgets and overruns in \(ctx.unit)",
            header: [
                [.spanning("program", rows: 2), .spanning("funder", rows: 2), .spanning("budget a year", rows: 2, numeric: true)]
                    + years.map { .group($0, colspan: 2) } + [.group(ctx.horizon, colspan: 2)],
                Array(repeating: [HTMLTable.Cell.number("P(over)"), .number("overrun")], count: years.count + 1).flatMap { $0 },
            ])
        table.className = "compact"
        for g in groups {
            let p = s.programs[g.program]
            var row: [HTMLTable.Cell] = [
                .text(p.name + (p.rationing == .proRata ? " (pro rata)" : ""), lang: "zh-Hans", className: "name"),
                .text(ctx.funderName(g.funder), lang: "zh-Hans", className: "who"),
                .number(ReportNumber.amount(r.plan.budgetCells[g.cells[0]].amount)),
            ]
            for y in 0..<years.count {
                if let c = g.cells.first(where: { r.plan.budgetCells[$0].year == y }) {
                    let b = r.budgets[c]
                    row += [
                        .number(ReportNumber.percent(b.probabilityOver), className: riskClass(b.probabilityOver)),
                        .number(ReportNumber.amount(b.expectedOverrun)),
                    ]
                } else {
                    row += [.number(""), .number("")]
                }
            }
            if let h = r.horizonBudgetRisk(program: g.program, funder: g.funder) {
                row += [
                    .number(ReportNumber.percent(h.probabilityAnyYear), className: riskClass(h.probabilityAnyYear)),
                    .number(ReportNumber.amount(h.expectedExcess)),
                ]
            } else {
                row += [.number(""), .number("")]
            }
            table.add(row)
        }
        body += table.rendered
        return HTMLSection(id: id, title: title, body: body)
    }

    static func riskClass(_ p: Double) -> String? {
        p >= 0.5 ? "alert" : (p >= 0.1 ? "warn" : nil)
    }
}
