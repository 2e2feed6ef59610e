import CoFundEngine
import CoFundModel

/// `budgets.csv`: every appropriation — each budget line in each year it has an amount, and over
/// the horizon (`period` `total`, `year` empty) — with the demand on it and the risk of exceeding it.
///
/// Per year: `budget`; the demand before rationing (`demand_mean`, `demand_p95`); `p_over`, the
/// share of paths whose demand exceeds the budget; `expected_excess`, E[max(demand − budget, 0)];
/// `expected_unpaid`, E[demand − paid], what pro-rata rationing leaves unpaid (0 without it).
/// The `total` row: the budgets summed, the demand of the horizon (path by path), the chance of
/// exceeding the budget in at least one year, and the excess and unpaid demand summed over the years.
/// `basis` says whether a cited text sets the amount (`cited`) or the scenario does (`illustrative`).
/// After `unit`: `p_over_se`, the binomial standard error of `p_over`, and `p_over_controlled` with
/// `p_over_controlled_se`, the same chance estimated with the closed-form expected demand as a
/// control variate (`BudgetControl`; empty when the demand has no closed form or the paths were not
/// kept).
public enum BudgetsCSV {
    public static let columns = [
        "scenario", "line", "line_name", "funder", "funder_name", "programs", "rationing", "basis", "source", "period", "year",
        "budget", "demand_mean", "demand_p95", "p_over", "expected_excess", "expected_unpaid", "unit",
        "p_over_se", "p_over_controlled", "p_over_controlled_se",
    ]

    public static func render(_ r: SimulationResult, byteOrderMark: Bool = true) -> String {
        table(r, byteOrderMark: byteOrderMark).text
    }

    /// `means`: the run's closed forms when already computed (`SelfCheck.means`).

    /// The records of `render`, typed: the table report.xlsx shows.
    public static func table(_ r: SimulationResult, means: ClosedFormMeans? = nil, byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        let s = r.scenario
        let digits = NumberText.decimals(for: s.unit)
        let controls = BudgetControl.all(r, means ?? ClosedFormMeans(plan: r.plan))
        for (l, line) in r.plan.lines.enumerated() {
            let labels = [
                s.id, line.id, line.name, line.funder, s.funder(line.funder)?.name ?? line.funder, line.programs.joined(separator: " "),
                line.rationing.rawValue, line.isIllustrative ? "illustrative" : "cited", line.source ?? "",
            ]
            let rows = r.plan.budgetGroups[l].map { (Optional(r.plan.budgetCells[$0].year), r.budgets[$0], controls.cells[$0]) }
            for (year, b, control) in rows + [(nil, r.lineBudgets[l], controls.lines[l])] {
                csv.row(
                    labels.map(CSVWriter.Cell.text) + DeltaBudgetsCSV.periodCells(year, s)
                        + [.fixed(b.budget, digits), .fixed(b.demand.mean, digits), .fixed(b.demand.p95, digits), .fixed(b.probabilityOver, 6)]
                        + [.fixed(b.expectedExcess, digits), .fixed(b.expectedUnpaid, digits), .text(s.unit.rawValue)]
                        + [
                            .fixed(control.se, 6), control.controlled.map { .fixed($0, 6) } ?? .empty,
                            control.controlledSE.map { .fixed($0, 6) } ?? .empty,
                        ])
            }
        }
        return csv
    }
}
