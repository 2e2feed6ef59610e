extension KeptPathsRun {
    /// Per path, whether a budget was exceeded (1 or 0) and by how much, max(demand − budget, 0).
    public struct BudgetPaths: Sendable {
        public var over: [Double]
        public var excess: [Double]
    }

    /// Line `l`'s paths in each year it has an appropriation (by year index from the first year),
    /// and over the horizon: exceeded in at least one year, the excess summed over the years — the
    /// per-path quantities whose means are `SimulationResult.budgets` and `lineBudgets`.
    public func budgetPaths(line l: Int) -> (years: [Int: BudgetPaths], any: BudgetPaths) {
        let plan = result.plan
        let n = values.paths
        var years: [Int: BudgetPaths] = [:]
        var any = BudgetPaths(over: [Double](repeating: 0, count: n), excess: [Double](repeating: 0, count: n))
        for c in plan.budgetGroups[l] {
            let cell = plan.budgetCells[c]
            let demand = values.series[plan.budgetRows.demand(cell: c)]
            var paths = BudgetPaths(over: [Double](repeating: 0, count: n), excess: [Double](repeating: 0, count: n))
            for i in 0..<n {
                let d = demand[i] - cell.amount
                guard d > 0 else { continue }
                paths.over[i] = 1
                paths.excess[i] = d
                any.over[i] = 1
                any.excess[i] += d
            }
            years[cell.year] = paths
        }
        return (years, any)
    }
}
