import CoFundReport
import CoFundTestSupport
import Foundation
import XCTest

/// `cofund compare FILE --reform … --set …`: delta.csv read back with an RFC 4180 parser, the
/// paired differences of common random numbers, the change as printed and recorded, the baseline
/// against a separate `run`, the order in which reforms compose, and reforms refused before any
/// output is written.
final class CompareCommandTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let cap = "programs.rd.cap_per_claim"

    /// Writes the tiny scenario (rd capped at 250, split 50/25/25; award split 60/40) and returns its path.
    func tinyFile() throws -> String { try dir.write("tiny.yaml", TestScenarios.tiny) }

    /// Runs `cofund compare tiny.yaml ARGS --out OUT --quiet` and checks that it succeeded.
    @discardableResult
    func compare(_ out: String, _ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        let r = try CofundCLI.run(["compare", try tinyFile()] + args + ["--out", dir.path(out), "--quiet"], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr, file: file, line: line)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)
        return r
    }

    /// A row's key, `program|funder|year`.
    static func key(_ row: [String: String]) -> String { "\(row["program"]!)|\(row["funder"]!)|\(row.slot)" }

    /// `column` of every row of a CSV by key.
    func column(_ name: String, of csv: String) throws -> [String: String] {
        let rows = try dir.csv(csv).rows
        return Dictionary(
            rows.map { (Self.key($0), $0[name]!) },
            uniquingKeysWith: { a, _ in
                XCTFail("duplicate key in \(csv)")
                return a
            })
    }

    /// Expects a refusal: exit code 1, no trap, nothing written (neither `--out` nor a default `runs/`).
    func assertRefused(_ r: CLIResult, out: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertTrue(r.exitedCleanly, r.stderr, file: file, line: line)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr, file: file, line: line)
        XCTAssertFalse(dir.exists(out), "an output directory was created for a refused reform", file: file, line: line)
        XCTAssertFalse(dir.exists("runs"), "a default output directory was created for a refused reform", file: file, line: line)
    }

    // MARK: - delta.csv

    func testCompareExitsZeroAndWritesDeltaCSVWhoseHeaderIsExactlyDeltaCSVColumns() throws {
        let r = try compare("out", ["--set", "\(Self.cap)=500", "--paths", "300", "--seed", "7"])
        XCTAssertEqual(
            Set(try FileManager.default.contentsOfDirectory(atPath: dir.path("out"))),
            [".cofund-run", "delta.csv", "delta-budgets.csv", "manifest.json", "report.html", "report.xlsx"])
        let text = try dir.text("out/delta.csv")
        XCTAssertTrue(text.hasPrefix("\u{FEFF}" + DeltaCSV.columns.joined(separator: ",") + "\r\n"), String(text.prefix(300)))
        let table = try RFC4180.table(text)
        XCTAssertEqual(table.header, DeltaCSV.columns)
        XCTAssertFalse(table.rows.isEmpty)
        for row in table.rows {
            XCTAssertEqual(row["scenario"], "tiny-test")
            XCTAssertEqual(row["unit"], "wan")
        }
        XCTAssertTrue(
            r.stdout.contains("Wrote \(dir.path("out"))/: delta.csv, delta-budgets.csv, manifest.json, report.html and report.xlsx."), r.stdout)
    }

    /// A reform that only moves cost between funders leaves the total unchanged on every path (to
    /// rounding): the table says its change has no sampling error instead of dividing by a variance
    /// that is rounding noise.
    func testMovingCostBetweenFundersPrintsNoFactorFromRoundingNoise() throws {
        let r = try compare(
            "out", ["--set", "programs.rd.share.province=0.25", "--set", "programs.rd.share.city=0.5", "--paths", "500", "--seed", "7"])
        XCTAssertFalse(r.stdout.contains("× narrower"), r.stdout)
        let rows = try dir.csv("out/delta.csv").rows
        let grand = try XCTUnwrap(rows.first { Self.key($0) == "all|all|total" })
        XCTAssertEqual(abs(Double(grand["delta_mean"]!)!), 0, accuracy: 1e-3, "the total over all funders does not move")
    }

    func testNullReformGivesExactlyZeroDeltaMeanSEAndIntervalInEveryRow() throws {
        // Setting the cap to the value it already has: both runs draw the same numbers and pay the same.
        let r = try compare("out", ["--set", "\(Self.cap)=250", "--paths", "500", "--seed", "7"])
        XCTAssertTrue(r.stdout.contains("\(Self.cap): 250 → 250"), r.stdout)
        let rows = try dir.csv("out/delta.csv").rows
        XCTAssertEqual(rows.count, 70, "every program × funder × year and every sum, government included")
        for row in rows {
            let k = Self.key(row)
            for c in ["delta_mean", "delta_se", "delta_ci95_low", "delta_ci95_high"] {
                XCTAssertEqual(row[c], "0.0000", "\(c) of \(k)")
            }
            XCTAssertEqual(row["reform_mean"], row["base_mean"], k)
            XCTAssertEqual(row["reform_p95"], row["base_p95"], k)
            XCTAssertEqual(row["reform_cvar95"], row["base_cvar95"], k)
        }
        // Not vacuous: the baseline pays something.
        let grand = try XCTUnwrap(rows.first { Self.key($0) == "all|all|total" })
        XCTAssertGreaterThan(Double(grand["base_mean"]!)!, 0)
    }

    func testCapRaiseLeavesTheOtherProgramUnchangedAndNeverLowersTheRaisedOne() throws {
        try compare("out", ["--set", "\(Self.cap)=500", "--paths", "1000", "--seed", "7"])
        let rows = try dir.csv("out/delta.csv").rows
        let award = rows.filter { $0["program"] == "award" }
        let rd = rows.filter { $0["program"] == "rd" }
        XCTAssertEqual(award.count, 4 * 5, "award: city, district, all and government × 3 years, total and after")
        XCTAssertEqual(rd.count, 5 * 5, "rd: province, city, district, all and government × 3 years, total and after")

        for row in award {
            let k = Self.key(row)
            XCTAssertEqual(row["delta_mean"], "0.0000", k)
            XCTAssertEqual(row["delta_se"], "0.0000", k)
            XCTAssertEqual(row["reform_mean"], row["base_mean"], k)
        }
        // Common random numbers: each path's claims are the same, and a higher cap pays each at least
        // as much, so every path's difference, every mean difference and every quantile move up or stay.
        for row in rd + rows.filter({ $0["program"] == "all" }) {
            let k = Self.key(row)
            let delta = try XCTUnwrap(Double(row["delta_mean"]!), k)
            XCTAssertGreaterThanOrEqual(delta, 0, k)
            XCTAssertGreaterThanOrEqual(Double(row["reform_p95"]!)!, Double(row["base_p95"]!)!, k)
            XCTAssertGreaterThanOrEqual(Double(row["delta_ci95_high"]!)!, Double(row["delta_ci95_low"]!)!, k)
        }
        for row in rd where row["period"] == "total" {
            let k = Self.key(row)
            XCTAssertGreaterThan(Double(row["delta_mean"]!)!, 0, "raising the cap must pay more over the horizon: \(k)")
            let ratio = try XCTUnwrap(Double(row["variance_ratio"]!), "variance_ratio of \(k): \(row["variance_ratio"]!)")
            XCTAssertLessThan(ratio, 0.1, "common random numbers should remove most of the variance: \(k)")
            XCTAssertGreaterThanOrEqual(ratio, 0, k)
        }
        // The split is 50/25/25: the province's change is twice the city's.
        let byKey = Dictionary(uniqueKeysWithValues: rows.map { (Self.key($0), $0) })
        let province = Double(byKey["rd|province|total"]!["delta_mean"]!)!
        let city = Double(byKey["rd|city|total"]!["delta_mean"]!)!
        XCTAssertEqual(province, 2 * city, accuracy: 2e-4)
    }

    func testChangeIsPrintedAsPathBeforeArrowAfterAndListedInTheManifest() throws {
        let r = try compare("out", ["--set", "\(Self.cap)=500", "--paths", "200"])
        XCTAssertTrue(r.stdout.contains("\(Self.cap): 250 → 500"), r.stdout)
        let json = try dir.json("out/manifest.json")
        XCTAssertEqual(json["reforms"] as? [String], ["\(Self.cap): 250 → 500"])
        XCTAssertEqual((json["paths"] as? NSNumber)?.intValue, 200)
        XCTAssertEqual((json["seed"] as? NSNumber)?.uint64Value, 42, "the scenario's seed")
        XCTAssertEqual(json["scenario_sha256"] as? String, try sha256sum(of: dir.path("tiny.yaml")), "the baseline file's fingerprint")
    }

    func testBaselineColumnEqualsTheMeansOfASeparateRunOfTheBaseline() throws {
        try compare("cmp", ["--set", "\(Self.cap)=500", "--paths", "400", "--seed", "9"])
        let r = try CofundCLI.run(["run", try tinyFile(), "--paths", "400", "--seed", "9", "--out", dir.path("run"), "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let base = try column("base_mean", of: "cmp/delta.csv")
        let run = try column("mean", of: "run/summary.csv")
        XCTAssertEqual(Set(base.keys), Set(run.keys), "delta.csv and summary.csv should have the same rows")
        for (k, mean) in run { XCTAssertEqual(base[k], mean, k) }

        // And the reform column is a separate run of the reform.
        let s = try CofundCLI.run(
            [
                "run", try tinyFile(), "--set", "\(Self.cap)=500", "--paths", "400", "--seed", "9",
                "--out", dir.path("run500"), "--quiet",
            ], in: dir.url)
        XCTAssertEqual(s.status, 0, s.stderr)
        let reform = try column("reform_mean", of: "cmp/delta.csv")
        for (k, mean) in try column("mean", of: "run500/summary.csv") { XCTAssertEqual(reform[k], mean, k) }
    }

    func testReformFilesAndSetComposeInOrderTheLaterWinning() throws {
        let to400 = try dir.write("cap400.reform.yaml", "title: 封顶400万元\nsource: test\n\(Self.cap): 400\n")
        let to500 = try dir.write("cap500.reform.yaml", "title: 封顶500万元\n\(Self.cap): 500\n")
        let common = ["--paths", "300", "--seed", "3"]

        try compare("set500", ["--set", "\(Self.cap)=500"] + common)
        try compare("set400", ["--set", "\(Self.cap)=400"] + common)
        // A file then --set: the --set wins.
        let fileThenSet = try compare("fileThenSet", ["--reform", to400, "--set", "\(Self.cap)=500"] + common)
        // Two files: the later wins, whichever it is.
        try compare("files400then500", ["--reform", to400, "--reform", to500] + common)
        let fiveThenFour = try compare("files500then400", ["--reform", to500, "--reform", to400] + common)

        XCTAssertTrue(fileThenSet.stdout.contains("\(Self.cap): 250 → 400\n  \(Self.cap): 400 → 500"), fileThenSet.stdout)
        XCTAssertEqual(
            try dir.json("fileThenSet/manifest.json")["reforms"] as? [String],
            ["\(Self.cap): 250 → 400", "\(Self.cap): 400 → 500"])
        XCTAssertEqual(
            try dir.json("files500then400/manifest.json")["reforms"] as? [String],
            ["\(Self.cap): 250 → 500", "\(Self.cap): 500 → 400"])
        XCTAssertTrue(fiveThenFour.stdout.contains("\(Self.cap): 500 → 400"), fiveThenFour.stdout)

        let at500 = try column("reform_mean", of: "set500/delta.csv")
        let at400 = try column("reform_mean", of: "set400/delta.csv")
        XCTAssertNotEqual(at500["rd|all|total"], at400["rd|all|total"], "400 and 500 must be told apart")
        XCTAssertEqual(try column("reform_mean", of: "fileThenSet/delta.csv"), at500)
        XCTAssertEqual(try column("reform_mean", of: "files400then500/delta.csv"), at500)
        XCTAssertEqual(try column("reform_mean", of: "files500then400/delta.csv"), at400)
    }

    func testSwitchingAProgramOffRemovesExactlyItsPaymentsAndLeavesTheOtherOnItsRandomNumbers() throws {
        let r = try compare("out", ["--set", "programs.award.enabled=false", "--paths", "300", "--seed", "7"])
        XCTAssertTrue(r.stdout.contains("programs.award.enabled: true → false"), r.stdout)
        let rows = try dir.csv("out/delta.csv").rows
        for row in rows where row["program"] == "award" {
            let k = Self.key(row)
            XCTAssertEqual(row["reform_mean"], "0.0000", k)
            XCTAssertEqual(Double(row["delta_mean"]!)!, -Double(row["base_mean"]!)!, accuracy: 1e-9, k)
        }
        for row in rows where row["program"] == "rd" {
            XCTAssertEqual(row["delta_mean"], "0.0000", Self.key(row))
            XCTAssertEqual(row["reform_mean"], row["base_mean"], Self.key(row))
        }
        let byKey = Dictionary(uniqueKeysWithValues: rows.map { (Self.key($0), $0) })
        XCTAssertEqual(byKey["all|all|total"]?["delta_mean"], byKey["award|all|total"]?["delta_mean"])
        XCTAssertEqual(byKey["all|province|total"]?["delta_mean"], "0.0000", "the province pays nothing of the award")
    }

    func testDeltaCSVIsTheSameOnAnyThreadCount() throws {
        for threads in ["1", "3"] {
            try compare("t\(threads)", ["--set", "\(Self.cap)=500", "--paths", "700", "--seed", "7", "--threads", threads])
        }
        XCTAssertEqual(try dir.bytes("t1/delta.csv"), try dir.bytes("t3/delta.csv"))
    }

    // MARK: - Refusals

    func testUnknownPathInAReformFileIsRefusedAtItsLineWithADidYouMeanAndNoOutput() throws {
        let reform = try dir.write("typo.reform.yaml", "title: typo\n# the cap\nprograms.rd.cap_per_clam: 500\n")
        let r = try CofundCLI.run(
            ["compare", try tinyFile(), "--reform", reform, "--paths", "100", "--out", dir.path("out"), "--quiet"], in: dir.url)
        try assertRefused(r, out: "out")
        XCTAssertTrue(r.stderr.contains("typo.reform.yaml:3:1"), r.stderr)
        XCTAssertTrue(r.stderr.contains("programs.rd.cap_per_clam"), r.stderr)
        XCTAssertTrue(r.stderr.contains("did you mean `cap_per_claim`?"), r.stderr)
        XCTAssertFalse(r.stderr.contains("Fatal error"), r.stderr)
    }

    func testUnknownPathInASetIsRefusedAtItsPositionWithADidYouMeanAndNoOutput() throws {
        let r = try CofundCLI.run(
            [
                "compare", try tinyFile(), "--set", "\(Self.cap)=500", "--set", "programs.awrd.amount=40",
                "--paths", "100", "--out", dir.path("out"), "--quiet",
            ], in: dir.url)
        try assertRefused(r, out: "out")
        XCTAssertTrue(r.stderr.contains("--set:2:1"), "the second --set: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("programs.awrd.amount"), r.stderr)
        XCTAssertTrue(r.stderr.contains("did you mean `award`?"), r.stderr)
    }

    func testReformBreakingTheSharesIsRefusedAtTheOverrideWithNoOutput() throws {
        // 0.75 + 0.25 + 0.25 = 1.25.
        let reform = try dir.write("shares.reform.yaml", "title: 省级多出\nsource: test\nprograms.rd.share.province: 0.75\n")
        let r = try CofundCLI.run(
            ["compare", try tinyFile(), "--reform", reform, "--paths", "100", "--out", dir.path("out"), "--quiet"], in: dir.url)
        try assertRefused(r, out: "out")
        XCTAssertTrue(r.stderr.contains("shares.reform.yaml:3:1"), "at the override: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("programs.rd.share"), r.stderr)
        XCTAssertTrue(r.stderr.contains("1.25"), r.stderr)

        let s = try CofundCLI.run(
            [
                "compare", try tinyFile(), "--set", "programs.rd.share.province=0.75",
                "--paths", "100", "--out", dir.path("out"), "--quiet",
            ], in: dir.url)
        try assertRefused(s, out: "out")
        XCTAssertTrue(s.stderr.contains("--set:1:1"), s.stderr)
        XCTAssertTrue(s.stderr.contains("1.25"), s.stderr)
    }
}

/// `cofund run FILE --set …` and `--reform …`: the override is applied and recorded, and a reform
/// file that is not YAML is refused with its line.
final class RunReformFlagTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    func testRunSetAppliesTheOverrideAndRecordsItInTheManifest() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let plain = try CofundCLI.run(["run", scenario, "--paths", "300", "--seed", "5", "--out", dir.path("plain"), "--quiet"], in: dir.url)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let set = try CofundCLI.run(
            [
                "run", scenario, "--set", "programs.rd.cap_per_claim=500", "--paths", "300", "--seed", "5",
                "--out", dir.path("set"), "--quiet",
            ], in: dir.url)
        XCTAssertEqual(set.status, 0, set.stderr)

        XCTAssertEqual(try dir.json("set/manifest.json")["reforms"] as? [String], ["programs.rd.cap_per_claim: 250 → 500"])
        XCTAssertEqual(try dir.json("plain/manifest.json")["reforms"] as? [String] ?? [], [])
        XCTAssertTrue(set.stdout.contains("Reformed: programs.rd.cap_per_claim: 250 → 500"), set.stdout)
        XCTAssertFalse(plain.stdout.contains("Reformed:"), plain.stdout)

        func mean(_ run: String, _ program: String) throws -> Double {
            let row = try XCTUnwrap(
                try dir.csv("\(run)/summary.csv").rows.first {
                    $0["program"] == program && $0["funder"] == "all" && $0["period"] == "total"
                })
            return try XCTUnwrap(Double(row["mean"]!))
        }
        XCTAssertGreaterThan(try mean("set", "rd"), try mean("plain", "rd"), "a higher cap pays more")
        XCTAssertGreaterThan(try mean("set", "all"), try mean("plain", "all"))
        XCTAssertEqual(try mean("set", "award"), try mean("plain", "award"), "the other program is untouched")
    }

    func testRunReformWithAYAMLSyntaxErrorIsRefusedWithItsLine() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let reform = try dir.write("broken.reform.yaml", "title: broken\nprograms.rd.cap_per_claim: 500\n  oops: : x\n")
        let r = try CofundCLI.run(["run", scenario, "--reform", reform, "--paths", "100", "--out", dir.path("out"), "--quiet"], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("broken.reform.yaml:3:"), "the line of the syntax error: \(r.stderr)")
        XCTAssertTrue(r.stderr.contains("YAML syntax"), r.stderr)
        XCTAssertFalse(dir.exists("out"))
    }
}
