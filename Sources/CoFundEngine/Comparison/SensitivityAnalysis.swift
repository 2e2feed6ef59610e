import CoFundModel

/// Which assumption drives each funder's exposure and each budget line's risk (tornado data).
///
/// Two kinds of driver, each run twice on common random numbers (the same seed and paths):
/// - every uncertain parameter (a distribution drawn once per path) held at its own p10 and then
///   at its p90 while everything else varies as usual;
/// - every assumption written as a literal number (`AssumptionCatalogue`: counts, approval, sizes,
///   pd, recovery, shares and budgets no text states) moved by −x and +x of its level, as the
///   reform `cofund compare --set PATH=V` would move it.
public enum SensitivityAnalysis {
    /// One driver: what moves, in words and as a path, and its two settings.
    public struct Driver: Sendable {
        /// The field's path: `programs.rd_post_subsidy.claims.approval`.
        public var path: String
        /// The program's id, nil for a budget line.
        public var program: String?
        /// The budget line's id, nil for a program's field.
        public var line: String?
        /// The field in words.
        public var field: String
        /// How it moves: `p10 / p90` or `−20% / +20%`.
        public var setting: String
        /// The distribution's name for an uncertain parameter, nil for an assumption.
        public var distribution: String?
        /// The value at each end, as a person reads it.
        public var lowText: String
        public var highText: String
        /// The value at each end as a number: for a size or a budget, which moves as a whole, the
        /// factor applied (0.8, 1.2).
        public var lowValue: Double
        public var highValue: Double
        /// Why an end was not run (a moved value the scenario refuses), nil when both ran.
        public var note: String?
    }

    /// What one scope (a funder's horizon total, or a budget line) is at each end of one driver.
    public struct Swing: Sendable {
        public enum Scope: String, Sendable {
            case funder, line
        }

        public var driver: Driver
        public var scope: Scope
        /// The funder's id (`all` for every funder together) or the line's index-free id.
        public var id: String
        /// For a line: its index into `SimulationPlan.lines` (a program's own budget shares its id).
        public var line: Int?
        /// The horizon total (a line: its demand) at each end; nil where that end did not run.
        public var low: SeriesStatistics?
        public var high: SeriesStatistics?
        /// For a line: the chance it is exceeded in some year, at each end.
        public var lowOver: Double?
        public var highOver: Double?

        public var meanSwing: Double { (high?.mean ?? 0) - (low?.mean ?? 0) }
        public var p95Swing: Double { (high?.p95 ?? 0) - (low?.p95 ?? 0) }
        public var overSwing: Double { (highOver ?? 0) - (lowOver ?? 0) }
        /// Whether both ends ran.
        public var ran: Bool { low != nil && high != nil }
        /// Whether this swing ranks above `other` in its scope: the larger mean swing; for a line,
        /// the larger change in its chance of being exceeded, then the larger mean swing.
        func ranksAbove(_ other: Swing) -> Bool {
            if scope == .line, abs(overSwing) != abs(other.overSwing) { return abs(overSwing) > abs(other.overSwing) }
            return abs(meanSwing) > abs(other.meanSwing)
        }
    }

    public static let lowQuantile = 0.1
    public static let highQuantile = 0.9
    /// The default move of a literal assumption: ±20% of its level.
    public static let defaultFraction = 0.2

    /// Why a sensitivity analysis stopped.
    public typealias Failure = SweepAnalysis.Failure

