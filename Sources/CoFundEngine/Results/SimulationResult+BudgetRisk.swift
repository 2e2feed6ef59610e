extension SimulationResult {
    /// The statistics of every budget cell (a line's year) and of every line over the horizon, from
    /// the budget rows every path carries.
    static func budgetStatistics(plan: SimulationPlan, statistics: [SeriesStatistics], kept: KeptValues)
        -> (cells: [BudgetStatistics], lines: [BudgetStatistics])
    {
        let rows = plan.budgetRows
        let cells = plan.budgetCells
        var over = [Double](repeating: 0, count: cells.count)
        var excess = [Double](repeating: 0, count: cells.count)
        var anyOver = [Double](repeating: 0, count: plan.lines.count)
        var anyExcess = [Double](repeating: 0, count: plan.lines.count)
        switch kept {
        case let .sketches(a):
            for b in a.blocks {
                for c in cells.indices {
                    over[c] += Double(b.over[c])
                    excess[c] += b.excess[c]
                }
                for l in plan.lines.indices {
                    anyOver[l] += Double(b.anyOver[l])
                    anyExcess[l] += b.anyExcess[l]
                }
            }
        case let .paths(v):
            for (l, members) in plan.budgetGroups.enumerated() {
                for i in 0..<v.paths {
                    var isOver = false
                    for c in members {
                        let d = v.series[rows.demand(cell: c)][i] - cells[c].amount
                        guard d > 0 else { continue }
                        isOver = true
                        over[c] += 1
                        excess[c] += d
                        anyExcess[l] += d
                    }
                    if isOver { anyOver[l] += 1 }
                }
            }
        }
        let n = Double(Swift.max(kept.paths, 1))
        let perCell = cells.indices.map { c in
            BudgetStatistics(
                budget: cells[c].amount, demand: statistics[rows.demand(cell: c)], probabilityOver: over[c] / n,
                expectedExcess: excess[c] / n, expectedUnpaid: statistics[rows.unpaid(cell: c)].mean)
        }
        let perLine = plan.lines.indices.map { l in
            BudgetStatistics(
                budget: plan.budgetGroups[l].reduce(0) { $0 + cells[$1].amount }, demand: statistics[rows.demand(line: l)],
                probabilityOver: anyOver[l] / n, expectedExcess: anyExcess[l] / n, expectedUnpaid: statistics[rows.unpaid(line: l)].mean)
        }
        return (perCell, perLine)
    }

    /// The budget risk of line `line` in year index `year`, if it has an appropriation that year.
    public func budget(line: Int, year: Int) -> BudgetStatistics? {
        plan.budgetGroups[line].first { plan.budgetCells[$0].year == year }.map { budgets[$0] }
    }
}

extension SimulationResult {
    /// The line that covers `funder`'s payments in program `program` and nothing else — a program's
    /// own `budget:` — whose risk the per-program rows of `summary.csv` and `sweep.csv` carry.
    public func ownLine(program: Int, funder: String) -> Int? {
        let id = plan.programs[program].program.id
        return plan.lines.firstIndex { $0.funder == funder && $0.programs == [id] }
    }
}
