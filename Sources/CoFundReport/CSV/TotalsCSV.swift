import CoFundEngine
import CoFundModel

/// `totals.csv`: each funder's exposure over all programs, one column per year, for the
/// statistics a budget table needs (mean, p95, CVaR95) — the shape to paste into a spreadsheet.
/// After the funders come `government` (the fiscal funders summed path by path) and `all`.
public enum TotalsCSV {
    public static let statistics = ["mean", "p95", "cvar95"]

    static func pick(_ name: String, _ s: SeriesStatistics) -> Double {
        switch name {
        case "p95": s.p95
        case "cvar95": s.cvar95
        default: s.mean
        }
    }

    public static func render(_ r: SimulationResult, byteOrderMark: Bool = true) -> String {
        table(r, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ r: SimulationResult, byteOrderMark: Bool = true) -> CSVWriter {
        let s = r.scenario
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        let yearColumns = s.years.map(String.init)
        csv.header(["scenario", "funder", "funder_name", "level", "statistic"] + yearColumns + ["total", "after", "unit"])
        let digits = NumberText.decimals(for: s.unit)
        let slots: [SeriesLayout.YearSlot] = (0..<s.years.count).map { .year($0) } + [.total, .after]
        let government = r.plan.layout.hasGovernment
        for f in r.plan.layout.funders + (government ? [Funder.governmentID] : []) + [nil] as [String?] {
            let funder = f.flatMap { s.funder($0) }
            for name in statistics {
                let cells = slots.map { y in
                    r.statistics(program: nil, funder: f, year: y).map { CSVWriter.Cell.fixed(pick(name, $0), digits) } ?? .empty
                }
                csv.row(
                    [s.id, f ?? "all", s.reportedFunderName(f), funder?.level.rawValue ?? "", name].map(CSVWriter.Cell.text)
                        + cells + [.text(s.unit.rawValue)])
            }
        }
        return csv
    }
}
