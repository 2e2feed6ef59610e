import CoFundModel

/// How much of each total's spread comes from the uncertain parameters and how much from chance:
/// the law of total variance, Var T = Var E[T | θ] + E[Var(T | θ)], where θ is every parameter
/// drawn once per path (`SimulationPlan.uncertainParameters`) and chance is everything else (how
/// many claim, their sizes, which loans default).
///
/// Estimated by a nested run: K groups, each with every uncertain parameter held at one draw θ_k
/// (its quantile at a uniform u drawn from the group's own stream) and m paths of its own seed.
/// With ȳ_k and s_k² the mean and variance of group k,
///   W = mean_k s_k²  estimates E[Var(T | θ)] without bias,
///   B = var_k(ȳ_k) − W/m  estimates Var E[T | θ] without bias (one-way random effects),
/// and the parameters' share is B / (B + W), with a delete-one-group jackknife standard error.
public enum VarianceSplit {
    public struct Part: Sendable {
        /// A funder's id (`all` for every funder), or a budget line's id.
        public var id: String
        public var scope: SensitivityAnalysis.Swing.Scope
        /// For a line: its index into `SimulationPlan.lines`.
        public var line: Int?
        /// Var E[T | θ]: the spread better knowledge of the parameters would remove.
        public var parameters: Double
        /// E[Var(T | θ)]: the spread left with the parameters known.
        public var chance: Double
        /// B / (B + W), and its jackknife standard error; nil when the total does not vary.
        public var share: Double?
        public var shareSE: Double?
    }

    /// The fewest paths a split is estimated from: 10 groups of 2.
    public static let minimumPaths = 20

    /// The outer groups of a split of `paths` paths: 50, or fewer so that each keeps 2 paths.
    public static func groups(paths: Int) -> Int { Swift.max(2, Swift.min(50, paths / 2)) }

    /// The split of every funder's horizon total, all funders', and every budget line's demand; empty
    /// for a run of fewer than `minimumPaths` paths, too few groups to estimate the parameters' part.
    public static func run(_ plan: SimulationPlan, options: SimulationOptions) async throws(NumericFailure) -> [Part] {
        guard options.paths >= minimumPaths else { return [] }
        let parameters = plan.uncertainParameters
        let k = groups(paths: options.paths)
        let m = Swift.max(2, options.paths / k)
        var means: [[Double]] = []
        var variances: [[Double]] = []
        for g in 0..<k {
            var o = options
            o.paths = m
            o.targetRelativeSE = nil
            o.progress = nil
            o.seed = options.seed &+ UInt64(g + 1) &* 0x9E37_79B9_7F4A_7C15
            for (j, p) in parameters.enumerated() {
                var stream = Xoshiro256(StreamKey(seed: options.seed, path: UInt64(g), program: Self.streamProgram, slot: UInt64(j)))
                o.heldParameters[p.ref] = stream.uniformOpen()
            }
            let r = try await Simulation.run(plan, options: o)
            var (ms, vs): ([Double], [Double]) = ([], [])
            for funder in plan.layout.funders + [nil] as [String?] {
                let s = r.statistics(program: nil, funder: funder, year: .total)
                ms.append(s?.mean ?? 0)
                vs.append((s?.sd ?? 0) * (s?.sd ?? 0))
            }
            for b in r.lineBudgets {
                ms.append(b.demand.mean)
                vs.append(b.demand.sd * b.demand.sd)
            }
            means.append(ms)
            variances.append(vs)
        }
        let ids =
            (plan.layout.funders + ["all"]).map { ($0, SensitivityAnalysis.Swing.Scope.funder, Int?.none) }
            + plan.lines.enumerated().map { ($1.id, SensitivityAnalysis.Swing.Scope.line, Int?.some($0)) }
        return ids.enumerated().map { c, entry in
            let ys = means.map { $0[c] }, ss = variances.map { $0[c] }
            let (b, w) = components(ys, ss, m)
            let share = b + w > 0 ? b / (b + w) : nil
            var se: Double? = nil
            if share != nil, k > 2 {
                let leaveOut = (0..<k).compactMap { i -> Double? in
                    var y = ys, s = ss
                    y.remove(at: i)
                    s.remove(at: i)
                    let (bi, wi) = components(y, s, m)
                    return bi + wi > 0 ? bi / (bi + wi) : nil
                }
                let mean = leaveOut.reduce(0, +) / Double(leaveOut.count)
                let n = Double(leaveOut.count)
                se = ((n - 1) / n * leaveOut.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }).squareRoot()
            }
            return Part(id: entry.0, scope: entry.1, line: entry.2, parameters: b, chance: w, share: share, shareSE: se)
        }
    }

    /// B and W of groups with means `ys`, variances `ss` and `m` paths each.
    static func components(_ ys: [Double], _ ss: [Double], _ m: Int) -> (between: Double, within: Double) {
        let k = Double(ys.count)
        let w = ss.reduce(0, +) / k
        let ybar = ys.reduce(0, +) / k
        let v = ys.reduce(0) { $0 + ($1 - ybar) * ($1 - ybar) } / (k - 1)
        return (v - w / Double(m), w)
    }

    /// The stream of the groups' parameter draws: a program number no scenario reaches.
    static let streamProgram: UInt64 = 1 << 40
}
