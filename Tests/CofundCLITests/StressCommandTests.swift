import CoFundReport
import CoFundTestSupport
import Foundation
import XCTest

/// `cofund stress FUNDER [FILE]`: stress.csv read back with an RFC 4180 parser, its tail total
/// against `cofund run`'s CVaR95, the report's section, and the refusals of a bad funder, a bad
/// tail and a run too large to keep its paths.
final class StressCommandTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    func stress(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws -> CLIResult {
        let path = try dir.write("tiny.yaml", TestScenarios.tiny)
        let r = try CofundCLI.run(["stress"] + arguments.map { $0 == "FILE" ? path : $0 } + ["--quiet"], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr, file: file, line: line)
        return r
    }

    /// Oracle: exact identity. The tail total of stress.csv at --tail 0.05 is the province's CVaR95
    /// in `cofund run`'s summary.csv on the same seed and paths (both written with 4 decimals), and
    /// the programs' tail payments add up to it (within the rounding of 4 decimals per row).
    func testStressCSVHasItsColumnsAndItsTailTotalIsTheRunsCVaR95() throws {
        let r = try stress(["province", "FILE", "--paths", "300", "--out", dir.path("stress")])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let text = try dir.text("stress/stress.csv")
        XCTAssertTrue(text.hasPrefix("\u{FEFF}" + StressCSV.columns.joined(separator: ",") + "\r\n"), String(text.prefix(300)))
        let table = try RFC4180.table(text)
        XCTAssertEqual(table.header, StressCSV.columns)
        let total = try XCTUnwrap(table.rows.first)
        XCTAssertEqual(total["kind"], "total")
        XCTAssertEqual(total["path"], "funders.province.total")
        XCTAssertEqual(total["tail_paths"], "15")
        XCTAssertEqual(total["paths"], "300")
        XCTAssertEqual(total["share_of_tail"], "1.000000")
        // rd pays the province (award does not): its payment, claims made and approved, no parameter.
        XCTAssertEqual(
            table.rows.dropFirst().map { "\($0["kind"]!) \($0["path"]!)" },
            ["payment programs.rd.payment", "count programs.rd.claims_made", "count programs.rd.claims_approved"])
        XCTAssertEqual(table.rows[2]["measure"], "claims made")
        XCTAssertEqual(table.rows[1]["program_name"], "研发补助（2.5%，\"最高\"250万元, 省市区）")
        let tailTotal = try XCTUnwrap(Double(total["tail_mean"]!))
        let payments = table.rows.filter { $0["kind"] == "payment" }.reduce(0) { $0 + Double($1["tail_mean"]!)! }
        XCTAssertEqual(payments, tailTotal, accuracy: 1e-4)
        for row in table.rows { XCTAssertEqual(row["scope"], "funder") }

        let path = try dir.write("tiny.yaml", TestScenarios.tiny)
        let run = try CofundCLI.run(["run", path, "--paths", "300", "--out", dir.path("run"), "--quiet"], in: dir.url)
        XCTAssertEqual(run.status, 0, run.stderr)
        let summary = try RFC4180.table(try dir.text("run/summary.csv"))
        let cvar = try XCTUnwrap(
            summary.rows.first { $0["program"] == "all" && $0["funder"] == "province" && $0["period"] == "total" && $0["flow"] == "net" })
        XCTAssertEqual(total["tail_mean"], cvar["cvar95"])
        XCTAssertEqual(total["mean"], cvar["mean"])

        let html = try dir.text("stress/report.html")
        XCTAssertTrue(html.contains("<h2>The bad years</h2>"), String(html.prefix(500)))
        XCTAssertTrue(html.contains("programs.rd.claims_approved"))
        let manifest = try dir.json("stress/manifest.json")
        XCTAssertEqual(manifest["paths"] as? Int, 300)
        XCTAssertTrue(r.stdout.contains("The bad years of 山东省财政 (province)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("claims approved"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Wrote \(dir.path("stress"))/: stress.csv, manifest.json, report.html and report.xlsx."), r.stdout)
    }

    /// A budget line (rd's own province budget) and the government, with --tail 0.2, in JSON; the
    /// default directory is runs/SCENARIO-ID-stress-FUNDER.
    func testALineAndTheGovernmentAndTheDefaultDirectory() throws {
        let r = try stress(["rd", "FILE", "--paths", "200", "--tail", "0.2", "--format", "json"])
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(json.count, 1)
        XCTAssertEqual(json[0]["scope"] as? String, "line")
        XCTAssertEqual(json[0]["tail_paths"] as? Int, 40)
        XCTAssertEqual(json[0]["reproduced"] as? Bool, true)
        let table = try RFC4180.table(try dir.text("runs/tiny-test-stress-rd/stress.csv"))
        XCTAssertEqual(table.rows.first?["path"], "budget_lines.rd.demand")
        let g = try stress(["government", "FILE", "--paths", "200", "--out", dir.path("g")])
        XCTAssertEqual(g.status, 0, g.stderr)
        let gov = try RFC4180.table(try dir.text("g/stress.csv"))
        XCTAssertEqual(gov.rows.first?["path"], "government.total")
        XCTAssertEqual(Set(gov.rows.filter { $0["kind"] == "payment" }.map { $0["program"]! }), ["rd", "award"])
    }

    func testAnUnknownFunderIsRefusedWithTheAllowedIDs() throws {
        let r = try stress(["provnce", "FILE", "--paths", "50", "--out", dir.path("bad")])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("stress:"), r.stderr)
        XCTAssertTrue(r.stderr.contains("did you mean `province`"), r.stderr)
        XCTAssertTrue(r.stderr.contains("province, city, district, government, rd"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("bad")), "nothing written")
    }

    func testATailOutsideZeroToOneHalfIsRefused() throws {
        for tail in ["0", "0.6", "-0.1", "1", "nan"] {
            let r = try stress(["province", "FILE", "--paths", "50", "--tail=\(tail)", "--out", dir.path("bad")])
            XCTAssertNotEqual(r.status, 0, tail)
            XCTAssertTrue(r.stderr.contains("--tail must be a fraction of paths above 0 and at most 0.5"), tail + ": " + r.stderr)
            XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("bad")), tail)
        }
    }

    func testARunTooLargeToKeepItsPathsIsRefusedBeforeItStarts() throws {
        let r = try stress(["province", "FILE", "--paths", "5000000", "--out", dir.path("big")])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("too large to keep every path's values"), r.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path("big")))
    }
}
