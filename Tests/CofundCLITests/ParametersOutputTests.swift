import CoFundTestSupport
import Foundation
import XCTest

/// Which clause's value each year's claims use: `parameters.csv` in a run directory, `cofund
/// programs --parameters`, and the programs a change to a parameter moves in `compare`.
final class ParametersOutputTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let common = ["--paths", "200", "--seed", "7", "--threads", "2", "--quiet"]

    /// Two programs reading a cap that falls from 1000 to `laterCap` on 2027-01-01 (claims dated
    /// 01-01, horizon 2025–2029), a share whose name starts with `=`, and an uncertain approval rate.
    static func scenario(laterCap: Int = 250) -> String {
        """
        scenario:
          id: params-test
          title: 参数测试
          unit: wan
          years: [2025, 2029]
          seed: 1
          paths: 200
        funders:
          - {id: province, name: 省财政, level: province}
          - {id: city, name: 市财政, level: city}
        parameters:
          rd_cap:
            name: 单个企业年度最高补助
            unit: wan
            values:
              - {from: 2020-03-20, value: 1000, source: 济政字〔2020〕20号 第8条}
              - {from: 2027-01-01, value: \(laterCap), source: 三年行动计划 二（一）2}
          rd_share_province:
            name: "=省级分担比例"
            unit: fraction
            values:
              - {from: 2020-01-01, value: 0.5, source: "某文, 第3条"}
          rd_approval:
            name: 通过率
            unit: fraction
            values:
              - {from: 2020-01-01, value: {dist: beta, mean: 0.85, sd: 0.05}, source: 假设}
        programs:
          - id: rd
            name: 研发后补助
            source: 济政字〔2020〕20号
            kind: rate
            claims: {count: {dist: poisson, mean: 100}, approval: {param: rd_approval}}
            base: {dist: lognormal, median: 80, p90: 600}
            rate: 0.1
            cap_per_claim: {param: rd_cap}
            share: {province: {param: rd_share_province}, city: 0.5}
          - id: rd_large
            name: 研发后补助（大）
            source: 济政字〔2020〕20号
            kind: rate
            claims: {count: {dist: poisson, mean: 10}, approval: 0.9}
            base: {dist: lognormal, median: 300, p90: 2500}
            rate: 0.1
            cap_per_claim: {param: rd_cap}
            share: {province: 0.5, city: 0.5}

        """
    }

    @discardableResult
    func cofund(_ args: [String], line: UInt = #line) throws -> CLIResult {
        let r = try CofundCLI.run(args, in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr, line: line)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, line: line)
        return r
    }

    func testParametersCSVListsEveryDatedValueWithItsReadersAndYears() throws {
        let file = try dir.write("p.yaml", Self.scenario())
        let r = try cofund(["run", file, "--out", dir.path("run")] + Self.common)
        XCTAssertTrue(r.stdout.contains("Parameters: 3 (their dated values, clauses and years used: see parameters.csv)"), r.stdout)
        XCTAssertTrue(r.stdout.contains("parameters.csv"), r.stdout)
        XCTAssertEqual(
            try dir.text("run/parameters.csv"),
            [
                "\u{FEFF}parameter,name,unit,from,until,value,distribution,source,programs,years_used",
                "rd_cap,单个企业年度最高补助,wan,2020-03-20,2026-12-31,1000,,济政字〔2020〕20号 第8条,rd.cap_per_claim;rd_large.cap_per_claim,2025-2026",
                "rd_cap,单个企业年度最高补助,wan,2027-01-01,,250,,三年行动计划 二（一）2,rd.cap_per_claim;rd_large.cap_per_claim,2027-2029",
                "rd_share_province,'=省级分担比例,fraction,2020-01-01,,0.5,,\"某文, 第3条\",rd.share.province,2025-2029",
                "rd_approval,通过率,fraction,2020-01-01,,0.85,\"{dist: beta, mean: 0.85, sd: 0.05}\",假设,rd.claims.approval,2025-2029",
                "",
            ].joined(separator: "\r\n"))
        XCTAssertTrue(try dir.text("run/.cofund-run").contains("parameters.csv\n"))
        let html = try dir.text("run/report.html")
        XCTAssertTrue(html.contains("<h2>Parameters</h2>"))
        XCTAssertTrue(html.contains("<code>rd_large.cap_per_claim</code>"))
        XCTAssertTrue(html.contains("=省级分担比例"))
    }

    func testAScenarioWithoutParametersWritesTheHeaderAlone() throws {
        let file = try dir.write("tiny.yaml", TestScenarios.tiny)
        let r = try cofund(["run", file, "--out", dir.path("run")] + Self.common)
        XCTAssertFalse(r.stdout.contains("Parameters:"), r.stdout)
        XCTAssertEqual(
            try dir.text("run/parameters.csv"), "\u{FEFF}parameter,name,unit,from,until,value,distribution,source,programs,years_used\r\n")
        let listed = try cofund(["programs", file, "--parameters"])
        XCTAssertTrue(listed.stdout.contains("No parameters: the scenario declares none"), listed.stdout)
        XCTAssertEqual(listed.stdout.split(separator: "\n").count, 2, listed.stdout)
    }

    func testProgramsListsEachValueWithItsYearsAndTheFieldsReadingIt() throws {
        let file = try dir.write("p.yaml", Self.scenario())
        let r = try cofund(["programs", file, "--parameters", "--wide"])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let first = try XCTUnwrap(lines.first { $0.hasPrefix("rd_cap ") }, r.stdout)
        for cell in ["单个企业年度最高补助", "万元", "2020-03-20", "2026-12-31", "1000", "济政字〔2020〕20号 第8条", "2025–2026", "rd.cap_per_claim"] {
            XCTAssertTrue(first.contains(cell), "\(cell) in \(first)")
        }
        let second = try XCTUnwrap(lines.first { $0.contains("2027-01-01") }, r.stdout)
        for cell in ["open", "250", "三年行动计划 二（一）2", "2027–2029", "rd_large.cap_per_claim"] {
            XCTAssertTrue(second.contains(cell), "\(cell) in \(second)")
        }
        XCTAssertTrue(r.stdout.contains("≈0.85 {dist: beta, mean: 0.85, sd: 0.05}"), r.stdout)
        XCTAssertTrue(r.stdout.contains("3 parameters"), r.stdout)
        // Without --parameters, the programs table as before.
        let programs = try cofund(["programs", file])
        XCTAssertFalse(programs.stdout.contains("rd.cap_per_claim"), programs.stdout)
    }

    func testCompareSettingAParameterListsTheProgramsReadingIt() throws {
        let file = try dir.write("p.yaml", Self.scenario())
        let r = try cofund(["compare", file, "--set", "parameters.rd_cap=500", "--out", dir.path("cmp")] + Self.common)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        let changes = try XCTUnwrap(lines.firstIndex(of: "Changes:"), r.stdout)
        XCTAssertTrue(lines[changes + 1].hasPrefix("  parameters.rd_cap: "), r.stdout)
        XCTAssertEqual(lines[changes + 2], "  programs reading rd_cap: rd, rd_large")
        XCTAssertTrue(try dir.text("cmp/report.html").contains("programs reading rd_cap: rd, rd_large"))

        let dated = try cofund(["compare", file, "--set", "parameters.rd_approval.values.2027-01-01=0.7", "--out", dir.path("cmp2")] + Self.common)
        XCTAssertTrue(dated.stdout.contains("  programs reading rd_approval: rd\n"), dated.stdout)
    }

    func testTwoFilesDifferingInOneParameterNameItAndItsReaders() throws {
        let a = try dir.write("a.yaml", Self.scenario())
        let b = try dir.write("b.yaml", Self.scenario(laterCap: 300))
        let r = try cofund(["compare", a, b, "--out", dir.path("diff")] + Self.common)
        XCTAssertTrue(r.stdout.contains("\n  parameters changed: rd_cap\n    rd_cap → moves rd, rd_large\n"), r.stdout)
        let parameters = try XCTUnwrap(r.stdout.range(of: "parameters changed"))
        if let programs = r.stdout.range(of: "programs changed") { XCTAssertLessThan(parameters.lowerBound, programs.lowerBound) }
        XCTAssertEqual(
            try dir.text("diff/changes.csv"),
            "\u{FEFF}path,base,reform,programs\r\n"
                + "parameters.rd_cap.values.2027-01-01,250 — 三年行动计划 二（一）2,300 — 三年行动计划 二（一）2,rd;rd_large\r\n")

        let json = try cofund(["compare", a, b, "--out", dir.path("diff-json"), "--format", "json"] + Self.common)
        let doc = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let diff = try XCTUnwrap(doc["scenario_diff"] as? [String: Any])
        XCTAssertEqual(diff["parameters_changed"] as? [String], ["rd_cap"])
        let readers = try XCTUnwrap(diff["parameter_readers"] as? [[String: Any]])
        XCTAssertEqual(readers.first?["parameter"] as? String, "rd_cap")
        XCTAssertEqual(readers.first?["programs"] as? [String], ["rd", "rd_large"])
    }
}
