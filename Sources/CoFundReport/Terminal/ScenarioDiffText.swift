import CoFundModel

/// What `cofund compare A.yaml B.yaml` prints before the fiscal change: which programs, funders and
/// budget lines the second file adds, removes or changes, and what a program present in one file
/// only means for the change.
public enum ScenarioDiffText {
    public static func render(_ diff: ScenarioDiff, base: String, reform: String) -> String {
        let a = TerminalText.escaped(base), b = TerminalText.escaped(reform)
        var out = ["\(a) → \(b), programs matched by id on common random numbers."]
        if diff.isEmpty {
            out.append("The two scenarios are the same: every change below is exactly zero.")
            return out.joined(separator: "\n")
        }
        func line(_ what: String, _ ids: [String]) {
            guard !ids.isEmpty else { return }
            out.append("  \(what): " + ids.map { TerminalText.escaped($0) }.joined(separator: ", "))
        }
        line("parameters added", diff.parametersAdded)
        line("parameters removed", diff.parametersRemoved)
        line("parameters changed", diff.parametersChanged)
        out += readerLines(diff).map { "    " + $0 }
        line("programs added", diff.programsAdded)
        line("programs removed", diff.programsRemoved)
        line("programs changed", diff.programsChanged)
        line("funders added", diff.fundersAdded)
        line("funders removed", diff.fundersRemoved)
        line("budget lines added", diff.budgetLinesAdded)
        line("budget lines removed", diff.budgetLinesRemoved)
        line("budget lines changed", diff.budgetLinesChanged)
        if !diff.programsAdded.isEmpty {
            out.append(
                "Only in \(b): \(diff.programsAdded.map { TerminalText.escaped($0) }.joined(separator: ", ")) — compared against nothing, so the whole cost is the change."
            )
        }
        if !diff.programsRemoved.isEmpty {
            out.append(
                "Only in \(a): \(diff.programsRemoved.map { TerminalText.escaped($0) }.joined(separator: ", ")) — compared against nothing, so the change is minus the whole cost."
            )
        }
        return out.joined(separator: "\n")
    }

    /// One line per added, removed or changed parameter naming the programs that read it in either
    /// scenario: `rd_cap → moves rd_post_subsidy, rd_post_subsidy_large` when its values or unit
    /// differ, `… → read by …` when only its name or description does, or it is in one file only.
    public static func readerLines(_ diff: ScenarioDiff) -> [String] {
        (diff.parametersAdded + diff.parametersRemoved + diff.parametersChanged).map { id in
            let ids = diff.parameterReaders[id] ?? []
            let moved =
                diff.parametersChanged.contains(id)
                && diff.fields.contains { $0.path.hasPrefix("parameters.\(id).values.") || $0.path == "parameters.\(id).unit" }
            let text =
                ids.isEmpty
                ? "\(id) → read by no program" : "\(id) → \(moved ? "moves" : "read by") \(ids.joined(separator: ", "))"
            return TerminalText.escaped(text)
        }
    }

    /// Each differing field as `path: base → reform`, each value cut to `limit` characters with `…`
    /// (long notes and descriptions), for the terminal and the report; `changes.csv` holds them whole.
    public static func briefChanges(_ diff: ScenarioDiff, limit: Int = 60) -> [String] {
        func cut(_ s: String) -> String { s.count <= limit ? s : String(s.prefix(limit - 1)) + "…" }
        return diff.fields.map { "\($0.path): \(cut($0.base)) → \(cut($0.reform))" }
    }
}
