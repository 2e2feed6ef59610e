import CoFundTestSupport
import Foundation
import XCTest

/// `cofund run FILE`: the files of a run directory, reproducibility across thread counts, the
/// `--excel` byte-order mark, option checks and the built-in portfolio.
final class RunCommandTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let summaryColumns = [
        "scenario", "program", "program_name", "funder", "funder_name", "period", "year", "flow",
        "mean", "sd", "se", "p05", "p50", "p90", "p95", "p99", "cvar95", "cvar99", "max",
        "budget", "p_over_budget", "expected_overrun", "unit",
        "p05_low", "p05_high", "p50_low", "p50_high", "p90_low", "p90_high", "p95_low", "p95_high", "p99_low", "p99_high",
        "cvar95_se", "cvar99_se",
    ]

    /// The files of a run directory, as the README lists them.
    static let documentedFiles: Set<String> = [
        "summary.csv", "totals.csv", "budgets.csv", "contributions.csv", "assumptions.csv", "parameters.csv", "checks.csv", "manifest.json",
        "report.html",
        "report.xlsx",
    ]

    /// Runs the tiny scenario into `out` and checks that it succeeded.
    @discardableResult
    func runTiny(_ out: String, _ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let r = try CofundCLI.run(["run", scenario, "--out", dir.path(out), "--quiet"] + extra, in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr, file: file, line: line)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)
        return r
    }

    func testRunWritesSummaryTotalsAndManifest() throws {
        let r = try runTiny("out", ["--paths", "1000", "--seed", "7"])
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path("out"))).subtracting([".cofund-run"])
        XCTAssertTrue(dir.exists("out/.cofund-run"), "the run directory is not marked as cofund's")
        XCTAssertTrue(files.isSuperset(of: ["manifest.json", "summary.csv", "totals.csv"]), "\(files)")
        XCTAssertTrue(files.isSubset(of: Self.documentedFiles), "undocumented files in the run directory: \(files)")
        XCTAssertTrue(r.stdout.contains("Wrote \(dir.path("out"))"), r.stdout)
        for name in ["summary.csv", "totals.csv", "manifest.json"] { XCTAssertTrue(r.stdout.contains(name), r.stdout) }
    }

    func testSummaryHeaderIsExactlyTheDocumentedColumns() throws {
        try runTiny("out", ["--paths", "1000", "--seed", "7"])
        let text = try dir.text("out/summary.csv")
        XCTAssertTrue(text.hasPrefix("\u{FEFF}" + Self.summaryColumns.joined(separator: ",") + "\r\n"), String(text.prefix(300)))
        XCTAssertEqual(try RFC4180.table(text).header, Self.summaryColumns)
    }

    func testSummaryHasARowForEveryProgramFunderAndYearWithAllTotalAndAfter() throws {
        try runTiny("out", ["--paths", "1000", "--seed", "7"])
        let rows = try RFC4180.table(try dir.text("out/summary.csv")).rows
        let keys = rows.map { [$0["program"]!, $0["funder"]!, $0.slot] }
        XCTAssertEqual(Set(keys.map { $0.joined(separator: "|") }).count, keys.count, "duplicate rows")

        let years = ["2024", "2025", "2026", "total", "after"]
        var expected: Set<String> = []
        for (program, funders) in TestScenarios.tinyProgramFunders {
            for f in funders + ["all", "government"] { for y in years { expected.insert("\(program)|\(f)|\(y)") } }
        }
        for f in TestScenarios.tinyFunders + ["all", "government"] { for y in years { expected.insert("all|\(f)|\(y)") } }
        XCTAssertEqual(Set(keys.map { $0.joined(separator: "|") }), expected)

        for row in rows {
            XCTAssertEqual(row["scenario"], "tiny-test")
            XCTAssertEqual(row["unit"], "wan")
            XCTAssertNotNil(Double(row["mean"]!), "mean \(row["mean"]!) is not a number")
        }
        let rd = rows.first { $0["program"] == "rd" && $0["funder"] == "province" && $0["year"] == "2025" }
        XCTAssertEqual(rd?["program_name"], "研发补助（2.5%，\"最高\"250万元, 省市区）")
        XCTAssertEqual(rd?["funder_name"], "山东省财政")
        XCTAssertEqual(rd?["budget"], "100.0000")
        // Paid a year after the claim: the first year pays the claims of 2023, simulated before it.
        let first = rows.first { $0["program"] == "rd" && $0["funder"] == "province" && $0["year"] == "2024" }
        XCTAssertGreaterThan(Double(first?["mean"] ?? "") ?? 0, 0)
    }

    func testTotalsCSVHasAYearColumnPerYearAndAMeanRowPerFunder() throws {
        try runTiny("out", ["--paths", "1000", "--seed", "7"])
        let table = try RFC4180.table(try dir.text("out/totals.csv"))
        XCTAssertEqual(
            table.header,
            [
                "scenario", "funder", "funder_name", "level", "statistic",
                "2024", "2025", "2026", "total", "after", "unit",
            ])
        let means = table.rows.filter { $0["statistic"] == "mean" }.map { $0["funder"]! }
        XCTAssertEqual(means, TestScenarios.tinyFunders + ["government", "all"])
        XCTAssertEqual(Set(table.rows.map { $0["statistic"]! }), ["mean", "p95", "cvar95"])
    }

    func testManifestRecordsSeedPathsAndTheSHA256OfTheScenarioFile() throws {
        try runTiny("out", ["--paths", "1000", "--seed", "7"])
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.path("out/manifest.json")))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual((json["seed"] as? NSNumber)?.uint64Value, 7)
        XCTAssertEqual((json["paths"] as? NSNumber)?.intValue, 1000)
        XCTAssertEqual(json["scenario_id"] as? String, "tiny-test")
        XCTAssertEqual(json["unit"] as? String, "wan")
        XCTAssertEqual((json["first_year"] as? NSNumber)?.intValue, 2024)
        XCTAssertEqual((json["last_year"] as? NSNumber)?.intValue, 2026)
        // The tiny scenario's longest lag is 1 year: claims are simulated from 2023.
        XCTAssertEqual((json["history_from"] as? NSNumber)?.intValue, 2023)
        let sha = try XCTUnwrap(json["scenario_sha256"] as? String)
        XCTAssertEqual(sha.count, 64)
        XCTAssertTrue(sha.allSatisfy { "0123456789abcdef".contains($0) }, sha)
        XCTAssertEqual(sha, try sha256sum(of: dir.path("tiny.yaml")))
        // No --target-se: convergence was not asked for, so it is null (or left out).
        XCTAssertTrue(json["converged"] == nil || json["converged"] is NSNull, "converged: \(json["converged"]!)")
    }

    func testManifestSHA256MatchesTheFileBytesWhenTheFileStartsWithAByteOrderMark() throws {
        // Editors on Windows save UTF-8 with a BOM; the fingerprint must still be that of the file.
        let path = dir.path("bom.yaml")
        try Data([0xEF, 0xBB, 0xBF] + Array(TestScenarios.tiny.utf8)).write(to: URL(fileURLWithPath: path))
        let r = try CofundCLI.run(["run", path, "--paths", "100", "--out", dir.path("out"), "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let data = try Data(contentsOf: URL(fileURLWithPath: dir.path("out/manifest.json")))
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(json["scenario_sha256"] as? String, try sha256sum(of: path))
    }

    func testTargetSERecordsConvergenceTrueWhenMetAndFalseAtMaxPaths() throws {
        try runTiny("met", ["--paths", "200", "--target-se", "0.5"])
        try runTiny("unmet", ["--paths", "200", "--target-se", "0.0001", "--max-paths", "1000"])
        for (name, converged, paths) in [("met", true, 200), ("unmet", false, 1000)] {
            let data = try Data(contentsOf: URL(fileURLWithPath: dir.path("\(name)/manifest.json")))
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            XCTAssertEqual((json["converged"] as? NSNumber)?.boolValue, converged, name)
            XCTAssertEqual((json["paths"] as? NSNumber)?.intValue, paths, name)
            XCTAssertNotNil(json["target_relative_se"] as? NSNumber, name)
        }
    }

    func testSameSeedGivesByteIdenticalOutputOnOneAndTwoThreads() throws {
        // 2,000 paths make two blocks of 1,024, so two threads really share the work.
        try runTiny("t1", ["--paths", "2000", "--seed", "7", "--threads", "1"])
        try runTiny("t2", ["--paths", "2000", "--seed", "7", "--threads", "2"])
        XCTAssertEqual(try dir.bytes("t1/summary.csv"), try dir.bytes("t2/summary.csv"))
        XCTAssertEqual(try dir.bytes("t1/totals.csv"), try dir.bytes("t2/totals.csv"))
    }

    func testDifferentSeedGivesADifferentSummary() throws {
        try runTiny("s7", ["--paths", "1000", "--seed", "7"])
        try runTiny("s8", ["--paths", "1000", "--seed", "8"])
        XCTAssertNotEqual(try dir.bytes("s7/summary.csv"), try dir.bytes("s8/summary.csv"))
    }

    func testCSVFilesStartWithTheUTF8ByteOrderMarkAndKeepChineseNames() throws {
        try runTiny("xl", ["--paths", "500"])
        let csvFiles = try FileManager.default.contentsOfDirectory(atPath: dir.path("xl")).filter { $0.hasSuffix(".csv") }
        for name in csvFiles {
            XCTAssertEqual(Array(try dir.bytes("xl/" + name).prefix(3)), [0xEF, 0xBB, 0xBF], name)
        }
        for name in ["xl/summary.csv", "xl/totals.csv"] {
            let bytes = try dir.bytes(name)
            XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], name)
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            XCTAssertTrue(text.hasPrefix("scenario,"), name)
            XCTAssertTrue(text.contains("山东省财政"), name)
            XCTAssertTrue(text.contains("济南市财政"), name)
        }
        XCTAssertTrue(try dir.text("xl/summary.csv").contains("研发补助"))
        // --no-bom leaves the mark out and changes nothing else; --excel, once needed for the mark, is
        // accepted and changes nothing.
        try runTiny("plain", ["--paths", "500", "--no-bom"])
        XCTAssertEqual(try dir.bytes("plain/summary.csv"), Array(try dir.bytes("xl/summary.csv").dropFirst(3)))
        try runTiny("excel", ["--paths", "500", "--excel"])
        XCTAssertEqual(try dir.bytes("excel/summary.csv"), try dir.bytes("xl/summary.csv"))
    }

    func testZeroPathsAndZeroThreadsAreRefusedWithAMessage() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        for (option, message) in [("--paths", "--paths must be from 1"), ("--threads", "--threads must be from 1")] {
            let r = try CofundCLI.run(["run", scenario, option, "0", "--out", dir.path("out")], in: dir.url)
            XCTAssertTrue(r.exitedCleanly, r.stderr)
            XCTAssertNotEqual(r.status, 0, option)
            XCTAssertTrue(r.stderr.contains(message), r.stderr)
            XCTAssertFalse(dir.exists("out"), "\(option) 0 wrote an output directory")
        }
    }

    func testWithoutAFileRunsTheBuiltInJinanPortfolio() throws {
        let r = try CofundCLI.run(["run", "--paths", "200", "--out", dir.path("builtin"), "--quiet"], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("山东省财政"), r.stdout)
        XCTAssertTrue(r.stdout.contains("济南市财政"), r.stdout)
        XCTAssertTrue(r.stdout.contains("万元"), r.stdout)
        XCTAssertTrue(r.stdout.contains("200 paths"), r.stdout)
        XCTAssertTrue(dir.exists("builtin/summary.csv"))
        XCTAssertTrue(try dir.text("builtin/manifest.json").contains("\"scenario_id\" : \"jinan-portfolio\""))
    }
}
