/// Path counts in equal-width bins, as the engine counts them (`SimulationResult.histogram`).
struct Histogram: Equatable {
    let lower: Double
    let binWidth: Double
    let counts: [Int]

    /// Bins splitting `range` evenly; when every path has the same value (an empty range), one bin
    /// around that value holds them all.
    init(range: ClosedRange<Double>, counts: [UInt64]) {
        let total = counts.reduce(0) { $0 + Int($1) }
        guard range.upperBound > range.lowerBound, !counts.isEmpty else {
            let v = range.lowerBound
            let w = v == 0 ? 1 : abs(v) * 0.02
            lower = v - w / 2
            binWidth = w
            self.counts = [total]
            return
        }
        lower = range.lowerBound
        binWidth = (range.upperBound - range.lowerBound) / Double(counts.count)
        self.counts = counts.map { Int($0) }
    }

    var upper: Double { lower + binWidth * Double(counts.count) }
}
