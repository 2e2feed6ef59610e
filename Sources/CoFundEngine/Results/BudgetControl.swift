import CoFundModel

/// The chance that demand exceeds a budget (`BudgetStatistics.probabilityOver`) with its standard
/// error, and again with the closed-form expected demand (`ClosedFormMeans.demands`) as a control
/// variate: p̂ − β(D̄ − E[D]), β the regression slope of the indicator on the demand D. The more the
/// demand decides the overrun, the less error is left: the residual's standard error. For a line
/// over the horizon, the indicator is an overrun in some year and D the demand summed over its years.
public struct BudgetControl: Sendable, Equatable {
    /// √(p(1 − p)/N), the plain estimate's binomial standard error; in a stratified run, its batch
    /// means' (`BatchMeans.standardError`).
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
        let stratified = r.options.stratified
        guard case let .paths(values) = r.kept else {
            return (
                r.budgets.map { BudgetControl(se: binomial($0.probabilityOver, n)) },
                r.lineBudgets.map { BudgetControl(se: binomial($0.probabilityOver, n)) }
            )
        }
        let cells = plan.budgetCells.indices.map { c -> BudgetControl in
            let demand = values.series[rows.demand(cell: c)]
            let amount = plan.budgetCells[c].amount
            return estimate(
                r.budgets[c].probabilityOver, indicator: demand.map { $0 > amount ? 1 : 0 }, control: demand, mean: means.demands[c],
                stratified: stratified)
        }
        let lines = plan.lines.indices.map { l -> BudgetControl in
            let members = plan.budgetGroups[l]
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
            let mus = members.map { means.demands[$0] }
            let mu = members.isEmpty || !mus.allSatisfy({ $0 != nil }) ? nil : mus.reduce(0) { $0 + $1! }
            return estimate(r.lineBudgets[l].probabilityOver, indicator: over, control: total, mean: mu, stratified: stratified)
        }
        return (cells, lines)
    }

    static func binomial(_ p: Double, _ n: Int) -> Double { n > 0 ? (p * (1 - p) / Double(n)).squareRoot() : 0 }

    /// p with its standard error — binomial, or from the batches in a stratified run — and, with the
    /// demand's closed-form mean `mu`, the control-variate estimate.
    static func estimate(_ p: Double, indicator: [Double], control: [Double], mean mu: Double?, stratified: Bool) -> BudgetControl {
        let se = (stratified ? BatchMeans.standardError(indicator[...]) : nil) ?? binomial(p, indicator.count)
        guard let mu, indicator.count > 2 else { return BudgetControl(se: se) }
        let (value, controlledSE) = ControlRegression(y: indicator, x: control).estimate(controlMean: mu)
        return BudgetControl(se: se, controlled: value, controlledSE: controlledSE)
    }
}
