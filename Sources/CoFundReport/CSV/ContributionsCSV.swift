import CoFundEngine
import CoFundModel

/// `contributions.csv`: which programs make a funder's bad year. For each funder (`scope`
/// `funder`), the government total (`government`) and each budget line's demand (`line`; `funder`
/// says whose payments), one row per program paying into the horizon total, then an `all` row with
/// the total's own figures.
///
/// `mean` is the program's mean; `sd_contribution` Euler's split Cov(X_p, T)/sd(T);
/// `cvar95_contribution` and `cvar99_contribution` the program's mean on the worst 5% and 1% of
/// paths of the total (the paths behind the total's CVaR); `share_of_cvar95` the fraction of the
/// total's CVaR95. All of these add up to the `all` row. `p95_contribution` is an estimate:
/// E[X_p | T near its p95] with a Gaussian kernel (Silverman's bandwidth on T), rescaled to add up
/// to the p95. A run that kept quantile sketches instead of every path has no rows.
public enum ContributionsCSV {
    public static let columns = [
        "scope", "id", "name", "funder", "program", "program_name", "mean", "sd_contribution", "p95_contribution",
        "cvar95_contribution", "cvar99_contribution", "share_of_cvar95", "unit",
    ]

    public static func render(_ r: SimulationResult, byteOrderMark: Bool = true) -> String {
        table(r, byteOrderMark: byteOrderMark).text
    }

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ r: SimulationResult, byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        let s = r.scenario
        let digits = NumberText.decimals(for: s.unit)
        for c in RiskContributions.all(r) {
            let labels = [c.scope.rawValue, c.id, name(c, r), c.funder]
            func row(_ program: String, _ programName: String, _ f: RiskFigures) {
                let share: CSVWriter.Cell = c.total.cvar95 != 0 ? .fixed(f.cvar95 / c.total.cvar95, 6) : .empty
                csv.row(
                    (labels + [program, programName]).map(CSVWriter.Cell.text)
                        + [f.mean, f.sd, f.p95, f.cvar95, f.cvar99].map { .fixed($0, digits) } + [share, .text(s.unit.rawValue)])
            }
            for p in c.parts {
                let program = s.programs[p.program]
                row(program.id, program.name, p.figures)
            }
            row("all", "all programs", c.total)
        }
        return csv
    }

    /// The funder's, the government's or the line's name.
    static func name(_ c: RiskContributions, _ r: SimulationResult) -> String {
        c.line.map { r.plan.lines[$0].name } ?? r.scenario.reportedFunderName(c.id)
    }
}
