import CoFundReport
import CoFundTestSupport
import Foundation
import XCTest

/// `cofund compare A.yaml B.yaml`: two whole scenarios on common random numbers. The oracles are
/// exact identities: a file against itself changes nothing; a second file that differs in one cap
/// gives the very bytes of the same cap set with `--set`; a program in one file only changes
/// everything by exactly its own cost, as a run of that file reports it; a reform that adds a
/// program gives the bytes of a second file that holds it.
final class CompareTwoFilesTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let common = ["--paths", "400", "--seed", "7", "--threads", "2", "--quiet"]

    /// A program paying the zone alone, appended to the tiny scenario's programs.
    static let extraProgram = """
          - id: extra
            name: 新增项目
            source: 新办法 第3条
            kind: award
            claims: {count: {dist: poisson, mean: 8}}
            amount: {dist: uniform, low: 10, high: 20}
            share: {city: 0.3, district: 0.7}

        """

    func tiny() throws -> String { try dir.write("a.yaml", TestScenarios.tiny) }

    /// Runs `cofund ARGS --out OUT` with the common options and expects success.
    @discardableResult
    func cofund(_ args: [String], out: String, line: UInt = #line) throws -> CLIResult {
        let r = try CofundCLI.run(args + Self.common + ["--out", dir.path(out)], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr, line: line)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, line: line)
        return r
    }

    static func key(_ row: [String: String]) -> String { "\(row["program"]!)|\(row["funder"]!)|\(row.slot)" }

    func testAFileAgainstItselfChangesNothingInEveryRow() throws {
        let a = try tiny()
        let copy = try dir.write("a-copy.yaml", TestScenarios.tiny)
        let r = try cofund(["compare", a, copy], out: "same")
        XCTAssertTrue(r.stdout.contains("The two scenarios are the same"), r.stdout)
        XCTAssertEqual(
            Set(try FileManager.default.contentsOfDirectory(atPath: dir.path("same"))),
            [".cofund-run", "changes.csv", "delta.csv", "delta-budgets.csv", "manifest.json", "report.html", "report.xlsx"])
        XCTAssertTrue(
            r.stdout.contains("Wrote \(dir.path("same"))/: changes.csv, delta.csv, delta-budgets.csv, manifest.json, report.html and report.xlsx."),
            r.stdout)
        let rows = try dir.csv("same/delta.csv").rows
        XCTAssertEqual(rows.count, 70, "every program × funder × year and every sum, government included")
        for row in rows {
            for c in ["delta_mean", "delta_se", "delta_ci95_low", "delta_ci95_high", "delta_p95"] {
                XCTAssertEqual(row[c], "0.0000", "\(c) of \(Self.key(row))")
            }
            XCTAssertEqual(row["reform_mean"], row["base_mean"], Self.key(row))
        }
        let grand = try XCTUnwrap(rows.first { Self.key($0) == "all|all|total" })
        XCTAssertGreaterThan(Double(grand["base_mean"]!)!, 0, "not vacuous: the baseline pays something")
        XCTAssertEqual(try dir.text("same/changes.csv"), "\u{FEFF}path,base,reform,programs\r\n")
        let manifest = try dir.json("same/manifest.json")
        XCTAssertEqual(manifest["scenario_file"] as? String, a)
        XCTAssertEqual(manifest["compared_file"] as? String, copy)
        XCTAssertEqual(manifest["scenario_sha256"] as? String, try sha256sum(of: a))
        XCTAssertEqual(manifest["compared_sha256"] as? String, try sha256sum(of: copy))
    }

    func testASecondFileDifferingInACapGivesTheBytesOfTheSameSet() throws {
        let a = try tiny()
        let b = try dir.write("b.yaml", TestScenarios.tiny.replacingOccurrences(of: "cap_per_claim: 250", with: "cap_per_claim: 500"))
        let files = try cofund(["compare", a, b], out: "files")
        try cofund(["compare", a, "--set", "programs.rd.cap_per_claim=500"], out: "set")
        XCTAssertEqual(try dir.bytes("files/delta.csv"), try dir.bytes("set/delta.csv"), "the same streams give the same bytes")
        XCTAssertEqual(try dir.bytes("files/delta-budgets.csv"), try dir.bytes("set/delta-budgets.csv"))
        XCTAssertEqual(try dir.text("files/changes.csv"), "\u{FEFF}path,base,reform,programs\r\nprograms.rd.cap_per_claim,250,500,\r\n")
        XCTAssertTrue(files.stdout.contains("programs changed: rd"), files.stdout)
        XCTAssertTrue(files.stdout.contains("programs.rd.cap_per_claim: 250 → 500"), files.stdout)
        let manifest = try dir.json("files/manifest.json")
        XCTAssertEqual(manifest["reforms"] as? [String], ["programs.rd.cap_per_claim: 250 → 500"])
        XCTAssertEqual(manifest["compared_sha256"] as? String, try sha256sum(of: b))
        let report = try dir.text("files/report.html")
        XCTAssertTrue(report.contains("<code>\(try sha256sum(of: b))</code>"), "the report's manifest names the second file's SHA-256")
        XCTAssertTrue(report.contains("programs.rd.cap_per_claim: 250 → 500"))
    }

    func testAProgramInTheSecondFileOnlyChangesByExactlyItsRunCost() throws {
        let a = try tiny()
        let b = try dir.write("b.yaml", TestScenarios.tiny + Self.extraProgram)
        let r = try cofund(["compare", a, b], out: "cmp")
        XCTAssertTrue(r.stdout.contains("programs added: extra"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Only in \(b): extra — compared against nothing, so the whole cost is the change."), r.stdout)
        XCTAssertEqual(
            try dir.csv("cmp/changes.csv").rows.map { [$0["path"]!, $0["base"]!, $0["reform"]!] }, [["programs.extra", "(absent)", "新增项目"]])
        try cofund(["run", b], out: "runB")
        let summary = try dir.csv("runB/summary.csv").rows.filter { $0["flow"] == "net" }
        let runMean = Dictionary(uniqueKeysWithValues: summary.map { (Self.key($0), $0["mean"]!) })
        let rows = try dir.csv("cmp/delta.csv").rows
        let extra = rows.filter { $0["program"] == "extra" }
        XCTAssertEqual(extra.count, 4 * 5, "city, district, all and government × 3 years, total and after")
        for row in extra {
            let k = Self.key(row)
            XCTAssertEqual(row["base_mean"], "0.0000", k)
            XCTAssertEqual(row["delta_mean"], row["reform_mean"], k)
            XCTAssertEqual(row["delta_mean"], runMean[k], "the change is the program's whole cost in a run of \(b): \(k)")
        }
        // The other programs draw the same claims in both files: their change is exactly zero.
        for row in rows where row["program"] == "rd" || row["program"] == "award" {
            XCTAssertEqual(row["delta_mean"], "0.0000", Self.key(row))
            XCTAssertEqual(row["delta_se"], "0.0000", Self.key(row))
        }
        let total = try XCTUnwrap(extra.first { Self.key($0) == "extra|all|total" })
        XCTAssertGreaterThan(Double(total["delta_mean"]!)!, 0, "not vacuous")
        // The district's total over all programs changes by the new program's part alone.
        let district = try XCTUnwrap(rows.first { Self.key($0) == "all|district|total" })
        XCTAssertEqual(district["delta_mean"], runMean["extra|district|total"])
    }

    func testAReformAddingAProgramGivesTheBytesOfAFileHoldingIt() throws {
        let a = try tiny()
        let b = try dir.write("b.yaml", TestScenarios.tiny + Self.extraProgram)
        var reform = "title: 新增项目\nprograms.extra:\n"
        for line in Self.extraProgram.split(separator: "\n").dropFirst() { reform += "  " + line.dropFirst(4) + "\n" }
        let reformFile = try dir.write("add.reform.yaml", reform)
        let r = try cofund(["compare", a, "--reform", reformFile], out: "reform")
        XCTAssertTrue(r.stdout.contains("programs.extra: (absent) → {name: 新增项目"), r.stdout)
        try cofund(["compare", a, b], out: "files")
        // The same numbers, cell by cell; only the reform's title differs (the two files have none).
        let reformRows = try dir.csv("reform/delta.csv").rows, fileRows = try dir.csv("files/delta.csv").rows
        XCTAssertEqual(reformRows.count, fileRows.count)
        for (x, y) in zip(reformRows, fileRows) {
            let named: Set = ["reform_title", "reform_source"]
            XCTAssertEqual(
                x.filter { !named.contains($0.key) }, y.filter { !named.contains($0.key) }, "the added program draws the streams of its id")
            XCTAssertEqual(x["reform_title"], "新增项目")
            XCTAssertEqual(y["reform_title"], "")
        }
        try cofund(["run", a, "--reform", reformFile], out: "runReformed")
        let summary = try dir.csv("runReformed/summary.csv").rows.filter { $0["flow"] == "net" && $0["program"] == "extra" }
        let delta = Dictionary(uniqueKeysWithValues: try dir.csv("reform/delta.csv").rows.map { (Self.key($0), $0["delta_mean"]!) })
        XCTAssertEqual(summary.count, 20)
        for row in summary { XCTAssertEqual(delta[Self.key(row)], row["mean"], Self.key(row)) }
    }

    /// A fixed count and amount: the added program's change is count × amount per year, split by its
    /// shares, with no sampling error — 40 × 15 = 600 a year, 1,800 over 2024–2026, the city 30%.
    func testAnAddedProgramWithFixedClaimsChangesByItsClosedForm() throws {
        let a = try tiny()
        try cofund(
            [
                "compare", a, "--set",
                "programs.fixed={name: f, source: s, kind: award, claims: {count: 40}, amount: 15, share: {city: 0.3, district: 0.7}}",
            ],
            out: "fixed")
        let rows = Dictionary(uniqueKeysWithValues: try dir.csv("fixed/delta.csv").rows.map { (Self.key($0), $0) })
        for (key, expected) in [
            ("fixed|all|2024", "600.0000"), ("fixed|all|total", "1800.0000"), ("fixed|city|total", "540.0000"),
            ("fixed|district|total", "1260.0000"), ("all|all|total", "1800.0000"), ("fixed|all|after", "0.0000"),
        ] {
            XCTAssertEqual(rows[key]?["delta_mean"], expected, key)
            XCTAssertEqual(rows[key]?["delta_se"], "0.0000", key)
        }
    }

    func testJSONHoldsTheScenarioDiff() throws {
        let a = try tiny()
        let b = try dir.write(
            "b.yaml", (TestScenarios.tiny + Self.extraProgram).replacingOccurrences(of: "cap_per_claim: 250", with: "cap_per_claim: 500"))
        let r = try cofund(["compare", a, b, "--format", "json"], out: "json")
        let doc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let diff = try XCTUnwrap(doc["scenario_diff"] as? [String: Any])
        XCTAssertEqual(diff["programs_added"] as? [String], ["extra"])
        XCTAssertEqual(diff["programs_changed"] as? [String], ["rd"])
        XCTAssertEqual(diff["programs_removed"] as? [String], [])
        let fields = try XCTUnwrap(diff["fields"] as? [[String: String]])
        XCTAssertEqual(
            fields,
            [
                ["path": "programs.rd.cap_per_claim", "base": "250", "reform": "500"],
                ["path": "programs.extra", "base": "(absent)", "reform": "新增项目"],
            ])
        let plain = try cofund(["compare", a, "--set", "programs.rd.rate=0.03", "--format", "json"], out: "plain")
        let reformDoc = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
        XCTAssertTrue(reformDoc["scenario_diff"] is NSNull, "a reform has no second file")
    }

    func testAReformAddingABrokenProgramIsRefusedAtItsLine() throws {
        let a = try tiny()
        let reformFile = try dir.write(
            "add.reform.yaml", "programs.extra:\n  name: x\n  source: s\n  kind: award\n  claims: {count: 2}\n  amount: lots\n  share: {city: 1}\n")
        let r = try CofundCLI.run(["compare", a, "--reform", reformFile] + Self.common + ["--out", dir.path("out")], in: dir.url)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("\(reformFile):6:3"), r.stderr)
        XCTAssertFalse(dir.exists("out"))
    }

    func testDifferentYearsOrUnitsAreRefusedNamingBothFiles() throws {
        let a = try tiny()
        let years = try dir.write("years.yaml", TestScenarios.tiny.replacingOccurrences(of: "years: [2024, 2026]", with: "years: [2025, 2027]"))
        let unit = try dir.write("unit.yaml", TestScenarios.tiny.replacingOccurrences(of: "unit: wan", with: "unit: yuan"))
        for (other, words) in [(years, "2024–2026"), (unit, "same `scenario.unit`")] {
            let r = try CofundCLI.run(["compare", a, other] + Self.common + ["--out", dir.path("out")], in: dir.url)
            XCTAssertTrue(r.exitedCleanly, r.stderr)
            XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
            XCTAssertTrue(r.stderr.contains(a) && r.stderr.contains(other), r.stderr)
            XCTAssertTrue(r.stderr.contains(words), r.stderr)
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "one message: \(r.stderr)")
            XCTAssertFalse(dir.exists("out"))
            XCTAssertFalse(dir.exists("runs"))
        }
    }

    /// The second file's own seed and paths do not apply: both run on the first file's, so the
    /// comparison pairs the same paths (and a larger `paths:` in the second file is not run).
    func testTheFirstFilesSeedAndPathsRunBoth() throws {
        let a = try tiny()
        let b = try dir.write(
            "b.yaml",
            TestScenarios.tiny.replacingOccurrences(of: "seed: 42", with: "seed: 43").replacingOccurrences(of: "paths: 500", with: "paths: 5000000"))
        let r = try CofundCLI.run(["compare", a, b, "--quiet", "--threads", "2", "--out", dir.path("out")], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("scenario.seed: 42 → 43"), r.stdout)
        let manifest = try dir.json("out/manifest.json")
        XCTAssertEqual(manifest["seed"] as? Int, 42)
        XCTAssertEqual(manifest["paths"] as? Int, 500)
        for row in try dir.csv("out/delta.csv").rows { XCTAssertEqual(row["delta_mean"], "0.0000", Self.key(row)) }
    }

    func testASecondFileWithAReformIsRefused() throws {
        let a = try tiny()
        let r = try CofundCLI.run(["compare", a, a, "--set", "programs.rd.rate=0.03"] + Self.common + ["--out", dir.path("out")], in: dir.url)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("not both"), r.stderr)
        XCTAssertFalse(dir.exists("out"))
    }

    func testASecondFileWithProblemsIsRefusedWithItsName() throws {
        let a = try tiny()
        let bad = try dir.write("bad.yaml", TestScenarios.tiny.replacingOccurrences(of: "rate: 0.025", with: "rate: high"))
        let r = try CofundCLI.run(["compare", a, bad] + Self.common + ["--out", dir.path("out")], in: dir.url)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("\(bad):"), r.stderr)
        XCTAssertFalse(dir.exists("out"))
    }
}
