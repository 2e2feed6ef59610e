import CoFundTestSupport
import Foundation
import XCTest

/// `cofund sweep FILE --set PATH=V1,V2,…`: sweep.csv read back with an RFC 4180 parser, its shape
/// for one and two swept parameters, each point against a separate `run --set` with the same seed
/// and paths, monotonicity in a cap under common random numbers, and malformed grids refused.
final class SweepCommandTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let cap = "programs.rd.cap_per_claim"
    static let amount = "programs.award.amount"
    /// The columns after the swept parameters.
    static let columns = [
        "program", "program_name", "funder", "funder_name", "mean", "se", "p95", "p95_ci95_low", "p95_ci95_high", "cvar95",
        "p_over_budget", "expected_excess", "unit",
    ]

    func tinyFile() throws -> String { try dir.write("tiny.yaml", TestScenarios.tiny) }

    /// Runs `cofund sweep tiny.yaml ARGS --out OUT --quiet` and checks that it succeeded.
    @discardableResult
    func sweep(_ out: String, _ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        let r = try CofundCLI.run(["sweep", try tinyFile()] + args + ["--out", dir.path(out), "--quiet"], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr, file: file, line: line)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)
        return r
    }

    /// Runs `cofund run tiny.yaml ARGS --out OUT --quiet` and returns summary.csv's horizon-total rows by `program|funder`.
    func runTotals(_ out: String, _ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> [String: [String: String]] {
        let r = try CofundCLI.run(["run", try tinyFile()] + args + ["--out", dir.path(out), "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)
        let rows = try dir.csv("\(out)/summary.csv").rows.filter { $0["period"] == "total" }
        return Dictionary(uniqueKeysWithValues: rows.map { ("\($0["program"]!)|\($0["funder"]!)", $0) })
    }

    /// sweep.csv's rows of the point whose swept values are `values`, by `program|funder`.
    func point(_ rows: [[String: String]], parameters: [String], _ values: [String]) -> [String: [String: String]] {
        let mine = rows.filter { row in zip(parameters, values).allSatisfy { row[$0] == $1 } }
        return Dictionary(uniqueKeysWithValues: mine.map { ("\($0["program"]!)|\($0["funder"]!)", $0) })
    }

    // MARK: - Shape

    func testOneParameterWithThreeValuesGivesThreeTimesTheRowsOfAPointWithTheParameterFirst() throws {
        let r = try sweep("out", ["--set", "\(Self.cap)=100,250,500", "--paths", "300", "--seed", "7"])
        let table = try dir.csv("out/sweep.csv")
        XCTAssertEqual(table.header, [Self.cap] + Self.columns)

        // A point has one row per program × funder and per sum over the horizon: as many as summary.csv's `total` rows.
        let perPoint = try runTotals("run", ["--paths", "300", "--seed", "7"]).count
        XCTAssertEqual(perPoint, 14, "rd: 3 funders + government + all; award: 2 + government + all; all programs: 3 + government + all")
        XCTAssertEqual(table.rows.count, 3 * perPoint)
        XCTAssertEqual(
            table.rows.map { $0[Self.cap]! },
            Array(repeating: "100", count: perPoint) + Array(repeating: "250", count: perPoint) + Array(repeating: "500", count: perPoint),
            "points in the order given, each one's rows together")
        let keys = { (v: String) in Set(self.point(table.rows, parameters: [Self.cap], [v]).keys) }
        XCTAssertEqual(keys("100").count, perPoint, "no duplicate rows in a point")
        XCTAssertEqual(keys("100"), keys("500"))
        for row in table.rows {
            XCTAssertEqual(row["unit"], "wan")
            XCTAssertNotNil(Double(row["mean"]!), row["mean"]!)
        }
        // Only the rd province cell has an appropriation: its horizon budget risk is filled in, no other's.
        for row in table.rows {
            let budgeted = row["program"] == "rd" && row["funder"] == "province"
            XCTAssertEqual(row["p_over_budget"]!.isEmpty, !budgeted, "\(row["program"]!)|\(row["funder"]!)")
        }
        XCTAssertEqual(try dir.json("out/manifest.json")["reforms"] as? [String], ["sweep \(Self.cap)=100,250,500"])
        XCTAssertTrue(
            r.stdout.contains("Wrote \(dir.path("out"))/: sweep.csv, sweep-budgets.csv, manifest.json, report.html and report.xlsx."), r.stdout)
    }

    func testTwoGridsGiveTheFullCartesianProductFirstParameterOutermost() throws {
        try sweep("out", ["--set", "\(Self.cap)=100,500", "--set", "\(Self.amount)=10,20,30", "--paths", "300", "--seed", "7"])
        let table = try dir.csv("out/sweep.csv")
        XCTAssertEqual(table.header, [Self.cap, Self.amount] + Self.columns)
        XCTAssertEqual(table.rows.count, 6 * 14)
        var pairs: [[String]] = []
        for row in table.rows where pairs.last != [row[Self.cap]!, row[Self.amount]!] {
            pairs.append([row[Self.cap]!, row[Self.amount]!])
        }
        XCTAssertEqual(pairs, [["100", "10"], ["100", "20"], ["100", "30"], ["500", "10"], ["500", "20"], ["500", "30"]])

        // The award does not depend on rd's cap, and pays a fixed amount per claim: 10, 20, 30 in proportion.
        let parameters = [Self.cap, Self.amount]
        for a in ["10", "20", "30"] {
            XCTAssertEqual(
                point(table.rows, parameters: parameters, ["100", a])["award|all"]?["mean"],
                point(table.rows, parameters: parameters, ["500", a])["award|all"]?["mean"], "award at \(a)")
        }
        let award10 = Double(point(table.rows, parameters: parameters, ["100", "10"])["award|all"]!["mean"]!)!
        let award30 = Double(point(table.rows, parameters: parameters, ["100", "30"])["award|all"]!["mean"]!)!
        XCTAssertGreaterThan(award10, 0)
        XCTAssertEqual(award30, 3 * award10, accuracy: 3e-4)

        // A corner of the grid is a separate run with both overrides.
        let run = try runTotals("run", ["--set", "\(Self.cap)=500", "--set", "\(Self.amount)=30", "--paths", "300", "--seed", "7"])
        let corner = point(table.rows, parameters: parameters, ["500", "30"])
        XCTAssertEqual(Set(corner.keys), Set(run.keys))
        for (k, row) in run { XCTAssertEqual(corner[k]?["mean"], row["mean"], k) }
    }

    // MARK: - A sweep point equals a separate run

    func testEachSweepPointEqualsASeparateRunSetWithTheSameSeedAndPaths() throws {
        let values = ["100", "250", "500"]
        try sweep("out", ["--set", "\(Self.cap)=\(values.joined(separator: ","))", "--paths", "400", "--seed", "11"])
        let rows = try dir.csv("out/sweep.csv").rows
        for v in values {
            let run = try runTotals("run\(v)", ["--set", "\(Self.cap)=\(v)", "--paths", "400", "--seed", "11"])
            let p = point(rows, parameters: [Self.cap], [v])
            // The requirement: each funder's exposure over all programs, as strings.
            for f in TestScenarios.tinyFunders + ["all"] {
                let swept = try XCTUnwrap(p["all|\(f)"], "\(v): no all-programs row for \(f)")
                XCTAssertEqual(swept["mean"], run["all|\(f)"]?["mean"], "cap \(v), funder \(f)")
            }
            // And every other row and statistic that summary.csv also has.
            XCTAssertEqual(Set(p.keys), Set(run.keys), "cap \(v)")
            for (k, row) in run {
                for c in ["mean", "se", "p95", "cvar95"] { XCTAssertEqual(p[k]?[c], row[c], "cap \(v), \(k), \(c)") }
            }
        }
        // The middle point is the scenario as written: a plain run.
        let plain = try runTotals("plain", ["--paths", "400", "--seed", "11"])
        XCTAssertEqual(point(rows, parameters: [Self.cap], ["250"])["all|all"]?["mean"], plain["all|all"]?["mean"])
    }

    func testAReformFileIsAppliedBeforeEveryPoint() throws {
        let reform = try dir.write("award40.reform.yaml", "title: 奖励40万元\n\(Self.amount): 40\n")
        try sweep("out", ["--reform", reform, "--set", "\(Self.cap)=100,500", "--paths", "300", "--seed", "7"])
        let rows = try dir.csv("out/sweep.csv").rows
        for v in ["100", "500"] {
            let run = try runTotals("run\(v)", ["--reform", reform, "--set", "\(Self.cap)=\(v)", "--paths", "300", "--seed", "7"])
            let p = point(rows, parameters: [Self.cap], [v])
            XCTAssertEqual(Set(p.keys), Set(run.keys), "cap \(v)")
            // The award's amount is what the reform file changes: 40 instead of 20–30.
            XCTAssertEqual(p["award|all"]?["mean"], run["award|all"]?["mean"], "cap \(v): the reform's award amount at this point")
            let means = { (rows: [String: [String: String]]) in run.keys.sorted().map { "\($0)=\(rows[$0]?["mean"] ?? "-")" }.joined(separator: " ") }
            XCTAssertEqual(means(p), means(run), "cap \(v): every row")
        }
        let reforms = try XCTUnwrap(try dir.json("out/manifest.json")["reforms"] as? [String])
        XCTAssertEqual(reforms, ["\(Self.amount): {dist: uniform, low: 20, high: 30} → 40", "sweep \(Self.cap)=100,500"])
    }

    func testMeansIncreaseMonotonicallyWithTheCap() throws {
        let caps = ["50", "100", "250", "500", "1000"]
        try sweep("out", ["--set", "\(Self.cap)=\(caps.joined(separator: ","))", "--paths", "300", "--seed", "3"])
        let rows = try dir.csv("out/sweep.csv").rows
        let points = caps.map { point(rows, parameters: [Self.cap], [$0]) }
        // Common random numbers: the same claims at every point, each paid at least as much under a higher cap.
        for k in points[0].keys.sorted() {
            let means = try points.map { try XCTUnwrap(Double($0[k]!["mean"]!)) }
            if k.hasPrefix("award|") {
                XCTAssertEqual(Set(means).count, 1, "the award does not depend on rd's cap: \(k) \(means)")
                continue
            }
            for i in 1..<means.count {
                XCTAssertGreaterThan(means[i], means[i - 1], "\(k) from cap \(caps[i - 1]) to \(caps[i]): \(means)")
            }
            let p95s = points.map { Double($0[k]!["p95"]!)! }
            for i in 1..<p95s.count { XCTAssertGreaterThanOrEqual(p95s[i], p95s[i - 1], "p95 of \(k): \(p95s)") }
        }
    }

    // MARK: - Refusals

    func testSetWithoutValuesIsRefusedWithAUsageMessage() throws {
        let scenario = try tinyFile()
        for grid in ["\(Self.cap)=", Self.cap, "\(Self.cap)=,", "=100,200"] {
            let r = try CofundCLI.run(["sweep", scenario, "--set", grid, "--paths", "100", "--out", dir.path("out"), "--quiet"], in: dir.url)
            XCTAssertTrue(r.exitedCleanly, r.stderr)
            XCTAssertNotEqual(r.status, 0, "--set \(grid)")
            XCTAssertTrue(r.stderr.contains("Usage: cofund sweep"), "--set \(grid): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("PATH=V1,V2"), "--set \(grid): \(r.stderr)")
            XCTAssertFalse(dir.exists("out"), "--set \(grid)")
        }
        for args in [[], ["--set", "\(Self.cap)=1,2", "--set", "\(Self.amount)=1,2", "--set", "programs.rd.rate=0.01,0.02"]] {
            let r = try CofundCLI.run(["sweep", scenario] + args + ["--paths", "100", "--out", dir.path("out"), "--quiet"], in: dir.url)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains("give one or two --set"), "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.contains("Usage: cofund sweep"), "\(args): \(r.stderr)")
            XCTAssertFalse(dir.exists("out"))
        }
    }

    func testUnknownSweptPathIsRefusedWithADidYouMeanAndNoOutput() throws {
        let r = try CofundCLI.run(
            [
                "sweep", try tinyFile(), "--set", "programs.rd.cap_per_clam=100,500", "--paths", "100",
                "--out", dir.path("out"), "--quiet",
            ], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("programs.rd.cap_per_clam"), r.stderr)
        XCTAssertTrue(r.stderr.contains("did you mean `cap_per_claim`?"), r.stderr)
        XCTAssertFalse(dir.exists("out"))
    }
}
