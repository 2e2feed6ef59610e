import CoFundModel

/// The chance that demand exceeds a budget (`BudgetStatistics.probabilityOver`) with its standard
/// error, and again with the closed-form expected demand (`ClosedFormMeans.demands`) as a control
/// variate: p̂ − β(D̄ − E[D]), β the regression slope of the indicator on the demand D. The more the
/// demand decides the overrun, the less error is left: the residual's standard error. For a line
/// over the horizon, the indicator is an overrun in some year and D the demand summed over its years.
public struct BudgetControl: Sendable, Equatable {
    /// √(p(1 − p)/N), the plain estimate's binomial standard error.
    public var se: Double
    /// nil without a closed-form demand or without the paths' values.
    public var controlled: Double?
    public var controlledSE: Double?

    /// Every budget cell's and every line's, in the order of `SimulationPlan.budgetCells` and
    /// `SimulationPlan.lines`.
    public static func all(_ r: SimulationResult, _ means: ClosedFormMeans) -> (cells: [BudgetControl], lines: [BudgetControl]) {
        let plan = r.plan
        let n = r.paths
        let rows = plan.budgetRows
        let values: PathValues? = if case let .paths(v) = r.kept { v } else { nil }
        let cells = plan.budgetCells.indices.map { c -> BudgetControl in
            let p = r.budgets[c].probabilityOver
            guard let values, let mu = means.demands[c] else { return BudgetControl(se: binomial(p, n)) }
            let demand = values.series[rows.demand(cell: c)]
            let amount = plan.budgetCells[c].amount
            return controlled(p, indicator: demand.map { $0 > amount ? 1 : 0 }, control: demand, mean: mu)
        }
        let lines = plan.lines.indices.map { l -> BudgetControl in
            let p = r.lineBudgets[l].probabilityOver
            let members = plan.budgetGroups[l]
            let mus = members.map { means.demands[$0] }
            guard let values, !members.isEmpty, mus.allSatisfy({ $0 != nil }) else { return BudgetControl(se: binomial(p, n)) }
            var total = [Double](repeating: 0, count: n)
            var over = [Double](repeating: 0, count: n)
            for c in members {
                let demand = values.series[rows.demand(cell: c)]
                let amount = plan.budgetCells[c].amount
                for i in 0..<n {
                    total[i] += demand[i]
                    if demand[i] > amount { over[i] = 1 }
                }
            }
            return controlled(p, indicator: over, control: total, mean: mus.reduce(0) { $0 + $1! })
        }
        return (cells, lines)
    }

    static func binomial(_ p: Double, _ n: Int) -> Double { n > 0 ? (p * (1 - p) / Double(n)).squareRoot() : 0 }

    static func controlled(_ p: Double, indicator: [Double], control: [Double], mean mu: Double) -> BudgetControl {
        guard indicator.count > 2 else { return BudgetControl(se: binomial(p, indicator.count)) }
        let (value, se) = ControlRegression(y: indicator, x: control).estimate(controlMean: mu)
        return BudgetControl(se: binomial(p, indicator.count), controlled: value, controlledSE: se)
    }
}
