import CoFundEngine
import CoFundModel
import Foundation

/// What `cofund run --explain-tail ID` prints: for a funder, the government or a budget line, each
/// program's mean over the horizon, its contribution to the total's CVaR95 (its mean on the worst
/// 5% of paths of the total), its share of that CVaR, and the ratio of the two — how much worse
/// than its average the program is in the bad years.
public enum TailTable {
    /// The ids `--explain-tail` accepts for a run of `plan`: its paying funders, `government` when
    /// a fiscal funder pays, and its budget lines.
    public static func ids(_ plan: SimulationPlan) -> [String] {
        var ids = plan.layout.funders
        if plan.layout.hasGovernment { ids.append(Funder.governmentID) }
        for line in plan.lines where !ids.contains(line.id) { ids.append(line.id) }
        return ids
    }

    /// Why `id` cannot be explained in a run of `plan`, with the closest id; nil when it can.
    public static func refusal(_ id: String, _ plan: SimulationPlan, file: String) -> String? {
        let ids = ids(plan)
        guard !ids.contains(id) else { return nil }
        let hint = DidYouMean.suggestion(for: id, among: ids).map { "; did you mean `\($0)`?" } ?? ""
        return "--explain-tail: \(file) has no paying funder, government total or budget line `\(id)`\(hint) (one of: \(ids.joined(separator: ", ")))"
    }

    public static func render(_ r: SimulationResult, id: String) -> String {
        if let reason = RiskContributions.unavailableReason(r) { return reason + "." }
        let s = r.scenario
        let unit = s.unit.label
        var out: [String] = []
        for c in RiskContributions.of(r, id: id) {
            let name = c.line.map { r.plan.lines[$0].name } ?? s.reportedFunderName(c.id)
            let whose =
                c.scope == .line ? "budget line \(TerminalText.name(name)) \(c.id) (demand on \(c.funder))" : "\(TerminalText.name(name)) \(c.id)"
            out.append(
                "What makes the bad year of \(whose), \(s.years.lowerBound)–\(s.years.upperBound) in \(unit): CVaR95 \(Formatting.amount(c.total.cvar95, decimals: 0)) (the mean of the worst 5% of \(r.paths) paths), mean \(Formatting.amount(c.total.mean, decimals: 0))."
            )
            out.append("ratio: the program's CVaR95 contribution over its mean, how much worse than its average it is in the bad years.")
            out.append("")
            var table = TextTable(
                header: ["program", "name", "mean", "CVaR95 contribution", "share of CVaR95", "ratio"], rightAligned: [2, 3, 4, 5])
            table.maxWidths = [1: 36]
            for p in c.parts.sorted(by: { $0.figures.cvar95 > $1.figures.cvar95 }) {
                let program = s.programs[p.program]
                table.add([
                    program.id, TerminalText.name(program.name), Formatting.amount(p.figures.mean, decimals: 0),
                    Formatting.amount(p.figures.cvar95, decimals: 0), share(p.figures.cvar95, c.total.cvar95),
                    ratio(p.figures.cvar95, p.figures.mean),
                ])
            }
            table.add([
                "all", "all programs", Formatting.amount(c.total.mean, decimals: 0), Formatting.amount(c.total.cvar95, decimals: 0),
                share(c.total.cvar95, c.total.cvar95), ratio(c.total.cvar95, c.total.mean),
            ])
            out.append(table.rendered)
            out.append("")
        }
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n")
    }

    static func share(_ part: Double, _ whole: Double) -> String {
        whole != 0 ? String(format: "%.1f%%", 100 * part / whole) : ""
    }

    static func ratio(_ tail: Double, _ mean: Double) -> String {
        mean != 0 ? String(format: "%.2f×", tail / mean) : ""
    }
}
