import CoFundEngine
import CoFundModel
import Foundation

/// The terminal output as JSON (`--format json`), for scripts: the same figures as the tables,
/// unrounded, keys sorted.
public enum TerminalJSON {
    static func text(_ object: Any) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    static func statistics(_ s: SeriesStatistics) -> [String: Double] {
        [
            "mean": s.mean, "sd": s.sd, "se": s.se, "p05": s.p05, "p50": s.p50, "p90": s.p90, "p95": s.p95, "p99": s.p99,
            "cvar95": s.cvar95, "cvar99": s.cvar99, "max": s.max,
        ]
    }

    static func header(_ s: Scenario, paths: Int, seed: UInt64) -> [String: Any] {
        [
            "scenario": s.id, "title": s.title, "unit": s.unit.rawValue, "first_year": s.years.lowerBound, "last_year": s.years.upperBound,
            "paths": paths, "seed": seed,
        ]
    }

    /// Each funder's exposure by year, over the horizon and after it, and the budgets at risk.
    public static func run(_ r: SimulationResult, changes: [String] = []) -> String {
        let s = r.scenario
        var out = header(s, paths: r.paths, seed: r.options.seed)
        out["reforms"] = changes
        out["funders"] = (r.plan.layout.funders + [nil] as [String?]).map { f -> [String: Any] in
            var years: [String: Any] = [:]
            for (i, y) in s.years.enumerated() {
                years[String(y)] = r.statistics(program: nil, funder: f, year: .year(i)).map(statistics)
            }
            return [
                "id": f ?? "all", "name": f.flatMap { s.funder($0)?.name } ?? "all funders", "years": years,
                "total": r.statistics(program: nil, funder: f, year: .total).map(statistics) ?? [:],
                "after": r.statistics(program: nil, funder: f, year: .after).map(statistics) ?? [:],
            ]
        }
        out["budgets"] = r.plan.budgetCells.enumerated().map { i, c -> [String: Any] in
            [
                "program": s.programs[c.program].id, "funder": c.funder, "year": s.years.lowerBound + c.year, "budget": c.amount,
                "p_over_budget": r.budgets[i].probabilityOver, "expected_overrun": r.budgets[i].expectedOverrun,
            ]
        }
        return text(out)
    }

    /// Each funder's change over the horizon and by year, with its standard error.
    public static func compare(_ c: PairedComparison, changes: [String]) -> String {
        let s = c.base.scenario
        var out = header(s, paths: c.base.paths, seed: c.base.options.seed)
        out["reforms"] = changes
        func delta(_ row: PairedComparison.Row) -> [String: Any] {
            [
                "base_mean": row.base.mean, "reform_mean": row.reform.mean, "delta_mean": row.delta.mean, "delta_se": row.delta.se,
                "delta_ci95": [row.interval95.lowerBound, row.interval95.upperBound], "variance_ratio": row.varianceRatio ?? NSNull(),
            ]
        }
        out["funders"] = c.rows.filter { $0.key.program == nil && $0.key.year == .total }.map { total -> [String: Any] in
            var years: [String: Any] = [:]
            for (i, y) in s.years.enumerated() {
                years[String(y)] = c.row(SeriesKey(program: nil, funder: total.key.funder, year: .year(i))).map(delta)
            }
            return ["id": total.key.funder ?? "all", "total": delta(total), "years": years]
        }
        return text(out)
    }

    /// Each point's funder totals.
    public static func sweep(parameters: [String], points: [SweepCSV.Point]) -> String {
        text(
            points.map { p -> [String: Any] in
                let values = Dictionary(uniqueKeysWithValues: zip(parameters, p.values))
                let funders = (p.result.plan.layout.funders + [nil] as [String?]).map { f -> [String: Any] in
                    ["id": f ?? "all", "total": p.result.statistics(program: nil, funder: f, year: .total).map(statistics) ?? [:]]
                }
                return ["values": values, "funders": funders]
            })
    }

    /// The ranked swings per funder.
    public static func sensitivity(_ swings: [SensitivityAnalysis.Swing]) -> String {
        text(
            swings.map { w -> [String: Any] in
                [
                    "funder": w.funder, "parameter": w.parameter.name, "value_p10": w.lowValue, "value_p90": w.highValue,
                    "mean_at_p10": w.low.mean, "mean_at_p90": w.high.mean, "mean_swing": w.meanSwing,
                    "p95_at_p10": w.low.p95, "p95_at_p90": w.high.p95, "p95_swing": w.p95Swing,
                ]
            })
    }
}
