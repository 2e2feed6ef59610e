import CoFundModel
import Foundation

/// The value of one lever — any field a `--set PATH=V` reform can set to a number: a parameter, a cap,
/// a share, a budget line's amount — at which a figure of the run meets a target, found by bisection.
///
/// Every evaluation is a whole run of the scenario with the reforms and `PATH=value` applied, on the
/// same seed and paths (common random numbers), so that the figure moves with the lever alone and not
/// with the draws. Both ends of the range are run first: when exactly one meets the target, the range
/// is halved, keeping one end that meets it and one that does not, until it is no wider than the
/// tolerance or `maxSteps` halvings have run (with a step, every midpoint is a multiple of it). The
/// answer is the final end that meets the target. No
/// direction is assumed: the two ends say which side meets it. A figure that is a step function of
/// the lever (a line's chance of being exceeded, on a fixed set of paths) is searched the same way: the
/// answer lies within the tolerance of the step where it starts to meet the target.
public enum SolveAnalysis {
    /// One run: the lever's value, the figure there and whether it meets the target.
    public struct Evaluation: Sendable, Equatable {
        public var value: Double
        public var figure: SolveFigure
        public var meets: Bool

        public init(value: Double, figure: SolveFigure, meets: Bool) {
            self.value = value
            self.figure = figure
            self.meets = meets
        }
    }

    /// A finished search.
    public struct Solution: Sendable {
        public var lever: String
        public var target: SolveTarget
        /// Every run, in the order run: the range's low end, its high end, then each midpoint.
        public var evaluations: [Evaluation]
        /// Index into `evaluations` of the answer: the final end of the bracket that meets the target.
        public var answer: Int
        /// The final bracket between the answer and the nearest value found not to meet the target.
        public var bracket: ClosedRange<Double>
        public var tolerance: Double
        /// The run at the answer.
        public var result: SimulationResult

        /// Whether the bracket narrowed to the tolerance within `maxSteps` halvings.
        public var converged: Bool { bracket.upperBound - bracket.lowerBound <= tolerance }
        public var answerEvaluation: Evaluation { evaluations[answer] }
    }

    /// Why a search stopped without an answer, each with the error or the runs behind it.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case reform(ScenarioIssues)
        case refused(SimulationRequest.Refusal)
        case numeric(NumericFailure)
        case target(SolveProblem)
        /// Neither end of the range meets the target.
        case unreachable(lever: String, target: SolveTarget, low: Evaluation, high: Evaluation)
        /// Both ends meet it: the crossing, if any, is outside the range.
        case metThroughout(lever: String, target: SolveTarget, low: Evaluation, high: Evaluation)

        public var description: String {
            switch self {
            case let .reform(issues): return issues.description
            case let .refused(refusal): return refusal.description
            case let .numeric(failure): return failure.description
            case let .target(problem): return problem.description
            case let .unreachable(lever, target, low, high):
                let ends = Self.ends(lever, target, low, high)
                return
                    "unreachable: \(target) is met nowhere in \(lever) from \(SolveTarget.number(low.value)) to \(SolveTarget.number(high.value)): \(ends); "
                    + "the target needs \(target.figure) \(target.comparison == .atMost ? "at most" : "at least") \(SolveTarget.number(target.bound)). "
                    + "Widen --range if the lever may go further, or relax the target"
            case let .metThroughout(lever, target, low, high):
                let ends = Self.ends(lever, target, low, high)
                return "\(target) is met at both ends of the range of \(lever): \(ends); so the point where it stops being met, if any, is outside "
                    + "\(SolveTarget.number(low.value)) to \(SolveTarget.number(high.value)). Widen --range past it, or tighten the target"
            }
        }

