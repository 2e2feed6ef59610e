import CoFundModel
import Foundation

/// The mean, sd, p95 and CVaR of one horizon total, or one program's share of them.
public struct RiskFigures: Sendable, Equatable {
    public var mean: Double
    public var sd: Double
    public var p95: Double
    public var cvar95: Double
    public var cvar99: Double

    public init(mean: Double, sd: Double, p95: Double, cvar95: Double, cvar99: Double) {
        self.mean = mean
        self.sd = sd
        self.p95 = p95
        self.cvar95 = cvar95
        self.cvar99 = cvar99
    }

    public static let zero = RiskFigures(mean: 0, sd: 0, p95: 0, cvar95: 0, cvar99: 0)
}

/// Which programs make a funder's bad year: each program's contribution to the mean, sd, p95 and
/// CVaR of a horizon total T (a funder's, the government's, or a budget line's demand), where T is
/// the sum of the programs' horizon totals X_p path by path.
///
/// - mean: the program's mean (exactly additive).
/// - sd: Euler's split Cov(X_p, T)/sd(T), with the same n − 1 denominators as the reported sd;
///   the contributions add to sd(T).
/// - p95: an estimate of E[X_p | T ≈ VaR95(T)]: a Gaussian kernel on T around the p95 with
///   Silverman's bandwidth h = 0.9 · min(sd, IQR/1.34) · N^(−1/5), rescaled so that the
///   contributions add to the p95 exactly.
/// - CVaR95, CVaR99: E[X_p | path among the worst], on the same ⌈N(1 − α)⌉ paths of largest T whose
///   mean is the reported CVaR (`SeriesStatistics.tailMean`; ties broken by path order), so the
///   contributions add to the reported CVaR.
///
/// Every figure needs each path's values: a run that kept sketches (`KeptValues.sketches`) has none.
public struct RiskContributions: Sendable {
    public enum Scope: String, Sendable, CaseIterable {
        case funder, government, line
    }

    public struct Part: Sendable, Equatable {
        /// Index into the scenario's programs.
        public var program: Int
        public var figures: RiskFigures
    }

    public var scope: Scope
    /// The funder's id, `Funder.governmentID`, or the budget line's id.
    public var id: String
    /// The funder whose payments are split: the line's funder for a line.
    public var funder: String
    /// Index into `SimulationPlan.lines` for a line (a program's own budget has one line per
    /// funder, all with the program's id); nil otherwise.
    public var line: Int? = nil
    /// The programs paying into T, in the scenario's order.
    public var parts: [Part]
    /// The total's own figures (those `summary.csv` and `budgets.csv` report).
    public var total: RiskFigures
    /// The kernel bandwidth of the p95 split, in the scenario's unit (0: the paths nearest the p95).
    public var bandwidth: Double

    /// Why a result has no contributions, or nil when it has them.
    public static func unavailableReason(_ r: SimulationResult) -> String? {
        r.keepsPathValues
            ? nil
            : "risk contributions not computed: this run of \(r.paths) paths kept quantile sketches instead of every path's values"
    }

    /// The contributions to every funder's, the government's and every budget line's horizon total,
    /// in that order; empty for a run that kept sketches.
    public static func all(_ r: SimulationResult) -> [RiskContributions] {
        guard case let .paths(values) = r.kept else { return [] }
        return TotalSeries.all(r, values).map { s in
            let (total, parts, h) = split(total: s.total, parts: s.parts)
            return RiskContributions(
                scope: s.scope, id: s.id, funder: s.funder, line: s.line,
                parts: zip(s.programs, parts).map { Part(program: $0, figures: $1) }, total: total, bandwidth: h)
        }
    }

    /// The contributions to the totals named `id`: a funder id, `government`, or a budget line id
    /// (a program's own budget names one line per funder); empty when nothing has that id.
    public static func of(_ r: SimulationResult, id: String) -> [RiskContributions] {
        all(r).filter { $0.id == id }
    }

