import CoFundEngine
import CoFundModel

/// `--importance`'s lines: the target's tail by importance sampling against the plain run's.
public enum ImportanceText {
    public static func render(_ r: SimulationResult, _ i: ImportanceSampling) -> String {
        let s = r.scenario
        let name = i.target == "all" ? "all funders" : s.reportedFunderName(i.target)
        var out = [
            "Importance sampling of \(TerminalText.name(name))'s total \(s.years.lowerBound)–\(s.years.upperBound) (\(s.unit.label)): "
                + "\(i.shiftedInputs) of \(i.inputs) per-path inputs shifted by \(Formatting.amount(i.shiftLength, decimals: 2)) standard deviations along the pilot's regression "
                + "(\(Formatting.amount(Double(i.pilotPaths), decimals: 0)) paths, R² \(Formatting.amount(i.rSquared, decimals: 2))); "
                + "effective sample size \(Formatting.amount(i.effectiveSampleSize, decimals: 0)) of \(Formatting.amount(Double(i.paths), decimals: 0)) paths; "
                + "mean weight \(Formatting.amount(i.meanWeight.value, decimals: 3)) ± \(Formatting.amount(i.meanWeight.se, decimals: 3)) (it should be 1)."
        ]
        var table = TextTable(
            header: ["statistic", "weighted", "95% interval", "plain", "95% interval", "plain paths for the same interval"],
            rightAligned: [1, 2, 3, 4, 5])
        for e in i.estimates {
            table.add([
                e.statistic, Formatting.amount(e.value, decimals: 0), interval(e.interval), Formatting.amount(e.plainValue, decimals: 0),
                interval(e.plainInterval), e.pathsRatio.map { "× \(Formatting.amount($0, decimals: 1))" } ?? "",
            ])
        }
        out.append(table.rendered)
        if !i.largestShifts.isEmpty {
            out.append(
                "Largest shifts: "
                    + i.largestShifts.map { "\(TerminalText.escaped($0.input)) \(Formatting.amount($0.theta, decimals: 2))" }.joined(separator: ", ")
                    + ".")
        }
        return out.joined(separator: "\n")
    }

    static func interval(_ r: ClosedRange<Double>?) -> String {
        r.map { "\(Formatting.amount($0.lowerBound, decimals: 0)) – \(Formatting.amount($0.upperBound, decimals: 0))" } ?? "(too few paths)"
    }
}
