extension SimulationResult {
    /// The chance that a funder's demand exceeds its appropriation for a program in at least one
    /// year of the horizon, and the expected total excess; nil without an appropriation.
    public func horizonBudgetRisk(program: Int, funder: String) -> (probabilityAnyYear: Double, expectedExcess: Double)? {
        guard let g = plan.budgetGroups.firstIndex(where: { plan.budgetCells[$0[0]].program == program && plan.budgetCells[$0[0]].funder == funder }),
            paths > 0
        else { return nil }
        let values: PathValues
        switch kept {
        case let .sketches(a):
            let n = Double(paths)
            return (Double(a.blocks.reduce(0) { $0 + $1.anyOver[g] }) / n, a.blocks.reduce(0) { $0 + $1.anyExcess[g] } / n)
        case let .paths(v): values = v
        }
        let cells = plan.budgetGroups[g]
        var any = 0
        var excess = 0.0
        for i in 0..<paths {
            var over = false
            for c in cells {
                let d = values.demand[c][i] - plan.budgetCells[c].amount
                if d > 0 { over = true; excess += d }
            }
            if over { any += 1 }
        }
        return (Double(any) / Double(paths), excess / Double(paths))
    }
}
