import CoFundModel

/// A figure's estimate in one run, with its 95% interval where the run gives one.
public struct SolveFigure: Sendable, Equatable {
    public var value: Double
    /// Percentiles: the order-statistic interval (`TailIntervals`); mean: ± 1.96 se; CVaR: ± 1.96
    /// times its standard error (nil for a run that kept sketches); `p_over`: ± 1.96 binomial
    /// standard errors √(p(1 − p)/N), cut to [0, 1].
    public var interval: ClosedRange<Double>?

    public init(value: Double, interval: ClosedRange<Double>?) {
        self.value = value
        self.interval = interval
    }
}

extension SolveTarget {
    /// Where a target's figure is in a plan's results.
    public enum Location: Sendable, Equatable {
        /// A reported series (a funder's, the government's or all funders' cost).
        case series(Int)
        /// A budget line over the horizon (index into `SimulationPlan.lines`).
        case line(Int)
        /// A budget line in one year (line index, horizon year index).
        case lineYear(Int, Int)
    }

    /// Where this target's figure is in the results of `plan`.
    ///
    /// - Throws: a funder that pays in no program, a line the scenario lacks (or an id several
    ///   funders' lines share, named without its funder), a year outside the horizon or one in which
    ///   the line has no appropriation — each with what is allowed.
    public func locate(in plan: SimulationPlan) throws(SolveProblem) -> Location {
        let scenario = plan.scenario
        let years = scenario.years
        if let year, !years.contains(year) {
            throw SolveProblem(
                "\(figure): \(year) is outside the horizon", hint: "a year from \(years.lowerBound) to \(years.upperBound), or none for the horizon")
        }
        let yearIndex = year.map { $0 - years.lowerBound }
        switch scope {
        case let .funder(f):
            let layout = plan.layout
            let allowed = layout.funders + (layout.hasGovernment ? [Funder.governmentID] : []) + ["all"]
            guard allowed.contains(f) else {
                let guess = DidYouMean.suggestion(for: f, among: allowed).map { "did you mean `\($0)`? " } ?? ""
                throw SolveProblem(
                    "\(figure): `\(f)` is not a funder that pays in this scenario",
                    hint: "\(guess)the scope is one of \(allowed.joined(separator: ", ")) or lines.ID")
            }
            let slot: SeriesLayout.YearSlot = yearIndex.map { .year($0) } ?? .total
            guard let i = layout.index(program: nil, funder: f == "all" ? nil : f, year: slot) else {
                throw SolveProblem("\(figure): the scenario reports no such series")
            }
            return .series(i)
        case let .line(id, funder):
            let lines = plan.lines
            let named = lines.indices.filter { lines[$0].id == id && (funder == nil || lines[$0].funder == funder) }
            guard named.count == 1, let l = named.first else {
                let ids = lines.map { line in lines.filter { $0.id == line.id }.count > 1 ? "\(line.id).\(line.funder)" : line.id }
                if named.count > 1 {
                    throw SolveProblem(
                        "\(figure): several funders have a line `\(id)`",
                        hint: "name one: \(ids.filter { $0.hasPrefix("\(id).") }.joined(separator: ", "))")
                }
                guard !ids.isEmpty else { throw SolveProblem("\(figure): the scenario has no budget lines") }
                let guess = DidYouMean.suggestion(for: id, among: lines.map(\.id)).map { "did you mean `\($0)`? " } ?? ""
                throw SolveProblem(
                    "\(figure): the scenario has no budget line `\(id)`\(funder.map { " of \($0)" } ?? "")",
                    hint: "\(guess)lines: \(ids.joined(separator: ", "))")
            }
            guard let y = yearIndex else { return .line(l) }
            guard plan.budgetGroups[l].contains(where: { plan.budgetCells[$0].year == y }) else {
                let with = plan.budgetGroups[l].map { String(years.lowerBound + plan.budgetCells[$0].year) }
                throw SolveProblem(
                    "\(figure): the line `\(id)` has no appropriation in \(year ?? 0)",
                    hint: with.isEmpty ? "it has none in any year of the horizon" : "its years: \(with.joined(separator: ", "))")
            }
            return .lineYear(l, y)
        }
    }

    /// The figure in `result`, found at `location` (from `locate(in: result.plan)`).
    public func figure(in result: SimulationResult, at location: Location) -> SolveFigure {
        switch location {
        case let .series(i):
            return Self.figure(statistic, of: result.statistics[i])
        case let .line(l):
            return lineFigure(result.lineBudgets[l], paths: result.paths)
        case let .lineYear(l, y):
            guard let b = result.budget(line: l, year: y) else { return SolveFigure(value: .nan, interval: nil) }
            return lineFigure(b, paths: result.paths)
        }
    }

    private func lineFigure(_ b: BudgetStatistics, paths: Int) -> SolveFigure {
        guard statistic == .pOver else { return Self.figure(statistic, of: b.demand) }
        let p = b.probabilityOver
        let se = (p * (1 - p) / Double(Swift.max(paths, 1))).squareRoot()
        return SolveFigure(value: p, interval: Swift.max(0, p - 1.96 * se)...Swift.min(1, p + 1.96 * se))
    }

    /// A statistic of a series with its 95% interval.
    static func figure(_ statistic: Statistic, of s: SeriesStatistics) -> SolveFigure {
        func spread(_ v: Double, _ se: Double?) -> SolveFigure {
            SolveFigure(value: v, interval: se.map { (v - 1.96 * $0)...(v + 1.96 * $0) })
        }
        switch statistic {
        case .mean: return spread(s.mean, s.se)
        case .p05: return SolveFigure(value: s.p05, interval: s.intervals.p05)
        case .p50: return SolveFigure(value: s.p50, interval: s.intervals.p50)
        case .p90: return SolveFigure(value: s.p90, interval: s.intervals.p90)
        case .p95: return SolveFigure(value: s.p95, interval: s.intervals.p95)
        case .p99: return SolveFigure(value: s.p99, interval: s.intervals.p99)
        case .cvar95: return spread(s.cvar95, s.intervals.cvar95SE)
        case .cvar99: return spread(s.cvar99, s.intervals.cvar99SE)
        case .pOver: return SolveFigure(value: .nan, interval: nil)
        }
    }
}
