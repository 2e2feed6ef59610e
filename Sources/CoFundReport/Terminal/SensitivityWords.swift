import CoFundEngine
import CoFundModel

/// How the sensitivity outputs name a driver and a scope in words.
enum SensitivityWords {
    /// The program's name, or the budget line's, of a driver.
    static func programName(_ d: SensitivityAnalysis.Driver, _ s: Scenario) -> String {
        if let id = d.program { return s.programs.first { $0.id == id }?.name ?? id }
        if let id = d.line { return s.budgetLines.first { $0.id == id }?.name ?? id }
        return ""
    }

    /// "approval rate · 企业研究开发财政补助…": the field first, so that a cut name keeps it.
    static func label(_ d: SensitivityAnalysis.Driver, _ s: Scenario) -> String {
        let owner = programName(d, s)
        return owner.isEmpty ? d.field : "\(d.field) · \(owner)"
    }

    /// A scope's name: the funder's, `all funders`, or the budget line's with its funder.
    static func scopeName(_ w: SensitivityAnalysis.Swing, _ s: Scenario) -> String { scopeName(w.scope, w.id, w.line, s) }

    static func scopeName(_ scope: SensitivityAnalysis.Swing.Scope, _ id: String, _ line: Int?, _ s: Scenario) -> String {
        switch scope {
        case .funder: return s.funder(id)?.name ?? "all funders"
        case .line:
            let lines = s.allBudgetLines
            guard let l = line, lines.indices.contains(l) else { return id }
            return "\(lines[l].name) (\(lines[l].funder))"
        }
    }

    /// The scopes of `swings` in order, each with its swings.
    static func groups(_ swings: [SensitivityAnalysis.Swing]) -> [[SensitivityAnalysis.Swing]] {
        var out: [[SensitivityAnalysis.Swing]] = []
        for w in swings {
            if let last = out.last?.last, last.scope == w.scope, last.id == w.id, last.line == w.line {
                out[out.count - 1].append(w)
            } else {
                out.append([w])
            }
        }
        return out
    }

    /// Whether a swing moves its total beyond rounding (1e-9 relative), or its chance of overrun.
    static func moves(_ w: SensitivityAnalysis.Swing) -> Bool {
        guard w.ran, let low = w.low else { return false }
        return abs(w.meanSwing) > 1e-9 * max(1, abs(low.mean)) || abs(w.p95Swing) > 1e-9 * max(1, abs(low.p95)) || w.overSwing != 0
    }
}
