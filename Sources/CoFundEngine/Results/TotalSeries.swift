import CoFundModel

/// One horizon total whose bad years can be examined — a funder's, the government's or a budget
/// line's demand — with the programs' per-path parts that add up to it path by path.
public struct TotalSeries: Sendable {
    public var scope: RiskContributions.Scope
    /// The funder's id, `Funder.governmentID`, or the budget line's id.
    public var id: String
    /// The funder whose payments make the total: the line's funder for a line.
    public var funder: String
    /// Index into `SimulationPlan.lines` for a line; nil otherwise.
    public var line: Int?
    /// The total on each path.
    public var total: [Double]
    /// Index into `SimulationPlan.valueCount` of the total's value on a path.
    public var valueIndex: Int
    /// The programs paying into the total, in the scenario's order, and each one's part per path.
    public var programs: [Int]
    public var parts: [[Double]]

    /// Every funder's, the government's and every budget line's horizon total, in that order.
    public static func all(_ r: SimulationResult, _ values: PathValues) -> [TotalSeries] {
        let layout = r.plan.layout
        let programs = r.scenario.programs.indices
        var out: [TotalSeries] = []
        var funders = layout.funders.map { (RiskContributions.Scope.funder, $0) }
        if layout.hasGovernment { funders.append((.government, Funder.governmentID)) }
        for (scope, f) in funders {
            guard let t = layout.index(program: nil, funder: f, year: .total) else { continue }
            let members = programs.compactMap { p in layout.index(program: p, funder: f, year: .total).map { (p, values.series[$0]) } }
            out.append(
                TotalSeries(
                    scope: scope, id: f, funder: f, line: nil, total: values.series[t], valueIndex: t, programs: members.map(\.0),
                    parts: members.map(\.1)))
        }
        for l in r.plan.lines.indices {
            guard let s = line(r, values, line: l) else { continue }
            out.append(s)
        }
        return out
    }

    /// The totals named `id`: a funder id, `government`, or a budget line id (a program's own
    /// budget names one line per funder); empty when nothing has that id.
    public static func of(_ r: SimulationResult, _ values: PathValues, id: String) -> [TotalSeries] {
        all(r, values).filter { $0.id == id }
    }

    /// Budget line `l`: the total is the line's demand over the horizon (the sum of its years with
    /// an appropriation, before rationing); program p's part is its payment by the line's funder
    /// in those years, plus its part of what rationing left unpaid (the year's demand minus what
    /// the covered programs paid), shared in proportion to what each paid that year — exactly the
    /// program's own demand under one pro-rata line — or equally when none was paid.
    static func line(_ r: SimulationResult, _ values: PathValues, line l: Int) -> TotalSeries? {
        let plan = r.plan
        let line = plan.lines[l]
        let members = plan.lineMembers[l].map(\.program)
        guard !members.isEmpty else { return nil }
        let n = values.paths
        var parts = [[Double]](repeating: [Double](repeating: 0, count: n), count: members.count)
        for c in plan.budgetGroups[l] {
            let demand = values.series[plan.budgetRows.demand(cell: c)]
            let paid = members.map { p in
                plan.layout.index(program: p, funder: line.funder, year: .year(plan.budgetCells[c].year)).map { values.series[$0] }
            }
            for i in 0..<n {
                var sum = 0.0
                for m in members.indices { sum += paid[m]?[i] ?? 0 }
                let unpaid = demand[i] - sum
                for m in members.indices {
                    let own = paid[m]?[i] ?? 0
                    parts[m][i] += own + (sum != 0 ? unpaid * own / sum : unpaid / Double(members.count))
                }
            }
        }
        let t = plan.budgetRows.demand(line: l)
        return TotalSeries(
            scope: .line, id: line.id, funder: line.funder, line: l, total: values.series[t], valueIndex: t, programs: members, parts: parts)
    }
}
