import CoFundEngine
import CoFundModel

/// What `cofund stress --format json` prints: the rows of `stress.csv`, one object per total.
public enum StressJSON {
    struct Total: Encodable {
        var scope: String
        var id: String
        var funder: String
        var tail: Double
        var tailPaths: Int
        var paths: Int
        var reproduced: Bool
        var rows: [Row]

        enum CodingKeys: String, CodingKey {
            case scope, id, funder, tail, paths, reproduced, rows
            case tailPaths = "tail_paths"
        }
    }

    struct Row: Encodable {
        var kind: String
        var program: String
        var measure: String
        var path: String
        var tailMean: Double
        var mean: Double
        var tailPercentile: Double?

        enum CodingKeys: String, CodingKey {
            case kind, program, measure, path, mean
            case tailMean = "tail_mean"
            case tailPercentile = "tail_percentile"
        }
    }

    public static func render(_ tests: [StressTest], plan: SimulationPlan) -> String {
        let s = plan.scenario
        return JSONStyle.text(
            tests.map { t in
                Total(
                    scope: t.series.scope.rawValue, id: t.series.id, funder: t.series.funder, tail: t.tail, tailPaths: t.tailPaths.count,
                    paths: t.paths, reproduced: t.reproduced,
                    rows: t.rows.map { r in
                        Row(
                            kind: r.kind.rawValue, program: StressLabels.program(r, s), measure: StressLabels.measure(r, t, s),
                            path: StressLabels.path(r, t, s), tailMean: r.tailMean, mean: r.allMean, tailPercentile: r.tailPercentile)
                    })
            })
    }
}
