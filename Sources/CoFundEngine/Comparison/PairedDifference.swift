/// The mean of a paired per-path difference d_i = reform_i − base_i and its standard error
/// sd(d)/√N. For indicators (a budget exceeded or not) the mean is the difference of the two
/// proportions, and its standard error accounts for the pairing.
public struct PairedDifference: Sendable, Equatable {
    public var mean: Double
    public var se: Double

    public init(mean: Double, se: Double) {
        self.mean = mean
        self.se = se
    }

    /// The difference of `reform` and `base`, path by path, summed in path order.
    public init(base: [Double], reform: [Double]) {
        let n = min(base.count, reform.count)
        guard n > 0 else {
            self.init(mean: 0, se: 0)
            return
        }
        var sum = 0.0
        for i in 0..<n { sum += reform[i] - base[i] }
        let mean = sum / Double(n)
        var ss = 0.0
        for i in 0..<n {
            let e = reform[i] - base[i] - mean
            ss += e * e
        }
        let sd = n > 1 ? (ss / Double(n - 1)).squareRoot() : 0
        self.init(mean: mean, se: sd / Double(n).squareRoot())
    }

    /// mean ± 1.96 se.
    public var interval95: ClosedRange<Double> { (mean - 1.96 * se)...(mean + 1.96 * se) }
}
