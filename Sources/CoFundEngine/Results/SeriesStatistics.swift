import Foundation

/// The statistics of one reported quantity over the paths of a run.
///
/// Percentiles are the linear interpolation between order statistics (Hyndman & Fan type 7, as
/// numpy's default and Excel's PERCENTILE.INC); CVaRα is the mean of the worst ⌈N(1 − α)⌉ paths.
/// `intervals` holds each percentile's 95% interval and each CVaR's standard error (`TailIntervals`).
public struct SeriesStatistics: Sendable, Equatable {
    public var mean: Double
    public var sd: Double
    /// Monte Carlo standard error of the mean: sd/√N, or in a stratified run the batch means' (`BatchMeans.standardError`).
    public var se: Double
    public var p05: Double
    public var p50: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    public var cvar95: Double
    public var cvar99: Double
    public var max: Double
    public var intervals: TailIntervals

    /// Computes the statistics of `x`, summing in path order so that results do not depend on
    /// how the paths were spread over threads. `ranks`, when given, must be for `x.count` paths (a
    /// run computes them once for all its series). `stratified`: the paths of a stratified run, whose
    /// mean's standard error comes from its batches.
    public init(_ x: [Double], ranks: OrderStatisticRanks? = nil, stratified: Bool = false) {
        let n = x.count
        guard n > 0 else {
            self.init(
                mean: 0, sd: 0, se: 0, p05: 0, p50: 0, p90: 0, p95: 0, p99: 0, cvar95: 0, cvar99: 0, max: 0,
                intervals: .point(p05: 0, p50: 0, p90: 0, p95: 0, p99: 0))
            return
        }
        var sum = 0.0
        for v in x { sum += v }
        let mean = sum / Double(n)
        var ss = 0.0
        for v in x { ss += (v - mean) * (v - mean) }
        let sd = n > 1 ? (ss / Double(n - 1)).squareRoot() : 0
        let sorted = RadixSort.sorted(x)
        let ranks = ranks.flatMap { $0.paths == n ? $0 : nil } ?? OrderStatisticRanks(paths: n)
        let p = OrderStatisticRanks.levels.map { Self.quantile(sorted, $0) }
        let cvar95 = Self.tailMean(sorted, 0.95), cvar99 = Self.tailMean(sorted, 0.99)
        self.init(
            mean: mean, sd: sd, se: (stratified ? BatchMeans.standardError(x[...]) : nil) ?? sd / Double(n).squareRoot(),
            p05: p[0], p50: p[1], p90: p[2], p95: p[3], p99: p[4], cvar95: cvar95, cvar99: cvar99, max: sorted[n - 1],
            intervals: TailIntervals(
                p05: ranks.interval(0, sorted, point: p[0]), p50: ranks.interval(1, sorted, point: p[1]),
                p90: ranks.interval(2, sorted, point: p[2]), p95: ranks.interval(3, sorted, point: p[3]),
                p99: ranks.interval(4, sorted, point: p[4]),
                cvar95SE: TailIntervals.cvarStandardError(sorted, alpha: 0.95, tailMean: cvar95),
                cvar99SE: TailIntervals.cvarStandardError(sorted, alpha: 0.99, tailMean: cvar99)))
    }

    public init(
        mean: Double, sd: Double, se: Double, p05: Double, p50: Double, p90: Double, p95: Double, p99: Double,
        cvar95: Double, cvar99: Double, max: Double, intervals: TailIntervals
    ) {
        self.mean = mean
        self.sd = sd
        self.se = se
        self.p05 = p05
        self.p50 = p50
        self.p90 = p90
        self.p95 = p95
        self.p99 = p99
        self.cvar95 = cvar95
        self.cvar99 = cvar99
        self.max = max
        self.intervals = intervals
    }

    /// Type-7 quantile of sorted values: x[⌊h⌋] + (h − ⌊h⌋)(x[⌊h⌋+1] − x[⌊h⌋]), h = (N − 1)q.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down))
        let hi = Swift.min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// The mean of the largest ⌈N(1 − α)⌉ values.
    public static func tailMean(_ sorted: [Double], _ alpha: Double) -> Double {
        let k = tailCount(sorted.count, alpha)
        var s = 0.0
        for v in sorted[(sorted.count - k)...] { s += v }
        return s / Double(k)
    }

    /// ⌈N(1 − α)⌉, at least 1 and at most N: the number of paths CVaRα averages.
    static func tailCount(_ n: Int, _ alpha: Double) -> Int {
        // The small offset keeps 10000 × 0.05 = 500.0000000000001 from counting as 501.
        Swift.min(n, Swift.max(1, Int((Double(n) * (1 - alpha) - 1e-9).rounded(.up))))
    }

    /// The largest se/|mean| over series with a nonzero mean, from merged moments.
    static func worstRelativeSE(_ moments: [Moments]) -> Double {
        var worst = 0.0
        for m in moments where m.mean != 0 {
            guard m.count > 1 else { return .infinity }
            worst = Swift.max(worst, m.sd / m.count.squareRoot() / abs(m.mean))
        }
        return worst
    }

    /// The largest se/|mean| over series with a nonzero mean.
    static func worstRelativeSE(_ series: [[Double]]) -> Double {
        var worst = 0.0
        for x in series {
            let n = Double(x.count)
            guard n > 1 else { return .infinity }
            var sum = 0.0
            for v in x { sum += v }
            let mean = sum / n
            guard mean != 0 else { continue }
            var ss = 0.0
            for v in x { ss += (v - mean) * (v - mean) }
            worst = Swift.max(worst, (ss / (n - 1)).squareRoot() / n.squareRoot() / abs(mean))
        }
        return worst
    }
}

/// The risk of one appropriation: a budget line in one year, or over the horizon.
public struct BudgetStatistics: Sendable, Equatable {
    /// The appropriation (over the horizon: the sum of the line's years).
    public var budget: Double
    /// The demand on the line before rationing: its mean and percentiles.
    public var demand: SeriesStatistics
    /// The share of paths whose demand exceeds the appropriation (over the horizon: in at least
    /// one year).
    public var probabilityOver: Double
    /// E[max(demand − budget, 0)] (over the horizon: summed over the years).
    public var expectedExcess: Double
    /// E[demand − paid]: what pro-rata rationing leaves unpaid; 0 without rationing.
    public var expectedUnpaid: Double

    public init(budget: Double, demand: SeriesStatistics, probabilityOver: Double, expectedExcess: Double, expectedUnpaid: Double) {
        self.budget = budget
        self.demand = demand
        self.probabilityOver = probabilityOver
        self.expectedExcess = expectedExcess
        self.expectedUnpaid = expectedUnpaid
    }
}
