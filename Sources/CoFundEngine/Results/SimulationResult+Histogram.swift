extension SimulationResult {
    /// The distribution of one series over the paths, in `bins` equal-width bins from its smallest
    /// to its largest value: exact counts when every path was kept, the sketch's otherwise.
    public func histogram(series index: Int, bins: Int) -> (range: ClosedRange<Double>, counts: [UInt64]) {
        switch kept {
        case let .sketches(a):
            let s = a.sketches[index]
            guard s.count > 0 else { return (0...0, [UInt64](repeating: 0, count: max(bins, 1))) }
            let range = s.min...s.max
            return (range, s.histogram(bins: bins, over: range))
        case let .paths(values):
            return Self.histogram(values.series[index], bins: bins)
        }
    }

    /// Exact counts of `x` in `bins` equal-width bins from its smallest to its largest value.
    static func histogram(_ x: [Double], bins: Int) -> (range: ClosedRange<Double>, counts: [UInt64]) {
        guard let lo = x.min(), let hi = x.max() else { return (0...0, [UInt64](repeating: 0, count: max(bins, 1))) }
        var counts = [UInt64](repeating: 0, count: max(bins, 1))
        let width = (hi - lo) / Double(counts.count)
        for v in x {
            let b = width > 0 ? min(Int(((v - lo) / width).rounded(.down)), counts.count - 1) : 0
            counts[b] += 1
        }
        return (lo...hi, counts)
    }
}
