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

    /// The run's `self_check` and `importance` say what checks.csv and importance.csv say.
    func testRunPrintsItsSelfCheckAndImportanceSamplingMatchingTheirCSV() throws {
        let file = try dir.write("tiny.yaml", TestScenarios.tiny)
        let doc = try XCTUnwrap(
            try json(["run", file, "--paths", "2000", "--out", dir.path("o"), "--no-history", "--importance", "government"]) as? [String: Any])
        let check = try XCTUnwrap(doc["self_check"] as? [String: Any])
        XCTAssertEqual(check["programs"] as? Int, 2)
        XCTAssertEqual(check["closed_form_programs"] as? Int, 2)
        XCTAssertEqual(check["beyond_tolerance"] as? Int, 0)
        let checks = try dir.csv("o/checks.csv")
        XCTAssertEqual(check["series_compared"] as? Int, checks.rows.filter { !($0["z"] ?? "").isEmpty }.count)
        let row = try XCTUnwrap(checks.rows.first { $0["program"] == "all" && $0["funder"] == "government" && $0["period"] == "total" })
        let total = try XCTUnwrap(check["government_total"] as? [String: Any])
        XCTAssertEqual(try XCTUnwrap(total["closed_form"] as? Double), Double(row["closed_form"] ?? "") ?? .nan, accuracy: 1e-4)
        let importance = try XCTUnwrap(doc["importance"] as? [String: Any])
        XCTAssertEqual(importance["target"] as? String, "government")
        let estimates = try XCTUnwrap(importance["estimates"] as? [[String: Any]])
        let csv = try dir.csv("o/importance.csv")
        XCTAssertEqual(estimates.map { $0["statistic"] as? String }, csv.rows.map { $0["statistic"] })
        for (e, r) in zip(estimates, csv.rows) {
            XCTAssertEqual(try XCTUnwrap(e["estimate"] as? Double), Double(r["estimate"] ?? "") ?? .nan, accuracy: 1e-4)
        }
    }
}
