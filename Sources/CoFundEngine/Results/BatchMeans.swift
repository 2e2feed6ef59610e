import CGSL

/// A 95% interval for a 95th percentile, or for the paired change in one, by batch means.
///
/// The paths are cut into `batches` contiguous batches in path order (batch k holds paths
/// ⌊k·N/B⌋ ..< ⌊(k+1)·N/B⌋), so the cut depends on nothing but N. Each batch gives its own
/// estimate — its p95, or its p95 of the reform minus its p95 of the baseline — with the reports'
/// percentile (type 7). The batches' estimates are independent and, for batches of hundreds of
/// paths, close to normal, so their mean ± t₀.₉₇₅,B−1 · sd/√B is a 95% interval.
public enum BatchMeans {
    /// B: enough batches for a stable sd, each still large enough for its own p95.
    public static let batches = 20
    /// Fewer paths than this per batch give no interval: a batch's p95 needs paths in its tail.
    public static let minimumBatchSize = 20

    /// t₀.₉₇₅ with B − 1 degrees of freedom (GSL's inverse Student t).
    public static let tQuantile = gsl_cdf_tdist_Pinv(0.975, Double(batches - 1))

    /// The path range of batch `k` of `paths` paths.
    public static func batch(_ k: Int, of paths: Int) -> Range<Int> {
        (k * paths / batches)..<((k + 1) * paths / batches)
    }

    /// The interval of the p95 of `x`; nil with fewer than `batches × minimumBatchSize` paths.
    public static func p95Interval(_ x: [Double]) -> ClosedRange<Double>? {
        interval(paths: x.count) { range in SeriesStatistics.quantile(RadixSort.sorted(x[range]), 0.95) }
    }

    /// The interval of p95(reform) − p95(base), the two paired path by path; nil with fewer
    /// than `batches × minimumBatchSize` paths or when the two differ in length.
    public static func p95DeltaInterval(base: [Double], reform: [Double]) -> ClosedRange<Double>? {
        guard base.count == reform.count else { return nil }
        return interval(paths: base.count) { range in
            SeriesStatistics.quantile(RadixSort.sorted(reform[range]), 0.95) - SeriesStatistics.quantile(RadixSort.sorted(base[range]), 0.95)
        }
    }

    /// The standard error of the mean of `x` from its batches' means, sd/√B: for the paths of a
    /// stratified run (`LatinHypercube`), whose batches are independent but whose paths within a
    /// batch are not. Nil with fewer than `batches × 2` paths.
    public static func standardError(_ x: ArraySlice<Double>) -> Double? {
        let n = x.count
        guard n >= 2 * batches else { return nil }
        let means = (0..<batches).map { k -> Double in
            let range = batch(k, of: n)
            var s = 0.0
            for i in range { s += x[x.startIndex + i] }
            return s / Double(range.count)
        }
        return spread(means).sd / Double(batches).squareRoot()
    }

    /// mean ± t·sd/√B of one estimate per batch.
    static func interval(paths: Int, _ estimate: (Range<Int>) -> Double) -> ClosedRange<Double>? {
        guard paths >= batches * minimumBatchSize else { return nil }
        let (mean, sd) = spread((0..<batches).map { estimate(batch($0, of: paths)) })
        let half = tQuantile * sd / Double(batches).squareRoot()
        return (mean - half)...(mean + half)
    }

    /// The mean and the sample standard deviation of the batches' estimates.
    private static func spread(_ values: [Double]) -> (mean: Double, sd: Double) {
        var sum = 0.0
        for v in values { sum += v }
        let mean = sum / Double(values.count)
        var ss = 0.0
        for v in values { ss += (v - mean) * (v - mean) }
        return (mean, (ss / Double(values.count - 1)).squareRoot())
    }
}
