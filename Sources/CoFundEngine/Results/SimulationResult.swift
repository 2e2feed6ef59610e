import CoFundModel

/// A finished run: the per-path values and the statistics of every reported series.
public struct SimulationResult: Sendable {
    public let plan: SimulationPlan
    public let options: SimulationOptions
    public let values: PathValues
    /// With a target standard error: whether it was met; nil without one.
    public let converged: Bool?
    public let wallSeconds: Double
    public let statistics: [SeriesStatistics]
    public let budgets: [BudgetStatistics]

    public init(plan: SimulationPlan, options: SimulationOptions, values: PathValues, converged: Bool?, wallSeconds: Double) {
        self.plan = plan
        self.options = options
        self.values = values
        self.converged = converged
        self.wallSeconds = wallSeconds
        statistics = values.series.map(SeriesStatistics.init)
        budgets = zip(values.demand, plan.budgetCells).map { BudgetStatistics(demand: $0, budget: $1.amount) }
    }

    public var paths: Int { values.paths }
    public var scenario: Scenario { plan.scenario }

    /// The statistics of one series, or nil when that funder pays nothing in that program.
    public func statistics(program: String?, funder: String?, year: SeriesLayout.YearSlot) -> SeriesStatistics? {
        let p = program.flatMap { id in scenario.programs.firstIndex { $0.id == id } }
        if program != nil, p == nil { return nil }
        return plan.layout.index(program: p, funder: funder, year: year).map { statistics[$0] }
    }

    /// The per-path values of one series.
    public func pathValues(program: String?, funder: String?, year: SeriesLayout.YearSlot) -> [Double]? {
        let p = program.flatMap { id in scenario.programs.firstIndex { $0.id == id } }
        if program != nil, p == nil { return nil }
        return plan.layout.index(program: p, funder: funder, year: year).map { values.series[$0] }
    }

    /// The budget risk of a (program, funder, year index), if it has an appropriation.
    public func budget(program: Int, funder: String, year: Int) -> BudgetStatistics? {
        guard let i = plan.budgetCells.firstIndex(where: { $0.program == program && $0.funder == funder && $0.year == year }) else { return nil }
        return budgets[i]
    }
}
