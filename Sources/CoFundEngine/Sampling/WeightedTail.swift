/// Upper-tail statistics of weighted paths (importance sampling: each path's likelihood ratio w,
/// E[w] = 1), the weights 1 giving the plain estimates: P(Y > c) = Σ w·1{y > c} / n, the p-quantile
/// the largest y whose upper-tail weight reaches 1 − p, and CVaR_p the mean of the upper 1 − p of
/// the weighted distribution (the quantile's path weighted by what the tail still needs).
struct WeightedTail {
    /// (value, weight), largest value first.
    let sorted: [(y: Double, w: Double)]
    let n: Double

    init(_ y: ArraySlice<Double>, _ w: ArraySlice<Double>) {
        sorted = zip(y, w).map { (y: $0, w: $1) }.sorted { $0.y > $1.y }
        n = Double(y.count)
    }

    func quantile(_ p: Double) -> Double {
        var tail = 0.0
        for x in sorted {
            tail += x.w / n
            if tail >= 1 - p { return x.y }
        }
        return sorted.last?.y ?? 0
    }

    func conditionalTailMean(_ p: Double) -> Double {
        let q = quantile(p)
        var sum = 0.0, weight = 0.0
        for x in sorted where x.y > q {
            sum += x.w * x.y / n
            weight += x.w / n
        }
        return (sum + q * Swift.max(0, (1 - p) - weight)) / (1 - p)
    }
}
