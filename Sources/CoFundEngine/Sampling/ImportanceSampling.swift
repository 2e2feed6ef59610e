import CGSL
import CoFundModel

/// Importance sampling of a total's upper tail: a funder's, the government's or all funders' total
/// over the horizon.
///
/// A pilot of `pilotPaths` paths, drawn from streams of its own, records every per-path input's normal score x (`PathInput`: the
/// uncertain parameters, the uptake mixing variables, the years' systematic factors) beside the
/// total Y. The inputs are independent standard normals, so the regression of Y on them is a =
/// Cov(x, Y) (coefficients within two standard errors of zero are dropped), and a·x is the part of Y
/// that moves with them (R² = |a|² / Var Y). The run is then simulated again with every score
/// drawn from N(θ, 1), θ = λ·a/|a| and λ = Φ⁻¹(0.95): the linear part's mean moves to its own 95th
/// percentile, the dominating point of its upper 5% (Glasserman, Heidelberger & Shahabuddin; for a
/// pool's factor, Glasserman & Li). Each path carries its likelihood ratio
/// w = Π exp(−θ_d·x_d + θ_d²/2), so every weighted estimate is unbiased whatever θ; the effective
/// sample size (Σw)²/Σw² says how many equally weighted paths the weights are worth. Both the
/// plain run and the weighted one get 95% intervals by the same batch means (`BatchMeans`), and the
/// squared ratio of their widths is how many times as many plain paths the same interval needs.
public struct ImportanceSampling: Sendable {
    public struct Estimate: Sendable {
        /// `p95`, `cvar95`: the statistics whose batch-means intervals hold (a batch of a run's twentieth
        /// has paths enough in its upper 5%, not in its upper 1%).
        public var statistic: String
        public var value: Double
        public var interval: ClosedRange<Double>?
        public var plainValue: Double
        public var plainInterval: ClosedRange<Double>?

        /// (plain interval's width / weighted interval's width)²: how many times the paths plain
        /// sampling needs for the same 95% interval.
        public var pathsRatio: Double? {
            guard let i = interval, let p = plainInterval, i.upperBound > i.lowerBound else { return nil }
            let r = (p.upperBound - p.lowerBound) / (i.upperBound - i.lowerBound)
            return r * r
        }
    }

    /// The funder id, `government` or `all`.
    public let target: String
    public let paths: Int
    public let pilotPaths: Int
    /// Inputs with a shift, of all per-path inputs.
    public let shiftedInputs: Int
    public let inputs: Int
    public let rSquared: Double
    /// λ, the length of θ.
    public let shiftLength: Double
    public let effectiveSampleSize: Double
    /// The weights' mean and its standard error: E[w] = 1, so a mean far from 1 in standard errors
    /// says the weights are wrong.
    public let meanWeight: (value: Double, se: Double)
    public let estimates: [Estimate]
    /// The largest shifts, largest first, named as `cofund explain` names fields.
    public let largestShifts: [(input: String, theta: Double)]

    public static let pilotPaths = 2000
    /// Mixed into the run's seed for the pilot's streams.
    static let pilotStream: UInt64 = 0x5049_4C4F_5420_5041
    public static let level = 0.95

    /// The ids a target may take in `plan`: every paying funder, `government` when a fiscal funder
    /// pays, and `all`.
    public static func targets(_ plan: SimulationPlan) -> [String] {
        plan.layout.funders + (plan.layout.hasGovernment ? [Funder.governmentID] : []) + ["all"]
    }

