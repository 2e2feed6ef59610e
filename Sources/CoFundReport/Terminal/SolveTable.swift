import CoFundEngine
import CoFundModel

/// What `cofund solve` prints: every run of the search in the order run, with the figure, its 95%
/// interval and whether it meets the target, then the answer.
public enum SolveTable {
    public static func render(_ solution: SolveAnalysis.Solution) -> String {
        let r = solution.result
        let s = r.scenario
        let target = solution.target
        var out = [
            "\(s.title) (\(s.id)) · solve \(solution.lever) for \(target) · \(Formatting.amount(Double(r.paths))) paths per run on common random numbers (seed \(r.options.seed))",
            "",
        ]
        var table = TextTable(header: ["run", solution.lever, target.figure, "95% interval", "meets"], rightAligned: [0, 1, 2])
        table.maxWidths = [1: TerminalText.nameWidth, 2: TerminalText.nameWidth]
        for (i, e) in solution.evaluations.enumerated() {
            table.add([String(i + 1), SolveTarget.number(e.value), SolveTarget.display(e.figure.value), interval(e.figure), e.meets ? "yes" : "no"])
        }
        out.append(table.rendered)
        let a = solution.answerEvaluation
        out += [
            "",
            "Answer: \(solution.lever) = \(SolveTarget.number(a.value)) meets \(target): \(target.figure) = \(SolveTarget.display(a.figure.value))"
                + (a.figure.interval.map { " (95% interval \(SolveTarget.display($0.lowerBound)) to \(SolveTarget.display($0.upperBound)))" } ?? "")
                + ", after \(solution.evaluations.count) runs.",
        ]
        let b = solution.bracket
        if solution.converged {
            out.append(
                "The target stops being met within \(SolveTarget.number(b.upperBound - b.lowerBound)) of it (between \(SolveTarget.number(b.lowerBound)) and \(SolveTarget.number(b.upperBound)); tolerance \(SolveTarget.number(solution.tolerance)))."
            )
        } else {
            out.append(
                "Stopped after \(SolveAnalysis.maxSteps) halvings with the bracket \(SolveTarget.number(b.lowerBound)) to \(SolveTarget.number(b.upperBound)) still wider than the tolerance \(SolveTarget.number(solution.tolerance))."
            )
        }
        if let i = a.figure.interval, i.contains(target.bound) {
            out.append(
                "The bound \(SolveTarget.number(target.bound)) lies inside the figure's 95% interval at the answer: on other paths the answer may move; more paths narrow it."
            )
        }
        return TerminalText.escaped(out.joined(separator: "\n"), keepingLineBreaks: true)
    }

    static func interval(_ f: SolveFigure) -> String {
        f.interval.map { "\(SolveTarget.display($0.lowerBound)) to \(SolveTarget.display($0.upperBound))" } ?? ""
    }
}