    /// Every driver of the scenario `source` after `reforms`, each run at both ends.
    ///
    /// - Parameters:
    ///   - fraction: the move of a literal assumption, in (0, 1): its level times 1 − fraction and
    ///     1 + fraction.
    ///   - progress: called with (drivers done, drivers planned).
    /// - Returns: for each scope — every funder, then `all`, then every budget line — a swing per
    ///   driver, ranked by the size of its swing.
    public static func run(
        _ source: ScenarioSource, reforms: [Reform], request: SimulationRequest, fraction: Double = defaultFraction,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(Failure) -> [Swing] {
        let input: ScenarioSource
        let assumptions: [Assumption]
        do {
            input = try source.reformed(reforms)
            assumptions = try AssumptionCatalogue.list(text: source.text, file: source.file, reforms: reforms)
        } catch { throw .reform(error) }
        let (plan, options): (SimulationPlan, SimulationOptions)
        do { (plan, options) = try request.plan(input.scenario) } catch { throw .refused(error) }
        let parameters = plan.uncertainParameters
        let planned = parameters.count + assumptions.count
        var swings: [Swing]
        do { swings = try await held(plan, options: options, planned: planned, progress: progress) } catch { throw .numeric(error) }
        let percent = Formatting.trimmed(fraction * 100)
        for (k, a) in assumptions.enumerated() {
            var driver = Driver(
                path: a.path, program: a.program, line: a.line, field: a.field, setting: "−\(percent)% / +\(percent)%",
                lowText: a.text(1 - fraction), highText: a.text(1 + fraction), lowValue: a.number(1 - fraction),
                highValue: a.number(1 + fraction))
            var ends: [SimulationResult?] = [nil, nil]
            if !a.canMove {
                driver.note = "its level is zero, which scaling leaves at zero"
            } else {
                var refused: [String] = []
                for (side, f) in [1 - fraction, 1 + fraction].enumerated() {
                    let end = side == 0 ? "low" : "high"
                    do {
                        let point = try source.reformed(reforms + [Reform(label: "sensitivity", overrides: a.overrides(factor: f))])
                        var (p, o) = try request.plan(point.scenario)
                        o.targetRelativeSE = nil
                        o.progress = nil
                        ends[side] = try await Simulation.run(p, options: o)
                    } catch let issues as ScenarioIssues {
                        refused.append("\(end) end not run: " + (issues.issues.first.map { "\($0.message)" } ?? "the scenario refuses it"))
                    } catch let refusal as SimulationRequest.Refusal {
                        refused.append("\(end) end not run: " + refusal.description)
                    } catch let failure as NumericFailure {
                        throw .numeric(failure)
                    } catch {
                        refused.append("\(end) end not run: \(error)")
                    }
                }
                if !refused.isEmpty { driver.note = refused.joined(separator: "; ") }
            }
            swings += scopes(driver, plan, ends[0], ends[1])
            progress?(parameters.count + k + 1, planned)
        }
        return ranked(swings, plan)
    }

    /// The uncertain parameters of `plan` alone, each held at its p10 and its p90: the drivers of a
    /// scenario known only decoded, without the text its literal assumptions are moved in.
    public static func run(
        _ plan: SimulationPlan, options: SimulationOptions, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(NumericFailure) -> [Swing] {
        ranked(try await held(plan, options: options, planned: plan.uncertainParameters.count, progress: progress), plan)
    }

    /// Two runs per uncertain parameter, at its p10 and its p90.
    static func held(
        _ plan: SimulationPlan, options: SimulationOptions, planned: Int, progress: (@Sendable (Int, Int) -> Void)?
    ) async throws(NumericFailure) -> [Swing] {
        var swings: [Swing] = []
        for (k, parameter) in plan.uncertainParameters.enumerated() {
            var ends: [SimulationResult] = []
            for q in [lowQuantile, highQuantile] {
                var o = options
                o.heldParameters[parameter.ref] = q
                o.targetRelativeSE = nil
                o.progress = nil
                ends.append(try await Simulation.run(plan, options: o))
            }
            let sampler = Sampler(parameter.distribution)
            let driver = Driver(
                path: parameter.name, program: plan.programs[parameter.ref.program].program.id, line: nil, field: parameter.field,
                setting: "p10 / p90", distribution: parameter.distribution.name, lowText: Formatting.trimmed(sampler.quantile(lowQuantile)),
                highText: Formatting.trimmed(sampler.quantile(highQuantile)), lowValue: sampler.quantile(lowQuantile),
                highValue: sampler.quantile(highQuantile))
            swings += scopes(driver, plan, ends[0], ends[1])
            progress?(k + 1, planned)
        }
        return swings
    }

    /// Every funder's swings in the layout's order, then all funders', then each line's; within a
    /// scope the largest swing first, ties in the order run.
    static func ranked(_ swings: [Swing], _ plan: SimulationPlan) -> [Swing] {
        let order = plan.layout.funders + ["all"]
        func position(_ s: Swing) -> Int {
            s.scope == .funder ? (order.firstIndex(of: s.id) ?? 0) : order.count + (s.line ?? 0)
        }
        return swings.enumerated().sorted { a, b in
            let (pa, pb) = (position(a.element), position(b.element))
            if pa != pb { return pa < pb }
            if a.element.ranksAbove(b.element) { return true }
            if b.element.ranksAbove(a.element) { return false }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The swing of `driver` for every funder, all funders, and every budget line.
    static func scopes(_ driver: Driver, _ plan: SimulationPlan, _ low: SimulationResult?, _ high: SimulationResult?) -> [Swing] {
        var out: [Swing] = []
        for funder in plan.layout.funders + [nil] as [String?] {
            out.append(
                Swing(
                    driver: driver, scope: .funder, id: funder ?? "all", line: nil,
                    low: low?.statistics(program: nil, funder: funder, year: .total),
                    high: high?.statistics(program: nil, funder: funder, year: .total)))
        }
        for (l, line) in plan.lines.enumerated() {
            // A moved scenario has the same lines in the same order: budget lines are not removed by an assumption.
            func stats(_ r: SimulationResult?) -> BudgetStatistics? { r.flatMap { l < $0.lineBudgets.count ? $0.lineBudgets[l] : nil } }
            out.append(
                Swing(
                    driver: driver, scope: .line, id: line.id, line: l, low: stats(low)?.demand, high: stats(high)?.demand,
                    lowOver: stats(low)?.probabilityOver, highOver: stats(high)?.probabilityOver))
        }
        return out
    }
}
