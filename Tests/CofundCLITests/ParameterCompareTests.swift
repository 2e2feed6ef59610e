import CoFundTestSupport
import Foundation
import XCTest

/// A clause's number as a parameter, end to end: one `--set` on the parameter moves every program
/// that reads it; a value dated 2027 changes nothing before 2027; a second file holding the dated
/// value gives the bytes of the same `--set`. The oracles are exact identities on common random
/// numbers.
final class ParameterCompareTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let common = ["--paths", "300", "--seed", "11", "--threads", "2", "--quiet"]

    /// Two programs governed by one cap; a claim base large enough for the cap to bind in both.
    static let scenario = """
        scenario: {id: shared-cap, title: 共用上限, unit: wan, years: [2025, 2029]}
        parameters:
          rd_cap:
            name: 单个企业年度最高补助
            unit: wan
            values:
              - {from: 2020-01-01, value: 250, source: 第8条}
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: city}
        programs:
          - id: rd
            name: 研发补助（最高{rd_cap}万元）
            source: 第8条
            kind: rate
            claims: {count: {dist: poisson, mean: 40}}
            base: {dist: lognormal, median: 3000, p90: 12000}
            rate: 0.1
            cap_per_claim: {param: rd_cap}
            share: {province: 0.5, city: 0.5}
          - id: rd_large
            name: 研发补助（大企业）
            source: 第8条
            kind: rate
            claims: {count: {dist: poisson, mean: 10}}
            base: {dist: lognormal, median: 8000, p90: 30000}
            rate: 0.1
            cap_per_claim: {param: rd_cap}
            share: {province: 0.5, city: 0.5}
            payment_lag: 1

        """

    @discardableResult
    func cofund(_ args: [String], out: String, line: UInt = #line) throws -> CLIResult {
        let r = try CofundCLI.run(args + Self.common + ["--out", dir.path(out)], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, line: line)
        return r
    }

    func delta(_ rows: [[String: String]], _ program: String, _ year: String) -> Double {
        Double(rows.first { $0["program"] == program && $0["funder"] == "all" && $0.slot == year }?["delta_mean"] ?? "") ?? .nan
    }

    func testOneSetOnTheParameterMovesBothPrograms() throws {
        let a = try dir.write("a.yaml", Self.scenario)
        let r = try cofund(["compare", a, "--set", "parameters.rd_cap=500"], out: "set")
        let rows = try dir.csv("set/delta.csv").rows
        for program in ["rd", "rd_large"] {
            XCTAssertGreaterThan(delta(rows, program, "total"), 0, "\(program) moves with the parameter")
        }
        XCTAssertTrue(r.stdout.contains("研发补助（最高500万元）"), "the name quotes the reformed cap: \(r.stdout)")
        let refused = try CofundCLI.run(["compare", a, "--set", "programs.rd.cap_per_claim=500"] + Self.common, in: dir.url)
        XCTAssertEqual(refused.status, 1, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("did you mean `parameters.rd_cap=500`?"), refused.stderr)
    }

    func testADatedValueChangesNothingBeforeItsYearAndEqualsTheSameValueInASecondFile() throws {
        let a = try dir.write("a.yaml", Self.scenario)
        let b = try dir.write(
            "b.yaml",
            Self.scenario.replacingOccurrences(
                of: "      - {from: 2020-01-01, value: 250, source: 第8条}\n",
                with: "      - {from: 2020-01-01, value: 250, source: 第8条}\n      - {from: 2027-01-01, value: 500, source: 新办法 第2条}\n"))
        try cofund(["compare", a, "--set", "parameters.rd_cap.values.2027-01-01=500"], out: "set")
        try cofund(["compare", a, b], out: "files")
        XCTAssertEqual(try dir.bytes("files/delta.csv"), try dir.bytes("set/delta.csv"), "the same streams give the same bytes")
        let rows = try dir.csv("set/delta.csv").rows
        for program in ["rd", "rd_large"] {
            for year in ["2025", "2026"] {
                XCTAssertEqual(delta(rows, program, year), 0, "\(program) \(year): the claims before 2027 keep the old cap")
            }
            XCTAssertGreaterThan(delta(rows, program, "2028"), 0, "\(program) 2028")
        }
        XCTAssertGreaterThan(delta(rows, "rd", "2027"), 0, "rd pays in its claim year")
        XCTAssertEqual(delta(rows, "rd_large", "2027"), 0, "rd_large pays 2026's claims in 2027, on the old cap")
    }
}