    /// Splits the figures of `total` into those of `parts` (path by path, the parts add to the
    /// total): see the type's description. O(paths × parts) after one sort of the total.
    public static func split(total t: [Double], parts: [[Double]]) -> (total: RiskFigures, parts: [RiskFigures], bandwidth: Double) {
        let n = t.count
        let stats = SeriesStatistics(t)
        let totalFigures = RiskFigures(mean: stats.mean, sd: stats.sd, p95: stats.p95, cvar95: stats.cvar95, cvar99: stats.cvar99)
        guard n > 0 else { return (totalFigures, parts.map { _ in .zero }, 0) }
        let order = worstFirst(t)
        let k95 = tailCount(n, 0.95)
        let k99 = tailCount(n, 0.99)
        let sorted = order.reversed().map { t[$0] }
        let h = bandwidth(sorted: sorted, sd: stats.sd)
        let weights = kernelWeights(t, at: stats.p95, bandwidth: h)
        var weightSum = 0.0
        for w in weights { weightSum += w }
        var out: [RiskFigures] = []
        out.reserveCapacity(parts.count)
        for x in parts {
            var sum = 0.0
            for v in x { sum += v }
            let mean = sum / Double(n)
            var cov = 0.0
            for i in 0..<n { cov += (x[i] - mean) * (t[i] - stats.mean) }
            let sd = n > 1 && stats.sd > 0 ? cov / Double(n - 1) / stats.sd : 0
            var near = 0.0
            for i in 0..<n where weights[i] != 0 { near += weights[i] * x[i] }
            var tail95 = 0.0, tail99 = 0.0
            for j in 0..<k95 {
                tail95 += x[order[j]]
                if j < k99 { tail99 += x[order[j]] }
            }
            out.append(RiskFigures(mean: mean, sd: sd, p95: near / weightSum, cvar95: tail95 / Double(k95), cvar99: tail99 / Double(k99)))
        }
        var p95Sum = 0.0
        for f in out { p95Sum += f.p95 }
        if p95Sum != 0 {
            let scale = stats.p95 / p95Sum
            for i in out.indices { out[i].p95 *= scale }
        }
        return (totalFigures, out, h)
    }

    /// The paths from the largest total down, ties in path order, so that the worst k paths — those
    /// whose mean is CVaR at 1 − k/N — are the first k.
    public static func worstFirst(_ t: [Double]) -> [Int] {
        t.indices.sorted { t[$0] != t[$1] ? t[$0] > t[$1] : $0 < $1 }
    }

    /// The number of worst paths behind CVaRα: ⌈N(1 − α)⌉, as `SeriesStatistics.tailMean` counts.
    public static func tailCount(_ n: Int, _ alpha: Double) -> Int {
        Swift.min(n, Swift.max(1, Int((Double(n) * (1 - alpha) - 1e-9).rounded(.up))))
    }

    /// Silverman's rule of thumb on the totals: 0.9 · min(sd, IQR/1.34) · N^(−1/5), the sd alone
    /// when the IQR is 0.
    static func bandwidth(sorted: [Double], sd: Double) -> Double {
        let iqr = SeriesStatistics.quantile(sorted, 0.75) - SeriesStatistics.quantile(sorted, 0.25)
        let spread = iqr > 0 ? Swift.min(sd, iqr / 1.34) : sd
        let h = 0.9 * spread * pow(Double(sorted.count), -0.2)
        return h.isFinite && h > 0 ? h : 0
    }

    /// Gaussian kernel weights of the paths around `v`; with no bandwidth (or when every weight
    /// underflows), weight 1 on the paths whose total is nearest `v`.
    static func kernelWeights(_ t: [Double], at v: Double, bandwidth h: Double) -> [Double] {
        if h > 0 {
            let w = t.map { exp(-0.5 * (($0 - v) / h) * (($0 - v) / h)) }
            if w.contains(where: { $0 > 0 }) { return w }
        }
        var nearest = Double.infinity
        for x in t { nearest = Swift.min(nearest, abs(x - v)) }
        return t.map { abs($0 - v) == nearest ? 1 : 0 }
    }
}
