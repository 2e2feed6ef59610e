import CoFundEngine
import CoFundModel
import GRDB

/// One row of a run's `summary.csv`: a program × funder × year × flow and its statistics.
public struct SummaryRow: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "summary"
    /// The arm of a run or a merge.
    public static let runArm = "run"
    /// The arms of a comparison.
    public static let baselineArm = "baseline", reformArm = "reform"

    public var runID: Int64 = 0
    public var arm: String
    /// A program id, or `all`.
    public var program: String
    /// A funder id, `government` (the fiscal funders) or `all`.
    public var funder: String
    /// A year, `total` (the horizon) or `after` (paid after it).
    public var year: String
    public var flow: String
    public var mean: Double
    public var sd: Double
    /// The standard error of the mean.
    public var se: Double
    public var p05: Double
    public var p50: Double
    public var p90: Double
    public var p95: Double
    public var p99: Double
    public var cvar95: Double
    public var cvar99: Double
    public var max: Double
    public var cvar95SE: Double?

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case arm, program, funder, year, flow, mean, sd, se, p05, p50, p90, p95, p99, cvar95, cvar99, max
        case cvar95SE = "cvar95_se"
    }

    /// The rows of `summary.csv` for `r`, in its order; only the sums over programs when
    /// `allProgramsOnly` (a sweep keeps those at every point).
    public static func rows(_ r: SimulationResult, arm: String, allProgramsOnly: Bool = false) -> [SummaryRow] {
        let s = r.scenario
        return zip(r.plan.layout.series, r.statistics).compactMap { series, st in
            if allProgramsOnly, series.program != nil { return nil }
            let year: String
            switch series.year {
            case let .year(i): year = String(s.years.lowerBound + i)
            case .after: year = "after"
            case .total: year = "total"
            }
            return SummaryRow(
                arm: arm, program: series.program.map { s.programs[$0].id } ?? "all", funder: series.funder ?? "all", year: year,
                flow: series.flow.rawValue, mean: st.mean, sd: st.sd, se: st.se, p05: st.p05, p50: st.p50, p90: st.p90, p95: st.p95,
                p99: st.p99, cvar95: st.cvar95, cvar99: st.cvar99, max: st.max, cvar95SE: st.intervals.cvar95SE)
        }
    }

    /// A funder's sum over programs (net of recoveries) in one year slot.
    public var isFunderTotal: Bool { program == "all" && flow == SeriesLayout.Flow.net.rawValue }
}
