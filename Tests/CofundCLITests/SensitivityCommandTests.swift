import CoFundReport
import CoFundTestSupport
import Foundation
import XCTest

/// `cofund sensitivity FILE`: sensitivity.csv read back with an RFC 4180 parser, the p10 and p90 of
/// an uncertain rate and the proportional swing it gives, the ranking within each funder, and a
/// scenario with nothing uncertain.
final class SensitivityCommandTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    /// Three uncertain parameters: rd's uncapped rate (uniform 2–3%) and approval, paid by the
    /// province and the city half and half, and the award's approval, paid by the district alone.
    static let uncertain = """
        scenario:
          id: sens-test
          title: 敏感性 "rate", uncertain
          unit: wan
          years: [2024, 2026]
          seed: 5
          paths: 500
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: city}
          - {id: district, name: 区县财政, level: district}
        programs:
          - id: rd
            name: 研发补助（不封顶）
            source: test
            kind: rate
            claims: {count: {dist: poisson, mean: 20}, approval: {dist: uniform, low: 0.5, high: 0.9}}
            base: {dist: lognormal, median: 500, p90: 3000}
            rate: {dist: uniform, low: 0.02, high: 0.03}
            share: {province: 0.5, city: 0.5}
          - id: award
            name: 奖励
            source: test
            kind: award
            claims: {count: {dist: poisson, mean: 5}, approval: {dist: beta, mean: 0.5, sd: 0.2}}
            amount: {dist: uniform, low: 20, high: 30}
            share: {district: 1.0}

        """

    static let parameters: Set = ["programs.rd.rate", "programs.rd.claims.approval", "programs.award.claims.approval"]
    static let funders = ["province", "city", "district", "all"]

    /// Runs `cofund sensitivity` on `scenario` and checks that it succeeded.
    @discardableResult
    func sensitivity(_ scenario: String, _ out: String, _ extra: [String] = [], file: StaticString = #filePath, line: UInt = #line) throws
        -> CLIResult
    {
        let path = try dir.write("\(out).yaml", scenario)
        let r = try CofundCLI.run(["sensitivity", path, "--paths", "400", "--seed", "5", "--out", dir.path(out), "--quiet"] + extra, in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr, file: file, line: line)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)
        return r
    }

    func testHeaderIsExactlySensitivityCSVColumnsWithARowPerFunderAndParameter() throws {
        let r = try sensitivity(Self.uncertain, "out")
        let text = try dir.text("out/sensitivity.csv")
        XCTAssertTrue(text.hasPrefix(SensitivityCSV.columns.joined(separator: ",") + "\r\n"), String(text.prefix(300)))
        let table = try RFC4180.table(text)
        XCTAssertEqual(table.header, SensitivityCSV.columns)
        XCTAssertEqual(table.rows.count, Self.funders.count * Self.parameters.count)
        var order: [String] = []
        for row in table.rows where order.last != row["funder"] { order.append(row["funder"]!) }
        XCTAssertEqual(order, Self.funders, "funders in the scenario's order, then all; each one's rows together")
        for f in Self.funders {
            XCTAssertEqual(Set(table.rows.filter { $0["funder"] == f }.map { $0["parameter"]! }), Self.parameters, f)
        }
        for row in table.rows {
            XCTAssertEqual(row["scenario"], "sens-test")
            XCTAssertEqual(row["unit"], "wan")
            let swing = try XCTUnwrap(Double(row["mean_swing"]!)), low = Double(row["mean_at_p10"]!)!, high = Double(row["mean_at_p90"]!)!
            XCTAssertEqual(swing, high - low, accuracy: 2e-4, "\(row["funder"]!) \(row["parameter"]!)")
        }
        XCTAssertEqual(try dir.json("out/manifest.json")["reforms"] as? [String], ["sensitivity: each uncertain parameter at its p10 and p90"])
        XCTAssertTrue(r.stdout.contains("Wrote \(dir.path("out"))/: sensitivity.csv, manifest.json and report.html."), r.stdout)
    }

    func testUncappedUniformRateShowsItsP10AndP90AndMovesTheMeanInProportion() throws {
        try sensitivity(Self.uncertain, "out")
        let rows = try dir.csv("out/sensitivity.csv").rows.filter { $0["parameter"] == "programs.rd.rate" }
        XCTAssertEqual(rows.map { $0["funder"]! }, Self.funders)
        for row in rows {
            let f = row["funder"]!
            XCTAssertEqual(row["distribution"], "uniform", f)
            XCTAssertEqual(row["value_p10"], "0.021000", f)
            XCTAssertEqual(row["value_p90"], "0.029000", f)
        }
        // The province and the city pay only the uncapped rate program: on common random numbers their
        // total is the rate times the same bases, so the two means are in the ratio of the two rates.
        for f in ["province", "city"] {
            let row = try XCTUnwrap(rows.first { $0["funder"] == f })
            let low = try XCTUnwrap(Double(row["mean_at_p10"]!)), high = try XCTUnwrap(Double(row["mean_at_p90"]!))
            XCTAssertGreaterThan(low, 0, f)
            XCTAssertEqual(high / low, 0.029 / 0.021, accuracy: 1e-4 * (0.029 / 0.021), f)
        }
        // The district pays only the award: the rate does not move it.
        let district = try XCTUnwrap(rows.first { $0["funder"] == "district" })
        XCTAssertEqual(district["mean_swing"], "0.0000")
        XCTAssertEqual(district["mean_at_p10"], district["mean_at_p90"])
    }

    func testHoldingAParameterAtItsP10EqualsARunWithItSetToThatValue() throws {
        try sensitivity(Self.uncertain, "out")
        let row = try XCTUnwrap(try dir.csv("out/sensitivity.csv").rows.first { $0["funder"] == "province" && $0["parameter"] == "programs.rd.rate" })
        let r = try CofundCLI.run(
            [
                "run", dir.path("out.yaml"), "--set", "programs.rd.rate=0.021", "--paths", "400", "--seed", "5",
                "--out", dir.path("run"), "--quiet",
            ], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let total = try XCTUnwrap(
            try dir.csv("run/summary.csv").rows.first {
                $0["program"] == "all" && $0["funder"] == "province" && $0["year"] == "total"
            })
        XCTAssertEqual(Double(row["mean_at_p10"]!)!, Double(total["mean"]!)!, accuracy: 2e-4)
    }

    func testRankOneWithinEachFunderHasTheLargestAbsoluteMeanSwing() throws {
        try sensitivity(Self.uncertain, "out")
        let rows = try dir.csv("out/sensitivity.csv").rows
        for f in Self.funders {
            let mine = rows.filter { $0["funder"] == f }
            XCTAssertEqual(mine.map { $0["rank"]! }, (1...mine.count).map(String.init), "\(f): ranks 1, 2, … in order")
            let swings = try mine.map { abs(try XCTUnwrap(Double($0["mean_swing"]!))) }
            XCTAssertEqual(swings.first, swings.max(), "\(f): rank 1 has the largest |mean_swing|: \(swings)")
            XCTAssertEqual(swings, swings.sorted(by: >), "\(f): ranked by |mean_swing|")
        }
        // The district pays only the award, so the award's approval is its only driver.
        let top = try XCTUnwrap(rows.first { $0["funder"] == "district" && $0["rank"] == "1" })
        XCTAssertEqual(top["parameter"], "programs.award.claims.approval")
        XCTAssertGreaterThan(Double(top["mean_swing"]!)!, 0)
    }

    func testScenarioWithNoUncertainParametersExitsZeroAndSaysSo() throws {
        // The tiny scenario's rate, cap and approval are plain numbers (its counts and bases are per-claim draws).
        let r = try sensitivity(TestScenarios.tiny, "out")
        XCTAssertTrue(r.stdout.contains("The scenario has no uncertain parameters."), r.stdout)
        let table = try dir.csv("out/sensitivity.csv")
        XCTAssertEqual(table.header, SensitivityCSV.columns)
        XCTAssertTrue(table.rows.isEmpty, "\(table.rows)")
    }

    func testSetFixingAParameterTakesItOutOfTheRanking() throws {
        let r = try sensitivity(Self.uncertain, "out", ["--set", "programs.rd.rate=0.025"])
        let rows = try dir.csv("out/sensitivity.csv").rows
        XCTAssertEqual(Set(rows.map { $0["parameter"]! }), Self.parameters.subtracting(["programs.rd.rate"]))
        XCTAssertEqual(
            try dir.json("out/manifest.json")["reforms"] as? [String],
            [
                "programs.rd.rate: {dist: uniform, low: 0.02, high: 0.03} → 0.025",
                "sensitivity: each uncertain parameter at its p10 and p90",
            ])
        XCTAssertTrue(r.stdout.contains("programs.rd.claims.approval"), r.stdout)
    }

    /// Every funder is listed, in the order declared; one that no uncertain parameter reaches (a
    /// funder paying a program whose numbers are all fixed) says so instead of vanishing.
    func testAFunderNoUncertainParameterReachesIsListedAndSaysSo() throws {
        let fixedZone =
            Self.uncertain
            .replacingOccurrences(
                of: "  - {id: district, name: 区县财政, level: district}\n",
                with: "  - {id: district, name: 区县财政, level: district}\n  - {id: zone, name: 高新区财政, level: zone}\n")
                + """
                  - id: zone_award
                    name: 高新区奖励
                    source: test
                    kind: award
                    claims: {count: {dist: poisson, mean: 3}}
                    amount: 10
                    share: {zone: 1.0}

                """
        let r = try sensitivity(fixedZone, "out")
        let headings = ["山东省财政 province", "济南市财政 city", "区县财政 district", "高新区财政 zone", "all funders"]
        let positions = headings.map { h in r.stdout.range(of: "\n\(h)\n")?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "every funder has its heading: \(r.stdout)")
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), "in the order declared")
        let zone = try XCTUnwrap(r.stdout.range(of: "\n高新区财政 zone\n"))
        XCTAssertTrue(
            r.stdout[zone.upperBound...].hasPrefix(
                "No uncertain parameter moves this total: every number reaching it is fixed, and its spread is chance alone."),
            r.stdout)
    }
}
