import CoFundModel

extension PairedComparison {
    /// The change in one budget line's risk, in one year or over the horizon: each run's figures
    /// and the paired differences of the per-path indicator "demand exceeds the budget" (the change
    /// in `p_over`) and of the per-path excess max(demand − budget, 0).
    ///
    /// A line is the same line in both runs when its id and funder are. A line or a year that has
    /// an appropriation in one run only keeps that run's figures, with the other's and the
    /// differences nil: a budget that does not exist in a run has no chance of being exceeded there.
    public struct LineRow: Sendable {
        public var line: String
        public var name: String
        public var funder: String
        /// Year index from the first year; nil for the horizon (`any`: exceeded in at least one year).
        public var year: Int?
        public var base: BudgetStatistics?
        public var reform: BudgetStatistics?
        public var deltaOver: PairedDifference?
        public var deltaExcess: PairedDifference?
    }

    struct LineKey: Hashable {
        var id: String
        var funder: String
    }

    /// Every line of either run, the baseline's first, each line's years then its horizon row.
    static func lineRows(base: KeptPathsRun, reform: KeptPathsRun) -> [LineRow] {
        let baseLines = base.result.plan.lines
        let reformLines = reform.result.plan.lines
        let keys = { (lines: [BudgetLine]) in lines.map { LineKey(id: $0.id, funder: $0.funder) } }
        let baseIndex = Dictionary(keys(baseLines).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let reformIndex = Dictionary(keys(reformLines).enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var ordered: [LineKey] = []
        for k in keys(baseLines) + keys(reformLines) where !ordered.contains(k) { ordered.append(k) }
        var rows: [LineRow] = []
        for key in ordered {
            let b = baseIndex[key], r = reformIndex[key]
            let bPaths = b.map { base.budgetPaths(line: $0) }
            let rPaths = r.map { reform.budgetPaths(line: $0) }
            let name = (r.map { reformLines[$0] } ?? b.map { baseLines[$0] })?.name ?? key.id
            let years = Set((bPaths?.years.keys).map(Array.init) ?? []).union((rPaths?.years.keys).map(Array.init) ?? []).sorted()
            for y in years {
                let bp = bPaths?.years[y], rp = rPaths?.years[y]
                rows.append(
                    LineRow(
                        line: key.id, name: name, funder: key.funder, year: y,
                        base: b.flatMap { base.result.budget(line: $0, year: y) },
                        reform: r.flatMap { reform.result.budget(line: $0, year: y) },
                        deltaOver: difference(bp?.over, rp?.over), deltaExcess: difference(bp?.excess, rp?.excess)))
            }
            rows.append(
                LineRow(
                    line: key.id, name: name, funder: key.funder, year: nil,
                    base: b.map { base.result.lineBudgets[$0] }, reform: r.map { reform.result.lineBudgets[$0] },
                    deltaOver: difference(bPaths?.any.over, rPaths?.any.over),
                    deltaExcess: difference(bPaths?.any.excess, rPaths?.any.excess)))
        }
        return rows
    }

    static func difference(_ base: [Double]?, _ reform: [Double]?) -> PairedDifference? {
        guard let base, let reform else { return nil }
        return PairedDifference(base: base, reform: reform)
    }

    /// The line rows of line `id` of `funder`: its years, then the horizon.
    public func lineRows(_ id: String, funder: String) -> [LineRow] {
        lines.filter { $0.line == id && $0.funder == funder }
    }
}
