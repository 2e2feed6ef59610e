import CoFundModel
import CoFundTestSupport
import Foundation
import XCTest

/// The run history: every run recorded, `cofund history` and `history show`, `compare --run A --run B`,
/// and a history that cannot be written costing a warning, never the run.
final class HistoryCommandTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    /// The database of these tests, in the temporary directory.
    var database: String { dir.path("history/runs.sqlite") }

    /// Runs `cofund arguments…` with the history at `database` and checks that it succeeded.
    @discardableResult
    func cofund(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        let r = try CofundCLI.run(arguments, in: dir.url, environment: ["COFUND_HISTORY": database])
        XCTAssertTrue(r.exitedCleanly, r.stderr, file: file, line: line)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)
        return r
    }

    /// The tiny scenario with the rate program's rate `rate`, as `name`.
    func scenario(_ name: String, rate: String = "0.025") throws -> String {
        XCTAssertTrue(TestScenarios.tiny.contains("rate: 0.025\n"))
        return try dir.write(name, TestScenarios.tiny.replacingOccurrences(of: "rate: 0.025\n", with: "rate: \(rate)\n"))
    }

    /// The mean of `funder`'s total over the horizon (all programs) in a run directory's summary.csv.
    func horizonMean(_ run: String, funder: String) throws -> Double {
        let rows = try dir.csv("\(run)/summary.csv").rows
        let row = try XCTUnwrap(rows.first { $0["program"] == "all" && $0["funder"] == funder && $0["period"] == "total" && $0["flow"] == "net" })
        return try XCTUnwrap(Double(row["mean"] ?? ""))
    }

    func testTwoRunsAreRecordedListedShownAndCompared() throws {
        let a = try scenario("quarter1.yaml")
        let b = try scenario("quarter2.yaml", rate: "0.03")
        try cofund(["run", a, "--paths", "300", "--seed", "5", "--quiet", "--out", dir.path("q1")])
        try cofund(["run", b, "--paths", "400", "--seed", "6", "--quiet", "--out", dir.path("q2")])

        let list = try cofund(["history"]).stdout
        let lines = list.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, list)  // header, rule, two runs
        XCTAssertTrue(lines[2].hasPrefix(" 1  ") && lines[2].contains("run") && lines[2].contains("tiny-test"), list)
        XCTAssertTrue(lines[3].hasPrefix(" 2  ") && lines[3].contains("400"), list)
        let government = try horizonMean("q1", funder: "government")
        XCTAssertTrue(lines[2].contains(Formatting.amount(government, decimals: 0) + " 万元 (2024–2026)"), list)
        XCTAssertEqual(try cofund(["history", "--scenario", "other-id"]).stdout, "No runs recorded of scenario other-id in \(database).\n")
        XCTAssertEqual(try cofund(["history", "list", "--scenario", "tiny-test"]).stdout, list)

        let show = try cofund(["history", "show", "2"]).stdout
        XCTAssertTrue(show.hasPrefix("Run 2: run of tiny-test"), show)
        XCTAssertTrue(show.contains("scenario file: \(b) (sha256 \(try sha256sum(of: b)))"), show)
        XCTAssertTrue(show.contains("seed 6 · 400 paths"), show)
        XCTAssertTrue(show.contains("run directory: \(URL(fileURLWithPath: dir.path("q2")).standardizedFileURL.path)"), show)
        XCTAssertTrue(show.contains(Formatting.amount(try horizonMean("q2", funder: "province"), decimals: 0)), show)
        let summaryRows = try dir.csv("q2/summary.csv").rows.count
        XCTAssertTrue(show.contains("\(summaryRows) summary rows recorded"), show)

        let compare = try cofund(["compare", "--run", "1", "--run", "2"]).stdout
        let diff = [
            "--- run 1: \(a) (tiny-test)", "+++ run 2: \(b) (tiny-test)", "-    rate: 0.025", "+    rate: 0.03", "seed: 5 → 6", "paths: 300 → 400",
        ]
        for expected in diff { XCTAssertTrue(compare.contains("\n" + expected + "\n"), "missing \(expected) in\n\(compare)") }
        XCTAssertTrue(compare.contains("The runs are independent"), compare)
        // The input diff comes before the changes.
        let inputs = try XCTUnwrap(compare.range(of: "+    rate: 0.03"))
        let changes = try XCTUnwrap(compare.range(of: "Change by funder and year, run 2 − run 1"))
        XCTAssertLessThan(inputs.lowerBound, changes.lowerBound)
        // The province's change over the horizon: mean B − mean A, interval 1.96·sqrt(se_A² + se_B²).
        let change = try horizonMean("q2", funder: "province") - horizonMean("q1", funder: "province")
        let (seA, seB) = (try horizonSE("q1", funder: "province"), try horizonSE("q2", funder: "province"))
        let se = (seA * seA + seB * seB).squareRoot()
        let table = compare.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        let total = try XCTUnwrap(table.first { $0.first == "funder" }?.firstIndex(of: "total"), compare)
        let province = try XCTUnwrap(table.firstIndex { $0.first == "province" }, compare)
        XCTAssertEqual(table[province + 2].first, "change", compare)
        XCTAssertEqual(table[province + 3].first, "±", compare)
        let shown = { (row: [String], column: Int) in Double(row[column].replacingOccurrences(of: ",", with: "")) ?? .nan }
        XCTAssertEqual(shown(table[province + 2], total), change, accuracy: 1, compare)
        // "±" and "95%" are two words of the row's label.
        XCTAssertEqual(shown(table[province + 3], total + 1), 1.959964 * se, accuracy: 1, compare)
        XCTAssertGreaterThan(change, 0, "a higher rate pays more")
    }

    func horizonSE(_ run: String, funder: String) throws -> Double {
        let rows = try dir.csv("\(run)/summary.csv").rows
        let row = try XCTUnwrap(rows.first { $0["program"] == "all" && $0["funder"] == funder && $0["period"] == "total" && $0["flow"] == "net" })
        return try XCTUnwrap(Double(row["se"] ?? ""))
    }

    func testAnOverrideShowsAmongTheInputsChanges() throws {
        let a = try scenario("tiny.yaml")
        try cofund(["run", a, "--paths", "200", "--quiet", "--out", dir.path("base")])
        try cofund(["run", a, "--paths", "200", "--quiet", "--out", dir.path("set"), "--set", "programs.rd.rate=0.04"])
        let compare = try cofund(["compare", "--run", "1", "--run", "2"]).stdout
        XCTAssertTrue(compare.contains("Scenario text: the same in both runs"), compare)
        XCTAssertTrue(compare.contains("\n + --set programs.rd.rate=0.04\n"), compare)
        XCTAssertTrue(compare.contains("\n + override programs.rd.rate: 0.025 → 0.04\n"), compare)
        XCTAssertTrue(compare.contains("seed: 42 in both"), compare)
    }

    func testComparisonSweepAndMergeAreRecordedWithTheirArms() throws {
        let a = try scenario("tiny.yaml")
        try cofund(["compare", a, "--set", "programs.rd.rate=0.04", "--paths", "200", "--quiet", "--out", dir.path("c")])
        try cofund(["sweep", a, "--set", "programs.rd.rate=0.02,0.03", "--paths", "200", "--quiet", "--out", dir.path("s")])
        try cofund(["run", a, "--paths", "200", "--quiet", "--shard", "1/2", "--out", dir.path("s1")])
        try cofund(["run", a, "--paths", "200", "--quiet", "--shard", "2/2", "--out", dir.path("s2")])
        try cofund(["merge", dir.path("s1"), dir.path("s2"), "--out", dir.path("m")])
        let list = try cofund(["history"]).stdout.split(separator: "\n").dropFirst(2)
        XCTAssertEqual(
            list.map { $0.split(separator: " ", omittingEmptySubsequences: true)[2] }, ["compare", "sweep", "merge"], "shards are not recorded")

        let refused = try CofundCLI.run(["compare", "--run", "1", "--run", "3"], in: dir.url, environment: ["COFUND_HISTORY": database])
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("run 1 is a comparison with 2 arms: name one, e.g. --run 1:baseline"), refused.stderr)
        let arms = try cofund(["compare", "--run", "1:reform", "--run", "2:programs.rd.rate=0.03"]).stdout
        XCTAssertTrue(arms.contains("Change by funder and year, run 2 (programs.rd.rate=0.03) − run 1 (reform)"), arms)
        XCTAssertTrue(arms.contains("\n - --set programs.rd.rate=0.04\n"), arms)
        XCTAssertTrue(arms.contains("\n + sweep point programs.rd.rate=0.03\n"), arms)
        // The merge and the comparison's baseline ran the same scenario with the same seed and paths.
        let same = try cofund(["compare", "--run", "1:baseline", "--run", "3"]).stdout
        XCTAssertTrue(same.contains("Scenario text: the same in both runs"), same)
        XCTAssertTrue(same.contains("kind: compare → merge"), same)
    }

    func testNoHistoryRecordsNothingAndTheFlagOverridesTheEnvironment() throws {
        let a = try scenario("tiny.yaml")
        try cofund(["run", a, "--paths", "100", "--quiet", "--out", dir.path("r1"), "--no-history"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: database))
        let other = dir.path("elsewhere.sqlite")
        try cofund(["run", a, "--paths", "100", "--quiet", "--out", dir.path("r2"), "--history", other])
        XCTAssertFalse(FileManager.default.fileExists(atPath: database))
        XCTAssertTrue(try cofund(["history", "--history", other]).stdout.contains("tiny-test"))
        XCTAssertEqual(try cofund(["history"]).stdout, "No runs recorded: \(database) does not exist.\n")
    }

    func testRecordedRunsAreNotMixedWithAScenario() throws {
        let a = try scenario("tiny.yaml")
        for extra in [[a], ["--set", "programs.rd.rate=0.04"], ["--paths", "10"]] {
            let r = try CofundCLI.run(["compare", "--run", "1", "--run", "2"] + extra, in: dir.url, environment: ["COFUND_HISTORY": database])
            XCTAssertEqual(r.status, 1, r.stdout)
            XCTAssertTrue(r.stderr.contains("compare --run compares two recorded runs and simulates nothing"), r.stderr)
        }
        let missing = try CofundCLI.run(["compare", "--run", "1", "--run", "2"], in: dir.url, environment: ["COFUND_HISTORY": database])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no run 1: the run history \(database) does not exist"), missing.stderr)
    }

    /// Runs the tiny scenario with the history at `history`: the run succeeds, its directory is whole,
    /// and stderr holds the one warning line naming the file and `reason`.
    func checkRunSurvives(history: String, reason: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let a = try scenario("tiny.yaml")
        let r = try CofundCLI.run(
            ["run", a, "--paths", "100", "--quiet", "--out", dir.path("out"), "--history", history], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)
        XCTAssertEqual(
            Set(try FileManager.default.contentsOfDirectory(atPath: dir.path("out"))).subtracting([".cofund-run"]),
            RunCommandTests.documentedFiles, file: file, line: line)
        XCTAssertTrue(r.stdout.contains("Wrote "), r.stdout, file: file, line: line)
        let warnings = r.stderr.split(separator: "\n")
        XCTAssertEqual(warnings.count, 1, r.stderr, file: file, line: line)
        XCTAssertTrue(warnings.first?.hasPrefix("warning: run not recorded in the history \(history): ") ?? false, r.stderr, file: file, line: line)
        XCTAssertTrue(r.stderr.contains(reason), r.stderr, file: file, line: line)
    }

    func testACorruptHistoryLeavesTheRunWhole() throws {
        var garbage = SeededGenerator(seed: 3)
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &garbage) }
        let path = try dir.write("corrupt.sqlite", bytes: bytes)
        try checkRunSurvives(history: path, reason: "file is not a database")
        XCTAssertEqual(try dir.bytes("corrupt.sqlite"), bytes, "the corrupt file is left as it was")
    }

    func testAnUnwritableHistoryLeavesTheRunWhole() throws {
        if getuid() == 0 {
            // chmod does not stop root: a history whose directory is a regular file cannot be made.
            try dir.write("plain-file", "not a directory")
            try checkRunSurvives(history: dir.path("plain-file/history.sqlite"), reason: "\(dir.path("plain-file")) is not a directory")
        } else {
            let folder = dir.path("locked")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let a = try scenario("tiny.yaml")
            try cofund(["run", a, "--paths", "100", "--quiet", "--out", dir.path("first"), "--history", folder + "/h.sqlite"])
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder + "/h.sqlite")
            try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: folder)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
            try checkRunSurvives(history: folder + "/h.sqlite", reason: "")
        }
    }
}
