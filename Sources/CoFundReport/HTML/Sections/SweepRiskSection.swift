import CoFundEngine
import CoFundModel

/// The sweep page's risk table: at every point, the government total's p95 over the horizon with
/// its batch-means 95% interval, and each budget line's chance of being exceeded in at least one
/// year with its binomial 95% interval.
enum SweepRiskSection {
    static let title = "Government p95 and budget lines"

    static func render(_ parameters: [String], _ points: [SweepCSV.Point], _ first: SimulationResult, _ ctx: ReportContext) -> HTMLSection {
        let government = first.plan.layout.hasGovernment
        let lines = first.plan.lines.map { (id: $0.id, funder: $0.funder, name: $0.name) }
        guard government || !lines.isEmpty else {
            return HTMLSection(
                id: "sweep-risk", title: title, body: "<p class=\"note\">The scenario has neither a fiscal funder nor a budget line.</p>")
        }
        let points100 = { (v: Double) in Formatting.amount(100 * v, decimals: 1) }
        var table = HTMLTable(
            caption:
                "At every point: the government's \(ctx.horizon) p95, \(ctx.unit), and each line's chance of being exceeded in at least one year",
            header: [
                parameters.map { .text($0) } + (government ? [.number("government p95"), .number("95% interval")] : [])
                    + lines.map { .number("P(over) \(ctx.funderName($0.funder)), \($0.name)") }
            ])
        for p in points {
            let r = p.result
            var cells: [HTMLTable.Cell] = p.values.map { .text($0) }
            if government {
                let index = r.plan.layout.index(program: nil, funder: Funder.governmentID, year: .total)
                cells.append(.number(index.map { ReportNumber.amount(r.statistics[$0].p95) } ?? ""))
                cells.append(
                    .number(
                        index.flatMap { r.p95Interval(series: $0) }.map {
                            "[\(ReportNumber.amount($0.lowerBound)), \(ReportNumber.amount($0.upperBound))]"
                        } ?? ""))
            }
            for line in lines {
                guard let l = r.plan.lines.firstIndex(where: { $0.id == line.id && $0.funder == line.funder }) else {
                    cells.append(.number(""))
                    continue
                }
                let se = r.lineProbabilityOverSE(line: l)
                cells.append(.number("\(points100(r.lineBudgets[l].probabilityOver))% ± \(points100(1.96 * se)) pp"))
            }
            table.add(cells)
        }
        let body =
            "<p class=\"note\">The government's p95 is taken over all paths; its interval is by batch means (the paths cut into "
            + "\(BatchMeans.batches) batches, their p95s' mean ± t·sd/√\(BatchMeans.batches)). A line's chance carries ± 1.96 binomial "
            + "standard errors √(p(1 − p)/N).</p>\n" + table.rendered
        return HTMLSection(id: "sweep-risk", title: title, body: body)
    }
}
