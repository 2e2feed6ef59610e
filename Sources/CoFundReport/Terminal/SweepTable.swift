import CoFundEngine
import CoFundModel

/// What `cofund sweep` prints: each funder's horizon total (mean and p95) at every point, then the
/// government total's p95 with its batch-means 95% interval and each budget line's chance of
/// being exceeded in at least one year with its binomial 95% interval.
public enum SweepTable {
    public static func render(parameters: [String], points: [SweepCSV.Point]) -> String {
        guard let first = points.first?.result else { return "" }
        let s = first.scenario
        var out = [
            "\(s.title) (\(s.id)) · sweep of \(parameters.joined(separator: " × ")) · \(Formatting.amount(Double(first.paths))) paths per point on common random numbers",
            "Each funder's \(s.years.lowerBound)–\(s.years.upperBound) total, in \(s.unit.label): mean / p95.", "",
        ]
        let funders = first.plan.layout.funders + (first.plan.layout.hasGovernment ? [Funder.governmentID] : [])
        var table = TextTable(
            header: parameters + funders.map { s.reportedFunderName($0) } + ["all funders"],
            rightAligned: Set(parameters.count..<(parameters.count + funders.count + 1)))
        // Swept values as written (a YAML map can be long) and funder names in the header.
        table.maxWidths = Dictionary(uniqueKeysWithValues: (0..<(parameters.count + funders.count)).map { ($0, TerminalText.nameWidth) })
        for p in points {
            let cells = (funders + [nil] as [String?]).map { f in
                p.result.statistics(program: nil, funder: f, year: .total).map {
                    "\(Formatting.amount($0.mean, decimals: 0)) / \(Formatting.amount($0.p95, decimals: 0))"
                } ?? ""
            }
            table.add(p.values + cells)
        }
        out.append(table.rendered)
        if let risk = risk(parameters: parameters, points: points) {
            out += [
                "",
                "The government's p95 over the horizon with its 95% interval (batch means over \(BatchMeans.batches) batches of paths), "
                    + "and each budget line's chance of being exceeded in at least one year (± 1.96 binomial standard errors).",
                "", risk,
            ]
        }
        return TerminalText.escaped(out.joined(separator: "\n"), keepingLineBreaks: true)
    }

    /// The government p95 and the lines' chances at every point; nil when the scenario has neither.
    static func risk(parameters: [String], points: [SweepCSV.Point]) -> String? {
        guard let first = points.first?.result else { return nil }
        let government = first.plan.layout.hasGovernment
        // Lines by id and funder, as the first point names them; a point without one shows nothing.
        let lines = first.plan.lines.map { (id: $0.id, funder: $0.funder, name: $0.name) }
        guard government || !lines.isEmpty else { return nil }
        let header = parameters + (government ? ["government p95 [95% interval]"] : []) + lines.map { "P(over) \($0.funder), \($0.name)" }
        var table = TextTable(header: header, rightAligned: Set(parameters.count..<header.count))
        table.maxWidths = Dictionary(uniqueKeysWithValues: header.indices.map { ($0, TerminalText.nameWidth) })
        let d = { (v: Double) in Formatting.amount(v, decimals: 0) }
        for p in points {
            let r = p.result
            var cells: [String] = []
            if government {
                let index = r.plan.layout.index(program: nil, funder: Funder.governmentID, year: .total)
                cells.append(
                    index.map { i in
                        d(r.statistics[i].p95) + (r.p95Interval(series: i).map { " [\(d($0.lowerBound)), \(d($0.upperBound))]" } ?? "")
                    } ?? "")
            }
            for line in lines {
                guard let l = r.plan.lines.firstIndex(where: { $0.id == line.id && $0.funder == line.funder }) else {
                    cells.append("")
                    continue
                }
                let pOver = r.lineBudgets[l].probabilityOver
                let se = r.lineProbabilityOverSE(line: l)
                cells.append("\(Formatting.amount(100 * pOver, decimals: 1))% ±\(Formatting.amount(196 * se, decimals: 1)) pp")
            }
            table.add(p.values + cells)
        }
        return table.rendered
    }
}
