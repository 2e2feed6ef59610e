/// A reform against its baseline, both run on the same random numbers (same seed, same paths).
///
/// Every series is differenced path by path: the delta's standard error is sd(reform − base)/√N,
/// which common random numbers make far smaller than √(Var(reform) + Var(base))/√N, the error of
/// two independent runs.
public struct PairedComparison: Sendable {
    public let base: SimulationResult
    public let reform: SimulationResult
    public let rows: [Row]
    /// Every budget line's change, by year and over the horizon.
    public let lines: [LineRow]

    /// One series of the comparison. A series present in one run only (a program the reform
    /// removes, a funder it adds) counts as zero on every path of the other.
    public struct Row: Sendable {
        public var key: SeriesKey
        public var base: SeriesStatistics
        public var reform: SeriesStatistics
        /// Statistics of the per-path difference reform − base.
        public var delta: SeriesStatistics
        /// Var(reform − base) / (Var(reform) + Var(base)): how much of the variance of two
        /// independent runs' difference common random numbers leave; nil when both are constant.
        public var varianceRatio: Double?

        /// The batch-means 95% interval of the change in the p95 (`BatchMeans`); nil with too
        /// few paths.
        public var p95Interval95: ClosedRange<Double>?

        /// The 95% confidence interval of the mean delta: mean ± 1.96 se.
        public var interval95: ClosedRange<Double> {
            (delta.mean - 1.96 * delta.se)...(delta.mean + 1.96 * delta.se)
        }

        /// The change in the 95th percentile over all paths: p95(reform) − p95(base).
        public var p95Delta: Double { reform.p95 - base.p95 }
    }

    public enum Mismatch: Error, CustomStringConvertible {
        case paths(Int, Int)
        case years

        public var description: String {
            switch self {
            case let .paths(a, b): "the runs have \(a) and \(b) paths; a paired comparison needs the same paths"
            case .years: "the reform changes the scenario's years; compare runs over the same horizon"
            }
        }
    }

    public init(base keptBase: KeptPathsRun, reform keptReform: KeptPathsRun) throws(Mismatch) {
        let base = keptBase.result, reform = keptReform.result
        guard base.paths == reform.paths else { throw .paths(base.paths, reform.paths) }
        guard base.scenario.years == reform.scenario.years else { throw .years }
        self.base = base
        self.reform = reform
        // Net series only: the gross and recovered series of risk programs are not compared.
        let baseAll = base.seriesKeys, reformAll = reform.seriesKeys
        let baseKeys = baseAll.filter { $0.flow == .net }
        let reformKeys = reformAll.filter { $0.flow == .net }
        let reformIndex = Dictionary(reformAll.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let baseIndex = Dictionary(baseAll.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let zeros = [Double](repeating: 0, count: base.paths)
        var keys = baseKeys
        keys += reformKeys.filter { baseIndex[$0] == nil }
        rows = keys.map { key in
            let b = baseIndex[key].map { keptBase.values.series[$0] } ?? zeros
            let r = reformIndex[key].map { keptReform.values.series[$0] } ?? zeros
            let d = zip(r, b).map { $0 - $1 }
            let bs = baseIndex[key].map { base.statistics[$0] } ?? SeriesStatistics(zeros)
            let rs = reformIndex[key].map { reform.statistics[$0] } ?? SeriesStatistics(zeros)
            let ds = SeriesStatistics(d)
            let independent = bs.sd * bs.sd + rs.sd * rs.sd
            return Row(
                key: key, base: bs, reform: rs, delta: ds, varianceRatio: independent > 0 ? ds.sd * ds.sd / independent : nil,
                p95Interval95: BatchMeans.p95DeltaInterval(base: b, reform: r))
        }
        lines = Self.lineRows(base: keptBase, reform: keptReform)
    }

    public func row(_ key: SeriesKey) -> Row? { rows.first { $0.key == key } }
}
