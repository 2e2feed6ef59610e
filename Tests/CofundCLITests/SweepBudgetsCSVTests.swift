import CoFundReport
import CoFundTestSupport
import Foundation
import XCTest

/// `sweep-budgets.csv` and the p95 intervals of `sweep.csv`, read back with an RFC 4180 parser.
final class SweepBudgetsCSVTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let cap = "programs.rd.cap_per_claim"

    /// Identity: each point of a sweep is the run of the scenario with that value set, so each
    /// point's line row carries that run's `budgets.csv` `any` figures (`SimulationResult.lineBudgets`)
    /// — budget and p_over, as written — with se = √(p(1 − p)/N) and ci95 = p ± 1.96 se cut to [0, 1].
    func testEachPointsLineRowsAreTheRunsLineBudgetsWithTheirBinomialStandardError() throws {
        let file = try dir.write("tiny.yaml", TestScenarios.tiny)
        let values = ["100", "500"]
        let paths = 600
        let common = ["--paths", "\(paths)", "--seed", "5", "--quiet"]
        let r = try CofundCLI.run(
            ["sweep", file, "--set", "\(Self.cap)=\(values.joined(separator: ","))"] + common + ["--out", dir.path("sw")], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("government p95 [95% interval]"), r.stdout)
        let table = try dir.csv("sw/sweep-budgets.csv")
        XCTAssertEqual(table.header, SweepBudgetsCSV.columns(parameters: [Self.cap]))
        XCTAssertEqual(table.rows.count, values.count, "one line (rd, province) per point")
        for v in values {
            let run = try CofundCLI.run(["run", file, "--set", "\(Self.cap)=\(v)"] + common + ["--out", dir.path("run\(v)")], in: dir.url)
            XCTAssertEqual(run.status, 0, run.stdout + run.stderr)
            let any = try XCTUnwrap(try dir.csv("run\(v)/budgets.csv").rows.first { $0["period"] == "total" })
            let row = try XCTUnwrap(table.rows.first { $0[Self.cap] == v })
            XCTAssertEqual(row["line"], any["line"])
            XCTAssertEqual(row["funder"], any["funder"])
            XCTAssertEqual(row["budget"], any["budget"])
            XCTAssertEqual(row["p_over"], any["p_over"], "cap \(v)")
            let p = try XCTUnwrap(Double(row["p_over"]!))
            let se = try XCTUnwrap(Double(row["se"]!))
            XCTAssertEqual(se, (p * (1 - p) / Double(paths)).squareRoot(), accuracy: 1e-6)
            XCTAssertEqual(try XCTUnwrap(Double(row["ci95_low"]!)), max(0, p - 1.96 * se), accuracy: 2e-6)
            XCTAssertEqual(try XCTUnwrap(Double(row["ci95_high"]!)), min(1, p + 1.96 * se), accuracy: 2e-6)
        }
        // Every sweep.csv row's p95 interval is present (600 paths make 20 batches of 30) and ordered.
        for row in try dir.csv("sw/sweep.csv").rows {
            let low = try XCTUnwrap(Double(row["p95_ci95_low"]!), row["p95_ci95_low"]!)
            let high = try XCTUnwrap(Double(row["p95_ci95_high"]!), row["p95_ci95_high"]!)
            XCTAssertLessThanOrEqual(low, high)
        }
    }
}
