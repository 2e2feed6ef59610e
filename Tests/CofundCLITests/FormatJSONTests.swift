import CoFundTestSupport
import Foundation
import XCTest

/// `--format json`: the terminal output as a JSON document for scripts, with the same figures as
/// the CSV files.
final class FormatJSONTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    private func json(_ arguments: [String]) throws -> Any {
        let r = try CofundCLI.run(arguments + ["--quiet", "--format", "json"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
    }

    func testRunPrintsEachFundersYearsAndTotalMatchingSummaryCSV() throws {
        let file = try dir.write("tiny.yaml", TestScenarios.tiny)
        let doc = try XCTUnwrap(try json(["run", file, "--paths", "300", "--out", dir.path("o")]) as? [String: Any])
        XCTAssertEqual(doc["paths"] as? Int, 300)
        let funders = try XCTUnwrap(doc["funders"] as? [[String: Any]])
        let csv = try dir.csv("o/summary.csv")
        for f in funders {
            let id = try XCTUnwrap(f["id"] as? String)
            let total = try XCTUnwrap((f["total"] as? [String: Double])?["mean"])
            let row = try XCTUnwrap(csv.rows.first { $0["program"] == "all" && $0["funder"] == id && $0["period"] == "total" })
            XCTAssertEqual(total, Double(row["mean"] ?? "") ?? .nan, accuracy: 1e-4)
        }
    }

    func testComparePrintsEachFundersChangeWithItsStandardError() throws {
        let file = try dir.write("tiny.yaml", TestScenarios.tiny)
        let doc = try XCTUnwrap(
            try json(["compare", file, "--set", "programs.rd.cap_per_claim=500", "--paths", "300", "--out", dir.path("c")]) as? [String: Any])
        XCTAssertEqual(doc["reforms"] as? [String], ["programs.rd.cap_per_claim: 250 → 500"])
        let all = try XCTUnwrap((doc["funders"] as? [[String: Any]])?.first { $0["id"] as? String == "all" })
        let total = try XCTUnwrap(all["total"] as? [String: Any])
        XCTAssertGreaterThan(try XCTUnwrap(total["delta_mean"] as? Double), 0)
        XCTAssertNotNil(total["delta_se"] as? Double)
        // The government's p95 change, its interval, and the budget line's change by year and over the horizon.
        let government = try XCTUnwrap((doc["funders"] as? [[String: Any]])?.first { $0["id"] as? String == "government" })
        let g = try XCTUnwrap(government["total"] as? [String: Any])
        XCTAssertEqual(
            try XCTUnwrap(g["delta_p95"] as? Double), try XCTUnwrap(g["reform_p95"] as? Double) - (try XCTUnwrap(g["base_p95"] as? Double)),
            accuracy: 1e-9)
        XCTAssertTrue(g["delta_p95_ci95"] is NSNull, "300 paths are too few for 20 batches of 20")
        let lines = try XCTUnwrap(doc["lines"] as? [[String: Any]])
        XCTAssertEqual(lines.map { $0["year"] as? String }, ["2024", "2025", "2026", "total"])
        XCTAssertEqual((lines.last?["delta_p_over_ci95"] as? [Double])?.count, 2)
    }
}
