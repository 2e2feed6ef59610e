import CoFundEngine
import CoFundModel

/// What `cofund sweep` prints: each funder's horizon total (mean and p95) at every point.
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
        return TerminalText.escaped(out.joined(separator: "\n"), keepingLineBreaks: true)
    }
}
