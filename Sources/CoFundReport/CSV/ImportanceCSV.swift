import CoFundEngine
import CoFundModel

/// `importance.csv` (`cofund run --importance ID`): the target's upper tail by importance sampling
/// beside the plain run's, one row per statistic (`p95`, `cvar95`) — `estimate` and its 95% interval, the plain run's
/// `plain_estimate` and interval (both by batch means over the same number of paths), and
/// `paths_ratio`, how many times as many plain paths the same interval needs — with the weighted
/// pass's effective sample size, the pilot's R² and the shift's length on every row.
public enum ImportanceCSV {
    public static let columns = [
        "scenario", "target", "statistic", "estimate", "ci95_low", "ci95_high", "plain_estimate", "plain_ci95_low", "plain_ci95_high",
        "paths_ratio", "paths", "effective_sample_size", "pilot_paths", "r_squared", "shift", "unit",
    ]

    public static func table(_ r: SimulationResult, _ i: ImportanceSampling, byteOrderMark: Bool = true) -> CSVWriter {
        var csv = CSVWriter(byteOrderMark: byteOrderMark)
        csv.header(columns)
        let s = r.scenario
        let digits = NumberText.decimals(for: s.unit)
        func bounds(_ range: ClosedRange<Double>?) -> [CSVWriter.Cell] {
            range.map { [.fixed($0.lowerBound, digits), .fixed($0.upperBound, digits)] } ?? [.empty, .empty]
        }
        for e in i.estimates {
            csv.row(
                [.text(s.id), .text(i.target), .text(e.statistic), .fixed(e.value, digits)] + bounds(e.interval)
                    + [.fixed(e.plainValue, digits)] + bounds(e.plainInterval)
                    + [
                        e.pathsRatio.map { .fixed($0, 3) } ?? .empty, .number(String(i.paths)), .fixed(i.effectiveSampleSize, 1),
                        .number(String(i.pilotPaths)), .fixed(i.rSquared, 4), .fixed(i.shiftLength, 4), .text(s.unit.rawValue),
                    ])
        }
        return csv
    }
}
