import CoFundEngine
import CoFundModel
import XCTest

@testable import CoFundReport

/// The interval columns of `summary.csv` (`TailIntervals`), after the columns analysts' spreadsheets
/// already read.
final class SummaryIntervalColumnsTests: XCTestCase {
    /// The columns before the interval columns, in order.
    static let earlierColumns = [
        "scenario", "program", "program_name", "funder", "funder_name", "period", "year", "flow",
        "mean", "sd", "se", "p05", "p50", "p90", "p95", "p99", "cvar95", "cvar99", "max",
        "budget", "p_over_budget", "expected_overrun", "unit",
    ]
    static let intervalColumns = [
        "p05_low", "p05_high", "p50_low", "p50_high", "p90_low", "p90_high", "p95_low", "p95_high", "p99_low", "p99_high",
        "cvar95_se", "cvar99_se",
    ]

    /// A small scenario whose names hold no commas, so that rows split on commas.
    static func scenario() throws -> Scenario {
        try ScenarioDecoder.decode(
            """
            scenario: {id: t, title: t, unit: wan, years: [2025, 2026], seed: 1, paths: 100}
            funders:
              - {id: city, name: city, level: city}
              - {id: zone, name: zone, level: zone}
            programs:
              - {id: q, name: q, source: t, kind: award, claims: {count: {dist: poisson, mean: 3}}, amount: {dist: uniform, low: 100, high: 300},
                 share: {city: 0.4, zone: 0.6}, budget: {city: 200}}
            """, file: "t.yaml")
    }

    /// Rows of `summary.csv` as dictionaries by column, after checking the header.
    func rows(_ r: SimulationResult) throws -> [[String: String]] {
        let lines = SummaryCSV.render(r, byteOrderMark: false).split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { String($0) }
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        XCTAssertEqual(header, Self.earlierColumns + Self.intervalColumns)
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            XCTAssertEqual(cells.count, header.count, line)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }

    /// Oracle: the column list (earlier columns unchanged, new ones appended), the interval
    /// definitions (each bound written with the row's decimals, low ≤ percentile ≤ high), and the
    /// earlier columns of every row equal to the statistics' own cells.
    func testARunWithItsPathsWritesEachPercentilesIntervalAndEachCVaRsStandardError() async throws {
        let s = try Self.scenario()
        let r = try await Simulation.run(SimulationPlan(s), options: SimulationOptions(paths: 600, seed: 4, threads: 2, blockSize: 128))
        XCTAssertTrue(r.keepsPathValues)
        let rows = try rows(r)
        XCTAssertEqual(rows.count, r.plan.layout.series.count)
        for (row, st) in zip(rows, r.statistics) {
            for (name, point, interval) in [
                ("p05", st.p05, st.intervals.p05), ("p50", st.p50, st.intervals.p50), ("p90", st.p90, st.intervals.p90),
                ("p95", st.p95, st.intervals.p95), ("p99", st.p99, st.intervals.p99),
            ] {
                XCTAssertEqual(row[name], NumberText.fixed(point, 4))
                XCTAssertEqual(row["\(name)_low"], NumberText.fixed(interval.lowerBound, 4))
                XCTAssertEqual(row["\(name)_high"], NumberText.fixed(interval.upperBound, 4))
                let low = try XCTUnwrap(Double(row["\(name)_low"]!)), high = try XCTUnwrap(Double(row["\(name)_high"]!))
                XCTAssertLessThanOrEqual(low, try XCTUnwrap(Double(row[name]!)))
                XCTAssertGreaterThanOrEqual(high, try XCTUnwrap(Double(row[name]!)))
            }
            XCTAssertEqual(row["cvar95_se"], NumberText.fixed(try XCTUnwrap(st.intervals.cvar95SE), 4))
            XCTAssertEqual(row["cvar99_se"], NumberText.fixed(try XCTUnwrap(st.intervals.cvar99SE), 4))
        }
    }

    /// Oracle: a sketch's quantile v is within its relative accuracy α of the data's, so a sketched
    /// run writes v·(1 − α) and v·(1 + α) as the bounds, and leaves the CVaR standard errors empty.
    func testASketchedRunWritesTheSketchsBoundsAndNoCVaRStandardError() async throws {
        let plan = SimulationPlan(try Self.scenario())
        let options = SimulationOptions(paths: 600, seed: 4, threads: 2, blockSize: 128)
        let a = try await Simulation.aggregate(plan, paths: 0..<600, options: options)
        let r = SimulationResult(plan: plan, options: options, aggregate: a, converged: nil, wallSeconds: 0)
        XCTAssertFalse(r.keepsPathValues)
        let rows = try rows(r)
        var positive = 0
        for (row, st) in zip(rows, r.statistics) {
            for (name, v) in [("p05", st.p05), ("p50", st.p50), ("p90", st.p90), ("p95", st.p95), ("p99", st.p99)] {
                let bounds = [v * (1 - QuantileSketch.alpha), v * (1 + QuantileSketch.alpha)]
                XCTAssertEqual(row["\(name)_low"], NumberText.fixed(bounds.min()!, 4))
                XCTAssertEqual(row["\(name)_high"], NumberText.fixed(bounds.max()!, 4))
                if v > 0 { positive += 1 }
            }
            XCTAssertEqual(row["cvar95_se"], "")
            XCTAssertEqual(row["cvar99_se"], "")
        }
        XCTAssertGreaterThan(positive, 0)
    }
}
