import CoFundEngine
import CoFundModel

/// The run's self-check in words, for the terminal: how many programs have a closed-form mean,
/// how far the simulation strays from it, and the government total estimated with the closed
/// forms as a control variate.
public enum SelfCheckText {
    /// The check's bound in standard errors, to one decimal: "4", or "5.1" for a stratified run.
    static func tolerance(_ check: SelfCheck) -> String { Formatting.trimmed((check.tolerance * 10).rounded() / 10) }

    public static func render(_ r: SimulationResult, _ check: SelfCheck) -> String {
        let s = r.scenario
        let layout = r.plan.layout
        var out: [String] = []
        let covered = check.programs - check.missing.count
        let compared = check.rows.filter { $0.z != nil }
        if let worst = check.worst, let z = worst.z {
            out.append(
                "Self-check: \(covered) of \(check.programs) programs have a closed-form mean; the simulated means of their \(Formatting.amount(Double(compared.count), decimals: 0)) series lie within \(Formatting.amount(abs(z), decimals: 1)) standard errors of it (furthest: \(label(worst, layout, s))); see checks.csv."
            )
        } else {
            out.append("Self-check: no program has a closed-form mean.")
        }
        if !check.missing.isEmpty {
            out.append(
                "  without one: "
                    + check.missing.map { "\(TerminalText.escaped($0.program)) (\(TerminalText.escaped($0.reason)))" }.joined(separator: "; ") + ".")
        }
        let failures = check.failures
        if !failures.isEmpty {
            out.append(
                "  WARNING: \(failures.count) series lie more than \(tolerance(check)) standard errors from their closed form: "
                    + failures.prefix(5).map { label($0, layout, s) }.joined(separator: "; ") + ".")
        }
        if let g = layout.index(program: nil, funder: Funder.governmentID, year: .total),
            let row = check.rows.first(where: { $0.series == g })
        {
            let span = "\(s.years.lowerBound)–\(s.years.upperBound)"
            let simulated = "simulated \(Formatting.amount(row.mean, decimals: 0)) ± \(Formatting.amount(row.se, decimals: 0))"
            if let c = row.closedForm {
                out.append("Government total \(span): \(Formatting.amount(c, decimals: 0)) expected in closed form (\(simulated)).")
            } else if let cv = row.controlled {
                var line =
                    "Government total \(span), with the closed forms as control variate: \(Formatting.amount(cv.mean, decimals: 0)) ± \(Formatting.amount(cv.se, decimals: 0)) (\(simulated)"
                if cv.se > 0, row.se > cv.se {
                    let ratio = (row.se / cv.se) * (row.se / cv.se)
                    line +=
                        ratio >= 1000
                        ? "; more precise than 1,000 times the paths without it"
                        : "; as precise as \(Formatting.amount((Double(r.paths) * ratio).rounded(), decimals: 0)) paths without it"
                }
                out.append(line + ").")
            }
        }
        return out.joined(separator: "\n")
    }

    static func label(_ row: SelfCheck.Row, _ layout: SeriesLayout, _ s: Scenario) -> String {
        let series = layout.series[row.series]
        let program = series.program.map { TerminalText.escaped(s.programs[$0].id) } ?? "all programs"
        let funder = series.funder.map { TerminalText.escaped($0) } ?? "all funders"
        let year: String
        switch series.year {
        case let .year(y): year = String(s.years.lowerBound + y)
        case .total: year = "total"
        case .after: year = "after"
        }
        let flow = series.flow == .net ? "" : " · \(series.flow.rawValue)"
        return "\(program) · \(funder) · \(year)\(flow)"
    }
}