        private static func ends(_ lever: String, _ target: SolveTarget, _ low: Evaluation, _ high: Evaluation) -> String {
            "at \(SolveTarget.number(low.value)) \(target.figure) is \(SolveTarget.display(low.figure.value)), "
                + "at \(SolveTarget.number(high.value)) it is \(SolveTarget.display(high.figure.value))"
        }
    }

    /// The most halvings of the range one search runs: each is a whole simulation.
    public static let maxSteps = 40
    /// The default tolerance, as a fraction of the range's width.
    public static let relativeTolerance = 1e-3

    /// The fields whose values are fractions from 0 to 1, and so have that range by default.
    static let fractionFields: Set<String> = ["approval", "probability", "fraction", "pd", "rho"]
    static let fractionMaps: Set<String> = ["share", "loss_shares"]

    /// The range of a lever that is a fraction — a parameter in unit `fraction`, a share, a loss
    /// share, an approval or default probability, a fraction of claims, an asset correlation: 0 to 1.
    /// Nil for any other lever, whose range must be given.
    public static func defaultRange(lever: String, scenario: Scenario) -> ClosedRange<Double>? {
        let keys = lever.split(separator: ".").map(String.init)
        if keys.count == 2, keys[0] == "parameters" {
            return scenario.parameters.first { $0.id == keys[1] }.flatMap { $0.unit == .fraction ? 0...1 : nil }
        }
        guard keys.count >= 3, keys[0] == "programs", let last = keys.last else { return nil }
        if fractionFields.contains(last) || fractionMaps.contains(keys[keys.count - 2]) { return 0...1 }
        return nil
    }

    /// `v` as a reform writes it: a whole number without a fraction, otherwise the shortest decimal
    /// that reads back as `v`.
    public static func leverText(_ v: Double) -> String { SolveTarget.number(v) }

    /// The value run next: the middle of the bracket, or the multiple of `step` nearest it; nil when
    /// no such value lies strictly between `a` and `b`.
    static func midpoint(_ a: Double, _ b: Double, step: Double?) -> Double? {
        let middle = a + (b - a) / 2
        let (lo, hi) = (Swift.min(a, b), Swift.max(a, b))
        guard let step else { return middle > lo && middle < hi ? middle : nil }
        let near = (middle / step).rounded() * step
        let candidates = [near, (middle / step).rounded(.down) * step, (middle / step).rounded(.up) * step]
        return candidates.first { $0 > lo && $0 < hi }
    }

    /// Searches `lever` over `range` for the value at which `target` is met.
    ///
    /// - Parameters:
    ///   - source: the scenario as loaded, before any reform.
    ///   - reforms: applied at every run before `lever=value`.
    ///   - range: finite, low below high.
    ///   - tolerance: the bracket's width at which the search stops; `relativeTolerance` of the
    ///     range's width when nil, and at least `step` with one.
    ///   - step: when given, every midpoint is a multiple of it (whole years, whole 万元, caps in
    ///     tens), the one nearest the bracket's middle, and the search stops when no multiple lies
    ///     strictly inside the bracket.
    ///   - request: the paths, seed, threads and bounds of every run.
    ///   - progress: called with (runs done, runs planned) after each run.
    public static func run(
        _ source: ScenarioSource, reforms: [Reform], lever: String, range: ClosedRange<Double>, target: SolveTarget,
        tolerance: Double? = nil, step: Double? = nil, request: SimulationRequest, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(Failure) -> Solution {
        if let step, !(step.isFinite && step > 0) { throw .target(SolveProblem("the step must be a positive number")) }
        let tol = step.map { Swift.max($0, tolerance ?? $0) } ?? tolerance ?? (range.upperBound - range.lowerBound) * relativeTolerance
        let halvings = Swift.min(maxSteps, Swift.max(0, Int(log2((range.upperBound - range.lowerBound) / tol).rounded(.up))))
        var planned = 2 + halvings
        guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound < range.upperBound, tol > 0, tol.isFinite else {
            throw .target(SolveProblem("the range must be two finite numbers, low below high, and the tolerance positive"))
        }
        var evaluations: [Evaluation] = []

        func evaluate(_ value: Double) async throws(Failure) -> (Evaluation, SimulationResult) {
            let point: ScenarioSource
            do {
                let assignment = try ReformLoader.parse(assignments: ["\(lever)=\(leverText(value))"])
                point = try source.reformed(reforms + [assignment])
            } catch { throw .reform(error) }
            let (plan, options): (SimulationPlan, SimulationOptions)
            do { (plan, options) = try request.plan(point.scenario) } catch { throw .refused(error) }
            let location: SolveTarget.Location
            do { location = try target.locate(in: plan) } catch { throw .target(error) }
            let result: SimulationResult
            do { result = try await Simulation.run(plan, options: options) } catch { throw .numeric(error) }
            let figure = target.figure(in: result, at: location)
            let e = Evaluation(value: value, figure: figure, meets: target.isMet(by: figure.value))
            evaluations.append(e)
            planned = Swift.max(planned, evaluations.count)
            progress?(evaluations.count, planned)
            return (e, result)
        }

        let (low, lowResult) = try await evaluate(range.lowerBound)
        let (high, highResult) = try await evaluate(range.upperBound)
        switch (low.meets, high.meets) {
        case (false, false): throw .unreachable(lever: lever, target: target, low: low, high: high)
        case (true, true): throw .metThroughout(lever: lever, target: target, low: low, high: high)
        default: break
        }
        // Only the run at the current answer is kept: a run holds every path's values.
        var good = low.meets ? low.value : high.value
        var bad = low.meets ? high.value : low.value
        var result = low.meets ? lowResult : highResult
        var answer = low.meets ? 0 : 1
        var steps = 0
        while abs(good - bad) > tol, steps < maxSteps {
            guard let mid = midpoint(good, bad, step: step) else { break }
            steps += 1
            let (e, r) = try await evaluate(mid)
            if e.meets {
                good = mid
                result = r
                answer = evaluations.count - 1
            } else {
                bad = mid
            }
        }
        return Solution(
            lever: lever, target: target, evaluations: evaluations, answer: answer, bracket: Swift.min(good, bad)...Swift.max(good, bad),
            tolerance: tol, result: result)
    }
}
