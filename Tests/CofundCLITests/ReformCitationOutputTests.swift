import CoFundTestSupport
import Foundation
import XCTest

/// A reform file's `title:` and `source:` reach every output of `run --reform` and `compare
/// --reform`: manifest.json (`reform_files`, one entry per file, in order), the terminal, report.html,
/// delta.csv (`reform_title`, `reform_source`) and report.xlsx (the manifest sheet's `reform_files` row, and the delta
/// sheet as delta.csv has it). A title that a spreadsheet would run as a formula is stored behind a
/// `'` in delta.csv and in the workbook's sheets.
final class ReformCitationOutputTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let first = """
        title: 研发补助上限提高到500万元
        source: 济政字〔2020〕20号 第8条
        programs.rd.cap_per_claim: 500

        """
    /// A second reform whose title starts with `=`, as a formula would.
    static let second = """
        title: =HYPERLINK("x") 通过率
        source: 三年行动计划 二（一）2
        programs.rd.claims.approval: 0.8

        """

    private func cofund(_ arguments: [String]) throws -> CLIResult {
        let r = try CofundCLI.run(arguments + ["--paths", "300", "--seed", "3", "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        return r
    }

    private func reformFiles(_ manifest: String) throws -> [[String: String]] {
        let entries = try XCTUnwrap(try dir.json(manifest)["reform_files"] as? [[String: Any]], "reform_files")
        return entries.map { $0.compactMapValues { $0 as? String } }
    }

    func testATitleAndSourceAppearInTheManifestTheTerminalTheReportDeltaCSVAndTheWorkbook() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let a = try dir.write("a.reform.yaml", Self.first)
        let b = try dir.write("b.reform.yaml", Self.second)
        let expected = [
            ["file": a, "title": "研发补助上限提高到500万元", "source": "济政字〔2020〕20号 第8条"],
            ["file": b, "title": "=HYPERLINK(\"x\") 通过率", "source": "三年行动计划 二（一）2"],
        ]

        let run = try cofund(["run", scenario, "--reform", a, "--reform", b, "--out", dir.path("run")])
        let compare = try cofund(["compare", scenario, "--reform", a, "--reform", b, "--out", dir.path("cmp")])
        for (name, r) in [("run", run), ("cmp", compare)] {
            XCTAssertEqual(try reformFiles("\(name)/manifest.json"), expected, name)
            let html = try dir.text("\(name)/report.html")
            for e in expected {
                XCTAssertTrue(r.stdout.contains("Reform: \(e["title"]!) (\(e["source"]!)) — \(e["file"]!)"), "\(name): \(r.stdout)")
                XCTAssertTrue(html.contains(e["source"]!), "\(name)/report.html lacks \(e["source"]!)")
            }
            XCTAssertTrue(html.contains("研发补助上限提高到500万元"), name)
            XCTAssertTrue(html.contains("=HYPERLINK(&quot;x&quot;) 通过率"), "\(name)/report.html: the title is escaped")
        }

        // --format json carries the same list.
        for command in ["run", "compare"] {
            let r = try CofundCLI.run(
                [
                    command, scenario, "--reform", a, "--reform", b, "--format", "json", "--out", dir.path("\(command)-json"), "--paths", "300",
                    "--seed", "3",
                ],
                in: dir.url)
            XCTAssertEqual(r.status, 0, r.stderr)
            let document = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], command)
            let files = try XCTUnwrap(document["reform_files"] as? [[String: Any]], "\(command): reform_files")
            XCTAssertEqual(files.map { $0.compactMapValues { $0 as? String } }, expected, command)
        }

        let delta = try dir.csv("cmp/delta.csv")
        XCTAssertEqual(Array(delta.header.suffix(3)), ["unit", "reform_title", "reform_source"])
        XCTAssertFalse(delta.rows.isEmpty)
        for row in delta.rows {
            XCTAssertEqual(row["reform_title"], "研发补助上限提高到500万元; =HYPERLINK(\"x\") 通过率")
            XCTAssertEqual(row["reform_source"], "济政字〔2020〕20号 第8条; 三年行动计划 二（一）2")
        }
        // A title starting with = is guarded where it starts a cell.
        try cofund(["compare", scenario, "--reform", b, "--out", dir.path("eq")])
        let guarded = try XCTUnwrap(try dir.csv("eq/delta.csv").rows.first?["reform_title"])
        XCTAssertEqual(guarded, "'=HYPERLINK(\"x\") 通过率")
        XCTAssertTrue(try dir.text("eq/delta.csv").contains(",\"'=HYPERLINK(\"\"x\"\") 通过率\","))

        // The manifest sheet's reform_files row: each file as `TITLE (SOURCE) — FILE`, joined by `; `,
        // guarded like every text cell of the workbook when it starts as a formula would.
        let cited = expected.map { "\($0["title"]!) (\($0["source"]!)) — \($0["file"]!)" }
        let jobs: [[String: Any]] = [
            ["xlsx": dir.path("run/report.xlsx"), "reforms": cited.joined(separator: "; "), "delta": NSNull()],
            [
                "xlsx": dir.path("cmp/report.xlsx"), "reforms": cited.joined(separator: "; "),
                "delta": "研发补助上限提高到500万元; =HYPERLINK(\"x\") 通过率",
            ],
            ["xlsx": dir.path("eq/report.xlsx"), "reforms": "'" + cited[1], "delta": "'=HYPERLINK(\"x\") 通过率"],
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: jobs), as: UTF8.self)
        let r = try ProjectPython.run(["-c", Self.readWorkbook, json], in: dir.url)
        XCTAssertEqual(r.status, 0, "report.xlsx read-back failed:\n\(r.stdout)\n\(r.stderr)")
        XCTAssertEqual(r.stdout.components(separatedBy: ": cited").count - 1, jobs.count, r.stdout)
    }

    func testARunWithoutReformFilesHasAnEmptyListAndEmptyCells() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let r = try cofund(["compare", scenario, "--set", "programs.rd.cap_per_claim=500", "--out", dir.path("cmp")])
        XCTAssertFalse(r.stdout.contains("Reform: "), r.stdout)
        XCTAssertEqual(try reformFiles("cmp/manifest.json"), [])
        for row in try dir.csv("cmp/delta.csv").rows {
            XCTAssertEqual(row["reform_title"], "")
            XCTAssertEqual(row["reform_source"], "")
        }
    }

    /// argv[1]: a JSON list of `{"xlsx", "reforms", "delta"}`: the manifest sheet's `reform_files` is
    /// `reforms`, as text (never a formula); the delta sheet's reform_title is `delta` on every row.
    static let readWorkbook = #"""
        import json, sys
        import openpyxl

        for job in json.loads(sys.argv[1]):
            wb = openpyxl.load_workbook(job["xlsx"])
            manifest = {r[0].value: r[1] for r in wb["manifest"].iter_rows(min_row=2)}
            cell = manifest["reform_files"]
            assert cell.data_type == "s" and cell.value == job["reforms"], f"{job['xlsx']}: {cell.value!r} ({cell.data_type})"
            if job["delta"] is not None:
                sheet = wb["delta"]
                header = [c.value for c in sheet[1]]
                i = header.index("reform_title")
                cells = [r[i] for r in sheet.iter_rows(min_row=2)]
                assert cells and all(c.value == job["delta"] and c.data_type == "s" for c in cells), f"{job['xlsx']}: {cells[0].value!r}"
            print(f"{job['xlsx'].rsplit('/', 2)[-2]}: cited")
        """#
}
