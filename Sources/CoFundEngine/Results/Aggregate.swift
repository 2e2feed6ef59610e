/// What a run too large to keep every path's values keeps instead: per block the moments of every
/// series and the budget counts, and per series a quantile sketch. Memory is independent of the
/// number of paths (but for a few numbers per block), and everything merges exactly: blocks in
/// block order, sketches by adding counts — so shards merged give the same report as one run.
public struct Aggregate: Sendable, RunValues {
    /// One block's summary.
    public struct Block: Sendable {
        public var moments: [Moments]
        /// Per budget cell: paths with demand above the appropriation, and the excess summed.
        public var over: [UInt64]
        public var excess: [Double]
        /// Per budget line: paths over in at least one year, and the excess summed over its years.
        public var anyOver: [UInt64]
        public var anyExcess: [Double]

        public init(moments: [Moments], over: [UInt64], excess: [Double], anyOver: [UInt64], anyExcess: [Double]) {
            self.moments = moments
            self.over = over
            self.excess = excess
            self.anyOver = anyOver
            self.anyExcess = anyExcess
        }
    }

    public var blocks: [Block] = []
    public var sketches: [QuantileSketch]

    public init(series: Int) {
        sketches = [QuantileSketch](repeating: QuantileSketch(), count: series)
    }

    public var paths: Int { Int(blocks.reduce(0) { $0 + ($1.moments.first?.count ?? 0) }) }

    /// Appends `other`'s blocks after this one's and merges its sketches.
    public mutating func append(_ other: Aggregate) {
        blocks += other.blocks
        for i in sketches.indices { sketches[i].merge(other.sketches[i]) }
    }

    func worstRelativeSE(series count: Int) -> Double { SeriesStatistics.worstRelativeSE(Array(moments.prefix(count))) }

    /// Moments of every series over all blocks, merged in block order.
    public var moments: [Moments] {
        guard let first = blocks.first else { return [] }
        var m = [Moments](repeating: Moments(), count: first.moments.count)
        for b in blocks { for i in m.indices { m[i].merge(b.moments[i]) } }
        return m
    }
}

extension SeriesStatistics {
    /// Statistics from merged moments and a sketch: mean and sd exact, percentiles and CVaR within
    /// the sketch's relative accuracy α = 0.1%, max exact. A sketch holds no order statistics:
    /// each percentile's bounds are its accuracy, v·(1 ∓ α), and the CVaR standard errors are unknown.
    init(moments m: Moments, sketch s: QuantileSketch) {
        let p = OrderStatisticRanks.levels.map { s.quantile($0) }
        let bounds = p.map(TailIntervals.sketchBounds)
        self.init(
            mean: m.mean, sd: m.sd, se: m.count > 0 ? m.sd / m.count.squareRoot() : 0,
            p05: p[0], p50: p[1], p90: p[2], p95: p[3], p99: p[4],
            cvar95: s.tailMean(0.95), cvar99: s.tailMean(0.99), max: s.count > 0 ? s.max : 0,
            intervals: TailIntervals(
                p05: bounds[0], p50: bounds[1], p90: bounds[2], p95: bounds[3], p99: bounds[4], cvar95SE: nil, cvar99SE: nil))
    }
}
