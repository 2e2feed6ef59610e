import CGSL
import Foundation

/// The uncertainty of one series' tail figures: a 95% interval for each percentile and the
/// standard error of each CVaR.
///
/// From every path's values, each percentile's interval is distribution-free, by order statistics
/// (`OrderStatisticRanks`), and each CVaR's standard error is asymptotic (`cvarStandardError`).
/// From a quantile sketch (runs too large to keep their paths) the bounds are only the sketch's own
/// accuracy, v·(1 ∓ α), and the CVaR standard errors are unknown (nil).
public struct TailIntervals: Sendable, Equatable {
    public var p05: ClosedRange<Double>
    public var p50: ClosedRange<Double>
    public var p90: ClosedRange<Double>
    public var p95: ClosedRange<Double>
    public var p99: ClosedRange<Double>
    public var cvar95SE: Double?
    public var cvar99SE: Double?

    public init(
        p05: ClosedRange<Double>, p50: ClosedRange<Double>, p90: ClosedRange<Double>, p95: ClosedRange<Double>,
        p99: ClosedRange<Double>, cvar95SE: Double?, cvar99SE: Double?
    ) {
        self.p05 = p05
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.cvar95SE = cvar95SE
        self.cvar99SE = cvar99SE
    }

    /// Every interval a single point and every standard error 0: no paths, or none varying.
    static func point(p05: Double, p50: Double, p90: Double, p95: Double, p99: Double) -> TailIntervals {
        TailIntervals(p05: p05...p05, p50: p50...p50, p90: p90...p90, p95: p95...p95, p99: p99...p99, cvar95SE: 0, cvar99SE: 0)
    }

    /// The bounds of a sketch's quantile v: v·(1 − α) to v·(1 + α), α the sketch's relative accuracy.
    static func sketchBounds(_ v: Double) -> ClosedRange<Double> {
        let a = v * (1 - QuantileSketch.alpha), b = v * (1 + QuantileSketch.alpha)
        return Swift.min(a, b)...Swift.max(a, b)
    }

    /// Asymptotic standard error of the tail mean of the `k` largest of `sorted` at level `alpha`
    /// (Manistre & Hancock, "Variance of the CTE estimator", 2005; the same variance follows from
    /// the estimator's influence function):
    ///
    ///     se² = [ V + α·(C − v)² ] / k
    ///
    /// where C is the tail mean (the reported CVaR), V = (1/k)·Σ (xᵢ − C)² the variance of the k
    /// tail values, v the VaR estimate — the largest value outside the tail, X₍N−k₎ — and
    /// k = ⌈N(1 − α)⌉ the number of tail values (N(1 − α) in the asymptotic formula). This equals
    /// Var((X − v)⁺) / (N(1 − α)²) when the tail holds exactly N(1 − α) values.
    static func cvarStandardError(_ sorted: [Double], alpha: Double, tailMean c: Double) -> Double {
        let n = sorted.count
        let k = SeriesStatistics.tailCount(n, alpha)
        guard n > 1, k > 0 else { return 0 }
        let v = sorted[Swift.max(n - k - 1, 0)]
        var ss = 0.0
        for x in sorted[(n - k)...] { ss += (x - c) * (x - c) }
        let variance = ss / Double(k)
        return ((variance + alpha * (c - v) * (c - v)) / Double(k)).squareRoot()
    }
}

/// The ranks of the order statistics that bound a distribution-free 95% interval for the
/// q-quantile ξ of N independent paths.
///
/// Rank rule: with B ~ Binomial(N, q) and F its distribution function (GSL's
/// `gsl_cdf_binomial_P`), l is the largest rank with F(l − 1) ≤ 0.025 and u the smallest rank with
/// F(u − 1) ≥ 0.975. The number of paths at or below ξ is at least as large as B in distribution and
/// the number strictly below ξ at most as large, so P(X₍l₎ > ξ) ≤ F(l − 1) ≤ 0.025 and
/// P(X₍u₎ < ξ) ≤ 1 − F(u − 1) ≤ 0.025: [X₍l₎, X₍u₎] covers ξ with probability at least 95%, for
/// any distribution, discrete ones included. When even l = 1 fails (too few paths for the rank rule:
/// (1 − q)ᴺ > 0.025), the lower bound is the smallest path; when u would pass N, the upper bound is
/// the largest path: that side's 2.5% is then not guaranteed (p99's upper bound needs N ≥ 368: 0.99ᴺ ≤ 0.025).
public struct OrderStatisticRanks: Sendable, Equatable {
    /// The levels of the reported percentiles.
    public static let levels = [0.05, 0.50, 0.90, 0.95, 0.99]
    /// One-sided miss probability of each bound.
    public static let tail = 0.025

    public let paths: Int
    /// Per level, 1-based ranks (l, u), clamped to 1...N.
    public let ranks: [(lower: Int, upper: Int)]

    public static func == (a: Self, b: Self) -> Bool {
        a.paths == b.paths && a.ranks.elementsEqual(b.ranks) { $0.lower == $1.lower && $0.upper == $1.upper }
    }

    public init(paths n: Int) {
        paths = n
        ranks = Self.levels.map { Self.ranks(n: n, q: $0) }
    }

    /// (l, u) for the q-quantile of n paths, by the rank rule above, clamped to 1...n.
    public static func ranks(n: Int, q: Double) -> (lower: Int, upper: Int) {
        guard n > 0 else { return (1, 1) }
        GSL.configure()
        let cdf = { (k: Int) -> Double in
            k < 0 ? 0 : k >= n ? 1 : gsl_cdf_binomial_P(UInt32(k), q, UInt32(n))
        }
        let sd = (Double(n) * q * (1 - q)).squareRoot()
        // l − 1 = the largest k with F(k) ≤ 0.025: start from the normal approximation and step.
        var k = Swift.min(Swift.max(Int((Double(n) * q - 1.96 * sd).rounded(.down)), -1), n)
        while k >= 0, cdf(k) > tail { k -= 1 }
        while k + 1 < n, cdf(k + 1) <= tail { k += 1 }
        let lower = k + 1
        // u − 1 = the smallest k with F(k) ≥ 0.975.
        var j = Swift.min(Swift.max(Int((Double(n) * q + 1.96 * sd).rounded(.up)), 0), n)
        while j < n, cdf(j) < 1 - tail { j += 1 }
        while j > 0, cdf(j - 1) >= 1 - tail { j -= 1 }
        let upper = j + 1
        return (Swift.min(Swift.max(lower, 1), n), Swift.min(Swift.max(upper, 1), n))
    }

    /// The interval of level index `i` from `sorted` (of `paths` values), widened if needed to hold
    /// the point estimate `point` (the type-7 percentile, which lies between two neighbouring order
    /// statistics and so inside [X₍l₎, X₍u₎] but at small N).
    func interval(_ i: Int, _ sorted: [Double], point: Double) -> ClosedRange<Double> {
        let (l, u) = ranks[i]
        return Swift.min(sorted[l - 1], point)...Swift.max(sorted[u - 1], point)
    }
}
