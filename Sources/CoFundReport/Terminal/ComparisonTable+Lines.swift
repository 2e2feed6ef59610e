import CoFundEngine
import CoFundModel

extension ComparisonTable {
    /// The government total's p95 over the horizon in both runs and its change, with the
    /// batch-means 95% interval; nil when the scenario has no fiscal funder.
    static func governmentP95(_ c: PairedComparison) -> String? {
        guard let g = c.row(SeriesKey(program: nil, funder: Funder.governmentID, year: .total)) else { return nil }
        let d = { (v: Double) in Formatting.amount(v, decimals: 1) }
        let interval =
            g.p95Interval95.map {
                ", 95% interval [\(d($0.lowerBound)), \(d($0.upperBound))] (batch means over \(BatchMeans.batches) batches of paths)"
            } ?? " (too few paths for an interval)"
        return "Government p95 over \(c.base.scenario.years.lowerBound)–\(c.base.scenario.years.upperBound): baseline \(d(g.base.p95)), "
            + "reform \(d(g.reform.p95)), change \(signed(g.p95Delta))\(interval)."
    }

    /// One row per budget line: the chance of exceeding it in at least one year in each run, the
    /// paired change with its 95% interval, and the change in each year; nil without lines.
    static func lines(_ c: PairedComparison) -> String? {
        let s = c.base.scenario
        let horizon = c.lines.filter { $0.year == nil }
        guard !horizon.isEmpty else { return nil }
        let points = { (v: Double) in (v > 0 ? "+" : "") + Formatting.amount(100 * v, decimals: 1) }
        var table = TextTable(
            header: ["budget line", "funder", "baseline", "reform", "change (pp)", "95% interval"] + s.years.map(String.init),
            rightAligned: Set(2..<(6 + s.years.count)))
        table.maxWidths = [0: TerminalText.nameWidth]
        var oneSided = false
        for row in horizon {
            let perYear = (0..<s.years.count).map { y in
                c.lines.first { $0.line == row.line && $0.funder == row.funder && $0.year == y }?.deltaOver.map {
                    $0.se > 0 ? "\(points($0.mean)) ±\(Formatting.amount(196 * $0.se, decimals: 1))" : points($0.mean)
                } ?? ""
            }
            let change = row.deltaOver.map { points($0.mean) } ?? "–"
            let interval =
                row.deltaOver.map {
                    "[\(points($0.interval95.lowerBound)), \(points($0.interval95.upperBound))]"
                } ?? (row.base == nil ? "reform only" : "baseline only")
            oneSided = oneSided || row.deltaOver == nil
            table.add(
                [
                    row.name, row.funder, row.base.map { Formatting.rate($0.probabilityOver) } ?? "–",
                    row.reform.map { Formatting.rate($0.probabilityOver) } ?? "–", change, interval,
                ] + perYear)
        }
        return table.rendered
            + (oneSided ? "\nA line with an appropriation in one run only has no change: its figures are in delta-budgets.csv." : "")
    }
}
