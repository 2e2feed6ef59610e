import CoFundTestSupport
import Foundation
import XCTest

/// `cofund solve FILE --lever PATH --range LO,HI --target FIGURE<=V`: solve.csv read back with an
/// RFC 4180 parser, the answer printed and marked, and the refusals — an unreachable target, a
/// malformed or unknown target, a bad range, a lever the scenario lacks — each with its message and
/// nothing written.
final class SolveCommandTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    /// The province's own budget of the tiny scenario's `rd` program: a line with id `rd`.
    static let lever = "programs.rd.budget.province"
    static let columns = ["step", "lever", "value", "figure", "estimate", "ci95_low", "ci95_high", "target", "meets_target", "answer"]

    func solve(_ args: [String], out: String = "out") throws -> CLIResult {
        let file = try dir.write("tiny.yaml", TestScenarios.tiny)
        return try CofundCLI.run(["solve", file] + args + ["--out", dir.path(out), "--quiet"], in: dir.url)
    }

    func testSolveCSVHasOneRowPerRunEndsFirstAndMarksTheAnswer() throws {
        let r = try solve([
            "--lever", Self.lever, "--range", "0,2000", "--target", "lines.rd.p_over<=0.10", "--paths", "300", "--seed", "7", "--tolerance", "20",
        ])
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let table = try dir.csv("out/solve.csv")
        XCTAssertEqual(table.header, Self.columns)
        // [0, 2000] halved to 20 or less: 2000/2⁷ = 15.6, so the two ends and seven midpoints.
        XCTAssertEqual(table.rows.count, 9)
        XCTAssertEqual(table.rows.map { $0["step"]! }, (1...9).map(String.init))
        XCTAssertEqual(table.rows.prefix(3).map { $0["value"]! }, ["0", "2000", "1000"])
        XCTAssertTrue(table.rows.allSatisfy { $0["lever"] == Self.lever && $0["figure"] == "lines.rd.p_over" && $0["target"] == "<= 0.1" })
        XCTAssertEqual(table.rows[0]["meets_target"], "no", "no budget is exceeded on every path")
        XCTAssertEqual(table.rows[1]["meets_target"], "yes")
        let answers = table.rows.filter { $0["answer"] == "yes" }
        XCTAssertEqual(answers.count, 1)
        let answer = try XCTUnwrap(answers.first)
        XCTAssertEqual(answer["meets_target"], "yes")
        let value = try XCTUnwrap(Double(answer["value"]!))
        // The answer is the smallest value found to meet the target: every value below it that was run misses it.
        for row in table.rows {
            let v = try XCTUnwrap(Double(row["value"]!))
            XCTAssertEqual(row["meets_target"], v >= value ? "yes" : "no", "at \(v)")
            let estimate = try XCTUnwrap(Double(row["estimate"]!))
            let low = try XCTUnwrap(Double(row["ci95_low"]!)), high = try XCTUnwrap(Double(row["ci95_high"]!))
            XCTAssertTrue(low <= estimate && estimate <= high && low >= 0 && high <= 1, "\(row)")
        }
        XCTAssertTrue(r.stdout.contains("Answer: \(Self.lever) = \(answer["value"]!) meets lines.rd.p_over <= 0.1"), r.stdout)
        XCTAssertTrue(dir.exists("out/manifest.json"))
    }

    /// `--format json`: the runs in order and the answer, the same as solve.csv; `--step 50` keeps
    /// every midpoint a multiple of 50.
    func testJSONListsTheRunsAndTheAnswerAsSolveCSVDoes() throws {
        let r = try solve([
            "--lever", Self.lever, "--range", "0,2000", "--target", "lines.rd.p_over<=0.10", "--paths", "300", "--seed", "7", "--step", "50",
            "--format", "json",
        ])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let runs = try XCTUnwrap(json["runs"] as? [[String: Any]])
        let rows = try dir.csv("out/solve.csv").rows
        XCTAssertEqual(runs.count, rows.count)
        XCTAssertEqual(runs.compactMap { $0["value"] as? Double }, rows.compactMap { Double($0["value"]!) })
        for v in runs.dropFirst(2).compactMap({ $0["value"] as? Double }) { XCTAssertEqual(v.truncatingRemainder(dividingBy: 50), 0, "\(v)") }
        let answer = try XCTUnwrap(json["answer"] as? [String: Any])
        XCTAssertEqual(answer["value"] as? Double, rows.first { $0["answer"] == "yes" }.flatMap { Double($0["value"]!) })
        XCTAssertEqual(answer["meets_target"] as? Bool, true)
        XCTAssertEqual(json["converged"] as? Bool, true)
        XCTAssertEqual(json["target"] as? String, "lines.rd.p_over <= 0.1")
    }

    func testAnUnreachableTargetIsRefusedWithTheFigureAtBothEnds() throws {
        let r = try solve(["--lever", Self.lever, "--range", "0,20", "--target", "lines.rd.p_over<=0.10", "--paths", "200"])
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(
            r.stderr.contains("unreachable: lines.rd.p_over <= 0.1 is met nowhere in \(Self.lever) from 0 to 20"), r.stderr)
        XCTAssertTrue(r.stderr.contains("at 0 lines.rd.p_over is 1, at 20 it is "), r.stderr)
        XCTAssertTrue(r.stderr.contains("Widen --range"), r.stderr)
        XCTAssertFalse(dir.exists("out"), "nothing written")
    }

    func testMalformedTargetsAndRangesAreRefusedWithWhatIsAllowed() throws {
        let cases: [([String], String)] = [
            (
                ["--range", "0,20", "--target", "lines.rd.p_ovr<=0.1"],
                "did you mean `p_over`? the statistics are mean, p05, p50, p90, p95, p99, cvar95, cvar99, p_over"
            ),
            (["--range", "0,20", "--target", "lines.rd.p_over=0.1"], "has no comparison"),
            (["--range", "0,20", "--target", "city.p_over<=0.1"], "a funder has no appropriation of its own"),
            (["--range", "0,20", "--target", "cty.p95<=10"], "`cty` is not a funder that pays in this scenario; did you mean `city`?"),
            (["--range", "0,20", "--target", "lines.rdd.p_over<=0.1"], "the scenario has no budget line `rdd`; did you mean `rd`?"),
            (["--range", "0,20", "--target", "city.p95[2030]<=10"], "2030 is outside the horizon; a year from 2024 to 2026"),
            (["--range", "20,0", "--target", "city.p95<=10"], "LO must be below HI"),
            (["--range", "0,inf", "--target", "city.p95<=10"], "both ends must be finite numbers"),
            (["--range", "0", "--target", "city.p95<=10"], "--range takes LO,HI"),
            (["--target", "city.p95<=10"], "give --range LO,HI for \(Self.lever)"),
        ]
        for (args, expected) in cases {
            let r = try solve(["--lever", Self.lever] + args)
            XCTAssertTrue(r.exitedCleanly, "\(args): \(r.stderr)")
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stderr.contains(expected), "\(args): \(r.stderr)")
            XCTAssertFalse(dir.exists("out"), "\(args): nothing written")
        }
    }

    func testALeverTheScenarioLacksIsRefusedAtTheOverride() throws {
        let r = try solve(["--lever", "programs.rd.budget.provinc", "--range", "0,20", "--target", "city.p95<=10"])
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("did you mean `province`?"), r.stderr)
        let empty = try solve(["--lever", " ", "--range", "0,20", "--target", "city.p95<=10"])
        XCTAssertNotEqual(empty.status, 0)
        XCTAssertTrue(empty.stderr.contains("--lever names the number to solve for"), empty.stderr)
        let valued = try solve(["--lever", "\(Self.lever)=5", "--range", "0,20", "--target", "city.p95<=10"])
        XCTAssertNotEqual(valued.status, 0)
        XCTAssertTrue(valued.stderr.contains("--lever is a path alone, without =VALUE"), valued.stderr)
        for setting in ["scenario.seed", "scenario.paths"] {
            let r = try solve(["--lever", setting, "--range", "1,100", "--target", "city.p95<=10"])
            XCTAssertNotEqual(r.status, 0, setting)
            XCTAssertTrue(r.stderr.contains("--lever \(setting) is a setting of the run, not a lever of the policy"), r.stderr)
        }
    }

    /// A share has the range 0 to 1 by default, and the run says so.
    func testAFractionLeverIsSearchedFromZeroToOneByDefault() throws {
        let r = try solve([
            "--lever", "programs.rd.claims.approval", "--target", "province.mean>=100", "--paths", "200", "--tolerance", "0.1",
        ])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("--range not given: programs.rd.claims.approval is a fraction, so it is searched from 0 to 1."), r.stdout)
        let rows = try dir.csv("out/solve.csv").rows
        XCTAssertEqual(rows.prefix(2).map { $0["value"]! }, ["0", "1"])
    }
}
