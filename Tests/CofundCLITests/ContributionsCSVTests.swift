import CoFundTestSupport
import Foundation
import XCTest

/// `contributions.csv` read back with an RFC 4180 parser, and `cofund run --explain-tail`.
final class ContributionsCSVTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let columns = [
        "scope", "id", "name", "funder", "program", "program_name", "mean", "sd_contribution", "p95_contribution",
        "cvar95_contribution", "cvar99_contribution", "share_of_cvar95", "unit",
    ]

    /// One row per program paying into each scope's total, then the `all` row. Oracle for the
    /// sums: the engine's contributions add to the total to 1e-9 (RiskContributionTests); each
    /// cell is rounded to 4 decimals, so the written cells add to the `all` row within 1e-4 per row.
    func testOneRowPerProgramPerScopeAndTheTotal() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let r = try CofundCLI.run(["run", scenario, "--out", dir.path("out"), "--quiet", "--paths", "300", "--seed", "5"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let table = try RFC4180.table(try dir.text("out/contributions.csv"))
        XCTAssertEqual(table.header, Self.columns)
        var groups: [String: [[String: String]]] = [:]
        var order: [String] = []
        for row in table.rows {
            let key = "\(row["scope"]!) \(row["id"]!) \(row["funder"]!)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(row)
        }
        let expected: [String: [String]] = [
            "funder province province": ["rd", "all"], "funder city city": ["rd", "award", "all"],
            "funder district district": ["rd", "award", "all"], "government government government": ["rd", "award", "all"],
            "line rd province": ["rd", "all"],
        ]
        XCTAssertEqual(Set(order), Set(expected.keys))
        for (key, programs) in expected {
            let rows = try XCTUnwrap(groups[key])
            XCTAssertEqual(rows.map { $0["program"]! }, programs, key)
            let all = try XCTUnwrap(rows.last)
            XCTAssertEqual(all["share_of_cvar95"], "1.000000", key)
            for column in ["mean", "sd_contribution", "p95_contribution", "cvar95_contribution", "cvar99_contribution"] {
                let sum = rows.dropLast().reduce(0) { $0 + Double($1[column]!)! }
                XCTAssertEqual(sum, Double(all[column]!)!, accuracy: 1e-4 * Double(rows.count), "\(key) \(column)")
            }
            XCTAssertTrue(rows.allSatisfy { $0["unit"] == "wan" })
        }
        XCTAssertTrue(try dir.text("out/.cofund-run").contains("contributions.csv\n"))
    }

    /// An unknown id is refused before the run, naming the file and the closest id; nothing is written.
    func testExplainTailWithAnUnknownFunderIsRefusedWithTheClosestID() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let r = try CofundCLI.run(["run", scenario, "--out", dir.path("out"), "--quiet", "--explain-tail", "provnce"], in: dir.url)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--explain-tail"), r.stderr)
        XCTAssertTrue(r.stderr.contains("tiny.yaml"), r.stderr)
        XCTAssertTrue(r.stderr.contains("did you mean `province`?"), r.stderr)
        XCTAssertFalse(dir.exists("out"), "the run was made before the id was checked")
    }

    /// The table for the government: each program's mean, CVaR95 contribution, share and ratio,
    /// then the total.
    func testExplainTailPrintsTheProgramsOfTheBadYear() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let r = try CofundCLI.run(
            ["run", scenario, "--out", dir.path("out"), "--quiet", "--paths", "300", "--explain-tail", "government"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("What makes the bad year of"), r.stdout)
        XCTAssertTrue(r.stdout.contains("CVaR95 contribution"), r.stdout)
        XCTAssertTrue(r.stdout.contains("share of CVaR95"), r.stdout)
        let rows = r.stdout.split(separator: "\n").filter { $0.hasPrefix("rd ") || $0.hasPrefix("award ") || $0.hasPrefix("all ") }
        XCTAssertEqual(rows.count, 3, r.stdout)
        XCTAssertTrue(rows.last?.contains("100.0%") ?? false, r.stdout)
    }
}
