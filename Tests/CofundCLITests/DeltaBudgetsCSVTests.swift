import CoFundReport
import CoFundTestSupport
import Foundation
import XCTest

/// `delta-budgets.csv` and the p95 columns of `delta.csv`, read back with an RFC 4180 parser.
final class DeltaBudgetsCSVTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    /// Columns present and parseable; raising the province's budget of `rd` from 100 to 400 a year
    /// (reform) cannot raise its chance of being exceeded on any path, so every change is ≤ 0 and
    /// the base and reform figures are those of the two runs' `budgets.csv` (as written).
    func testDeltaBudgetsCSVHasEveryLineYearAndAnyWithParseableChanges() throws {
        let file = try dir.write("tiny.yaml", TestScenarios.tiny)
        let common = ["--paths", "600", "--seed", "3", "--quiet"]
        let set = ["--set", "programs.rd.budget.province=400"]
        let r = try CofundCLI.run(["compare", file] + set + common + ["--out", dir.path("cmp")], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("Government p95 over 2024–2026"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Budget lines:"), r.stdout)
        let text = try dir.text("cmp/delta-budgets.csv")
        XCTAssertTrue(text.hasPrefix("\u{FEFF}" + DeltaBudgetsCSV.columns.joined(separator: ",") + "\r\n"))
        let table = try RFC4180.table(text)
        XCTAssertEqual(table.rows.map { $0["period"]! }, ["year", "year", "year", "total"])
        XCTAssertEqual(table.rows.map { $0["year"]! }, ["2024", "2025", "2026", ""])
        let base = try CofundCLI.run(["run", file] + common + ["--out", dir.path("base")], in: dir.url)
        let reform = try CofundCLI.run(["run", file] + set + common + ["--out", dir.path("reform")], in: dir.url)
        XCTAssertEqual(base.status, 0, base.stderr)
        XCTAssertEqual(reform.status, 0, reform.stderr)
        let baseRows = try dir.csv("base/budgets.csv").rows, reformRows = try dir.csv("reform/budgets.csv").rows
        for (i, row) in table.rows.enumerated() {
            XCTAssertEqual(row["line"], "rd")
            XCTAssertEqual(row["funder"], "province")
            XCTAssertEqual(row["present"], "both")
            XCTAssertEqual(row["base_budget"], baseRows[i]["budget"])
            XCTAssertEqual(row["reform_budget"], reformRows[i]["budget"])
            XCTAssertEqual(row["base_p_over"], baseRows[i]["p_over"])
            XCTAssertEqual(row["reform_p_over"], reformRows[i]["p_over"])
            XCTAssertEqual(row["base_expected_excess"], baseRows[i]["expected_excess"])
            for c in DeltaBudgetsCSV.columns where c.hasPrefix("delta_") || c.hasPrefix("base_") || c.hasPrefix("reform_") {
                XCTAssertNotNil(Double(row[c]!), "\(c) = \(row[c]!)")
            }
            XCTAssertLessThanOrEqual(Double(row["delta_p_over"]!)!, 0)
            XCTAssertLessThanOrEqual(Double(row["delta_expected_excess"]!)!, 0)
            XCTAssertEqual(row["unit"], "wan")
        }
        // delta.csv: the p95 change is reform_p95 − base_p95, and every row has its interval.
        for row in try dir.csv("cmp/delta.csv").rows {
            let change = try XCTUnwrap(Double(row["delta_p95"]!))
            XCTAssertEqual(change, Double(row["reform_p95"]!)! - Double(row["base_p95"]!)!, accuracy: 2e-4)
            XCTAssertLessThanOrEqual(try XCTUnwrap(Double(row["delta_p95_ci95_low"]!)), try XCTUnwrap(Double(row["delta_p95_ci95_high"]!)))
        }
    }

    /// A reform that removes the line (the program's budget dropped) keeps the baseline's figures
    /// in rows marked `base`, with the reform's columns and the changes empty, and says so on the terminal.
    func testALineTheReformRemovesKeepsTheBaselinesFiguresAndNoChange() throws {
        let base = try dir.write("tiny.yaml", TestScenarios.tiny)
        let reform = try dir.write("reform.yaml", "programs.rd.budget: {}\n")
        let r = try CofundCLI.run(
            ["compare", base, "--reform", reform, "--paths", "300", "--seed", "3", "--quiet", "--out", dir.path("cmp")], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("baseline only"), r.stdout)
        let rows = try dir.csv("cmp/delta-budgets.csv").rows
        XCTAssertEqual(rows.count, 4)
        for row in rows {
            XCTAssertEqual(row["present"], "base")
            XCTAssertNotNil(Double(row["base_p_over"]!))
            for c in ["reform_budget", "reform_p_over", "delta_p_over", "delta_p_over_se", "delta_expected_excess"] {
                XCTAssertEqual(row[c], "", c)
            }
        }
    }
}
