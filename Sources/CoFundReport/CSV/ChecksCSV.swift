import CoFundEngine
import CoFundModel

/// `checks.csv`: the run's self-check (`SelfCheck`). One row per series with a closed-form mean —
/// its `closed_form`, the simulated `mean` and `se`, and `z` = (mean − closed_form) / se, which should
/// lie within ±4 — and one per funder total (program `all`), whose `controlled_mean` and
/// `controlled_se` estimate its mean with the closed forms as a control variate (empty when the
/// paths were not kept). Rows follow summary.csv's order.
public enum ChecksCSV {
    public static let columns = [
        "scenario", "program", "funder", "period", "year", "flow", "closed_form", "mean", "se", "z", "controlled_mean", "controlled_se",
        "unit",
    ]

    public static func table(_ r: SimulationResult, _ check: SelfCheck, byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        let s = r.scenario
        let digits = NumberText.decimals(for: s.unit)
        for row in check.rows {
            let series = r.plan.layout.series[row.series]
            let program = series.program.map { s.programs[$0].id } ?? "all"
            let z: CSVWriter.Cell = row.z.map { $0.isFinite ? .fixed($0, 3) : .text($0 > 0 ? "inf" : "-inf") } ?? .empty
            csv.row(
                [.text(s.id), .text(program), .text(series.funder ?? "all")] + SummaryCSV.periodCells(series.year, s)
                    + [
                        .text(series.flow.rawValue), row.closedForm.map { .fixed($0, digits) } ?? .empty, .fixed(row.mean, digits),
                        .fixed(row.se, digits), z, row.controlled.map { .fixed($0.mean, digits) } ?? .empty,
                        row.controlled.map { .fixed($0.se, digits) } ?? .empty, .text(s.unit.rawValue),
                    ])
        }
        return csv
    }
}
