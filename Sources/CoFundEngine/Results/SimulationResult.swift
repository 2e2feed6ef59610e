import CoFundModel
import Dispatch

/// A finished run: the per-path values and the statistics of every reported series.
public struct SimulationResult: Sendable {
    public let plan: SimulationPlan
    public let options: SimulationOptions
    /// Every path's values, or block summaries and sketches for runs past
    /// `SimulationLimits.exactValueLimit`.
    public let kept: KeptValues
    /// With a target standard error: whether it was met; nil without one.
    public let converged: Bool?
    public let wallSeconds: Double
    public let statistics: [SeriesStatistics]
    /// Per budget cell (a line's year), in the order of `plan.budgetCells`.
    public let budgets: [BudgetStatistics]
    /// Per budget line, over the horizon: the `total` rows of `budgets.csv`.
    public let lineBudgets: [BudgetStatistics]

    public init(plan: SimulationPlan, options: SimulationOptions, values: PathValues, converged: Bool?, wallSeconds: Double) {
        self.plan = plan
        self.options = options
        kept = .paths(values)
        self.converged = converged
        self.wallSeconds = wallSeconds
        let statistics = Self.statistics(values, threads: options.threads, stratified: options.stratified)
        self.statistics = statistics
        (budgets, lineBudgets) = Self.budgetStatistics(plan: plan, statistics: statistics, kept: kept)
    }

    public init(plan: SimulationPlan, options: SimulationOptions, aggregate a: Aggregate, converged: Bool?, wallSeconds: Double) {
        self.plan = plan
        self.options = options
        kept = .sketches(a)
        self.converged = converged
        self.wallSeconds = wallSeconds
        let statistics = zip(a.moments, a.sketches).map { SeriesStatistics(moments: $0, sketch: $1) }
        self.statistics = statistics
        (budgets, lineBudgets) = Self.budgetStatistics(plan: plan, statistics: statistics, kept: kept)
    }

    public var paths: Int { kept.paths }

    /// Whether every path's values were kept: percentiles exact, per-path comparisons possible.
    public var keepsPathValues: Bool {
        if case .paths = kept { return true }
        return false
    }
    public var scenario: Scenario { plan.scenario }

    /// The statistics of one series, or nil when that funder pays nothing in that program.
    public func statistics(program: String?, funder: String?, year: SeriesLayout.YearSlot, flow: SeriesLayout.Flow = .net) -> SeriesStatistics? {
        let p = program.flatMap { id in scenario.programs.firstIndex { $0.id == id } }
        if program != nil, p == nil { return nil }
        return plan.layout.index(program: p, funder: funder, year: year, flow: flow).map { statistics[$0] }
    }

    /// The per-path values of one series.
    public func pathValues(program: String?, funder: String?, year: SeriesLayout.YearSlot, flow: SeriesLayout.Flow = .net) -> [Double]? {
        guard case let .paths(values) = kept else { return nil }
        let p = program.flatMap { id in scenario.programs.firstIndex { $0.id == id } }
        if program != nil, p == nil { return nil }
        return plan.layout.index(program: p, funder: funder, year: year, flow: flow).map { values.series[$0] }
    }

    /// Every series' statistics, the series shared out between `threads` threads (each sorts its own
    /// series; the result does not depend on the number of threads); `stratified` as `SeriesStatistics` takes it.
    static func statistics(_ values: PathValues, threads: Int, stratified: Bool = false) -> [SeriesStatistics] {
        let ranks = OrderStatisticRanks(paths: values.paths)
        let series = values.series
        let workers = Swift.max(1, Swift.min(threads, series.count))
        guard workers > 1 else { return series.map { SeriesStatistics($0, ranks: ranks, stratified: stratified) } }
        let out = UnsafeMutablePointer<SeriesStatistics>.allocate(capacity: series.count)
        defer {
            out.deinitialize(count: series.count)
            out.deallocate()
        }
        nonisolated(unsafe) let slots = out
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for i in stride(from: w, to: series.count, by: workers) {
                (slots + i).initialize(to: SeriesStatistics(series[i], ranks: ranks, stratified: stratified))
            }
        }
        return Array(UnsafeBufferPointer(start: out, count: series.count))
    }
}
