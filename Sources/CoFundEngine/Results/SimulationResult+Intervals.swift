extension SimulationResult {
    /// The batch-means 95% interval of series `index`'s p95 (`BatchMeans`); nil when the run kept
    /// block summaries instead of its paths, or has too few paths.
    public func p95Interval(series index: Int) -> ClosedRange<Double>? {
        guard case let .paths(v) = kept else { return nil }
        return BatchMeans.p95Interval(v.series[index])
    }

    /// The binomial standard error √(p(1 − p)/N) of line `line`'s chance of exceeding its budget in
    /// at least one year of the horizon.
    public func lineProbabilityOverSE(line: Int) -> Double {
        let p = lineBudgets[line].probabilityOver
        return (p * (1 - p) / Double(Swift.max(paths, 1))).squareRoot()
    }
}