    /// Importance sampling of `target`'s horizon total in run `r`: a pilot of `pilotPaths` paths on
    /// streams of its own, then the weighted pass of as many paths as the run. Nil when `r` kept sketches rather than
    /// its paths or the target has no total.
    public static func run(_ r: SimulationResult, target: String) async throws(NumericFailure) -> ImportanceSampling? {
        guard case let .paths(values) = r.kept else { return nil }
        let plan = r.plan
        let funder: String? = target == "all" ? nil : target
        guard let index = plan.layout.index(program: nil, funder: funder, year: .total) else { return nil }
        let plain = values.series[index]
        let n = plain.count
        let pilotCount = Swift.min(n, pilotPaths)
        var options = r.options
        options.progress = nil
        // The pilot and the weighted pass draw their inputs plainly, whether the run was stratified
        // or not: the weights are products over the inputs, which strata do not balance.
        options.stratified = false
        // The pilot draws from streams of its own, so that the shift it chooses is independent of the
        // paths it then weights (a shift chosen from the same draws would bias them).
        var pilotOptions = options
        pilotOptions.seed = SplitMix64.mix(options.seed ^ Self.pilotStream)
        let pilot = try await Simulation.shifted(
            plan, paths: 0..<pilotCount, options: pilotOptions, shift: [:], recordScores: true, indices: [index])
        let (shift, names, rSquared, length) = Self.shift(plan, pilot)
        let pass = try await Simulation.shifted(plan, paths: 0..<n, options: options, shift: shift, recordScores: false, indices: [index])
        let y = pass.values.map { $0[0] }
        let w = pass.logWeights.map { exp($0) }
        let ones = [Double](repeating: 1, count: n)
        let sumW = w.reduce(0, +), sumW2 = w.reduce(0) { $0 + $1 * $1 }
        let statistics: [(String, (WeightedTail) -> Double)] = [
            ("p95", { $0.quantile(0.95) }), ("cvar95", { $0.conditionalTailMean(0.95) }),
        ]
        let estimates = statistics.map { name, f in
            Estimate(
                statistic: name, value: f(WeightedTail(y[...], w[...])),
                interval: BatchMeans.interval(paths: n) { f(WeightedTail(y[$0], w[$0])) },
                plainValue: f(WeightedTail(plain[...], ones[...])),
                plainInterval: BatchMeans.interval(paths: n) { f(WeightedTail(plain[$0], ones[$0])) })
        }
        let weights = w.reduce(0, +) / Double(n)
        let weightSD = (w.reduce(0) { $0 + ($1 - weights) * ($1 - weights) } / Double(Swift.max(n - 1, 1))).squareRoot()
        let largest = shift.sorted { abs($0.value) > abs($1.value) }.prefix(5).map { (names[$0.key] ?? "", $0.value) }
        return ImportanceSampling(
            target: target, paths: n, pilotPaths: pilotCount, shiftedInputs: shift.count, inputs: names.count, rSquared: rSquared,
            shiftLength: length, effectiveSampleSize: sumW2 > 0 ? sumW * sumW / sumW2 : 0,
            meanWeight: (weights, weightSD / Double(n).squareRoot()), estimates: estimates,
            largestShifts: Array(largest))
    }

    /// θ from the pilot: the regression of the total on the inputs' scores, its coefficients within
    /// two standard errors of zero dropped, scaled to length λ. Also each input's name, R² and λ.
    static func shift(_ plan: SimulationPlan, _ pilot: Simulation.ShiftedPaths)
        -> (shift: [PathInput: Double], names: [PathInput: String], rSquared: Double, length: Double)
    {
        let y = pilot.values.map { $0[0] }
        let n = Double(y.count)
        guard let first = pilot.scores.first, y.count > 2 else { return ([:], [:], 0, 0) }
        let keys = first.map(\.input)
        var names: [PathInput: String] = [:]
        for k in keys { names[k] = name(k, plan) }
        // Every path draws the same inputs in the same order.
        guard pilot.scores.allSatisfy({ $0.count == keys.count }) else { return ([:], names, 0, 0) }
        let meanY = y.reduce(0, +) / n
        let varY = y.reduce(0) { $0 + ($1 - meanY) * ($1 - meanY) } / (n - 1)
        guard varY > 0 else { return ([:], names, 0, 0) }
        var a: [PathInput: Double] = [:]
        var explained = 0.0
        for (d, key) in keys.enumerated() {
            var sx = 0.0, sxy = 0.0, sxx = 0.0
            for (i, s) in pilot.scores.enumerated() {
                let x = s[d].score
                sx += x
                sxy += x * (y[i] - meanY)
                sxx += x * x
            }
            let meanX = sx / n
            let varX = sxx / n - meanX * meanX
            guard varX > 0 else { continue }
            let cov = sxy / (n - 1)
            // The coefficient's standard error under independence: sd(Y)·sd(x)/√n, x of unit variance.
            let se = (varY / n).squareRoot()
            guard abs(cov) > 2 * se else { continue }
            a[key] = cov
            explained += cov * cov
        }
        let norm = explained.squareRoot()
        guard norm > 0 else { return ([:], names, 0, 0) }
        let length = gsl_cdf_ugaussian_Pinv(level)
        return (a.mapValues { length * $0 / norm }, names, Swift.min(1, explained / varY), length)
    }

    /// How the terminal names an input: a program's field, its uptake, a year's factor.
    static func name(_ input: PathInput, _ plan: SimulationPlan) -> String {
        let s = plan.scenario
        switch input {
        case let .parameter(p, slot): return "\(s.programs[p].id).\(plan.programs[p].parameterNames[slot])"
        case let .mixing(p): return "\(s.programs[p].id).\(s.programs[p].rule.countField).count (mixing)"
        case let .sharedFactor(t): return "factor \(s.claimsFrom + t)"
        case let .ownFactor(p, t): return "\(s.programs[p].id) factor \(s.claimsFrom + t)"
        }
    }
}
