import CoFundReport
import CoFundTestSupport
import Foundation
import XCTest

/// `cofund sensitivity FILE`: sensitivity.csv read back with an RFC 4180 parser, the p10 and p90 of
/// an uncertain rate and the proportional swing it gives, an assumption's ends equal to runs with
/// it set, the ranking within each funder, and a funder nothing reaches.
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

    /// The uncertain parameters, held at their p10 and p90.
    static let parameters: Set = ["programs.rd.rate", "programs.rd.claims.approval", "programs.award.claims.approval"]
    /// The literal assumptions, moved −20% and +20%: counts, sizes and the two shares of rd.
    static let assumptions: Set = [
        "programs.rd.claims.count", "programs.rd.base", "programs.rd.share.province", "programs.rd.share.city",
        "programs.award.claims.count", "programs.award.amount",
    ]
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

    /// The mean of `funder`'s horizon total in `cofund run FILE --set SET` on the same seed and paths.
    func runMean(_ funder: String, _ set: String) throws -> Double {
        let r = try CofundCLI.run(
            ["run", dir.path("out.yaml"), "--set", set, "--paths", "400", "--seed", "5", "--out", dir.path("run"), "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let total = try XCTUnwrap(
            try dir.csv("run/summary.csv").rows.first { $0["program"] == "all" && $0["funder"] == funder && $0["period"] == "total" })
        return try XCTUnwrap(Double(total["mean"]!))
    }

    func testHeaderIsExactlySensitivityCSVColumnsWithARowPerFunderAndDriver() throws {
        let r = try sensitivity(Self.uncertain, "out")
        let text = try dir.text("out/sensitivity.csv")
        XCTAssertTrue(text.hasPrefix("\u{FEFF}" + SensitivityCSV.columns.joined(separator: ",") + "\r\n"), String(text.prefix(300)))
        let table = try RFC4180.table(text)
        XCTAssertEqual(table.header, SensitivityCSV.columns)
        let drivers = Self.parameters.union(Self.assumptions)
        XCTAssertEqual(table.rows.count, Self.funders.count * drivers.count)
        var order: [String] = []
        for row in table.rows where order.last != row["id"] { order.append(row["id"]!) }
        XCTAssertEqual(order, Self.funders, "funders in the scenario's order, then all; each one's rows together")
        for f in Self.funders {
            let mine = table.rows.filter { $0["id"] == f }
            XCTAssertEqual(Set(mine.map { $0["path"]! }), drivers, f)
            XCTAssertTrue(mine.allSatisfy { $0["scope"] == "funder" })
        }
        for row in table.rows {
            XCTAssertEqual(row["scenario"], "sens-test")
            XCTAssertEqual(row["unit"], "wan")
            XCTAssertEqual(row["setting"], Self.parameters.contains(row["path"]!) ? "p10 / p90" : "−20% / +20%")
            XCTAssertFalse(row["field"]!.isEmpty)
            let swing = try XCTUnwrap(Double(row["mean_swing"]!)), low = Double(row["mean_at_low"]!)!, high = Double(row["mean_at_high"]!)!
            XCTAssertEqual(swing, high - low, accuracy: 2e-4, "\(row["id"]!) \(row["path"]!)")
        }
        XCTAssertEqual(
            try dir.json("out/manifest.json")["reforms"] as? [String],
            ["sensitivity: each uncertain parameter at its p10 and p90, each assumption at −20% and +20%"])
        XCTAssertTrue(
            r.stdout.contains("Wrote \(dir.path("out"))/: sensitivity.csv, variance-split.csv, manifest.json, report.html and report.xlsx."), r.stdout
        )
        let split = try dir.csv("out/variance-split.csv")
        XCTAssertEqual(split.header, VarianceSplitCSV.columns)
        XCTAssertEqual(split.rows.map { $0["id"]! }, Self.funders)
    }

    func testUncappedUniformRateShowsItsP10AndP90AndMovesTheMeanInProportion() throws {
        try sensitivity(Self.uncertain, "out")
        let rows = try dir.csv("out/sensitivity.csv").rows.filter { $0["path"] == "programs.rd.rate" }
        XCTAssertEqual(rows.map { $0["id"]! }, Self.funders)
        for row in rows {
            let f = row["id"]!
            XCTAssertEqual(row["distribution"], "uniform", f)
            XCTAssertEqual(row["value_low"], "0.021000", f)
            XCTAssertEqual(row["value_high"], "0.029000", f)
            XCTAssertEqual(row["field"], "rate", f)
            XCTAssertEqual(row["program_name"], "研发补助（不封顶）", f)
        }
        // The province and the city pay only the uncapped rate program: on common random numbers their
        // total is the rate times the same bases, so the two means are in the ratio of the two rates.
        for f in ["province", "city"] {
            let row = try XCTUnwrap(rows.first { $0["id"] == f })
            let low = try XCTUnwrap(Double(row["mean_at_low"]!)), high = try XCTUnwrap(Double(row["mean_at_high"]!))
            XCTAssertGreaterThan(low, 0, f)
            XCTAssertEqual(high / low, 0.029 / 0.021, accuracy: 1e-4 * (0.029 / 0.021), f)
        }
        // The district pays only the award: the rate does not move it.
        let district = try XCTUnwrap(rows.first { $0["id"] == "district" })
        XCTAssertEqual(district["mean_swing"], "0.0000")
        XCTAssertEqual(district["mean_at_low"], district["mean_at_high"])
    }

    /// Exact identity: each end of a driver is the run with the driver set to that value, on the
    /// same seed and paths — a held parameter at its p10, a count's level at −20%, a size at +20%, a
    /// share at −20% with the other share taking the rest.
    func testEachEndEqualsARunWithTheDriverSetToThatValue() throws {
        try sensitivity(Self.uncertain, "out")
        let rows = try dir.csv("out/sensitivity.csv").rows.filter { $0["id"] == "province" }
        func row(_ path: String) throws -> [String: String] { try XCTUnwrap(rows.first { $0["path"] == path }, path) }
        XCTAssertEqual(Double(try row("programs.rd.rate")["mean_at_low"]!)!, try runMean("province", "programs.rd.rate=0.021"), accuracy: 2e-4)
        let count = try row("programs.rd.claims.count")
        XCTAssertEqual(count["value_low"], "16.000000")
        XCTAssertEqual(Double(count["mean_at_low"]!)!, try runMean("province", "programs.rd.claims.count={dist: poisson, mean: 16}"), accuracy: 2e-4)
        let base = try row("programs.rd.base")
        XCTAssertEqual(base["value_high"], "1.200000", "a size moves as a whole: the factor")
        XCTAssertEqual(
            Double(base["mean_at_high"]!)!, try runMean("province", "programs.rd.base={dist: lognormal, median: 600, p90: 3600}"), accuracy: 2e-4)
        // The province's share 0.5 at −20% is 0.4; the city's takes the rest, 0.6.
        let share = try row("programs.rd.share.province")
        XCTAssertEqual(share["value_low"], "0.400000")
        let r = try CofundCLI.run(
            [
                "run", dir.path("out.yaml"), "--set", "programs.rd.share.province=0.4", "--set", "programs.rd.share.city=0.6", "--paths", "400",
                "--seed", "5", "--out", dir.path("run2"), "--quiet",
            ], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let total = try XCTUnwrap(
            try dir.csv("run2/summary.csv").rows.first { $0["program"] == "all" && $0["funder"] == "province" && $0["period"] == "total" })
        XCTAssertEqual(Double(share["mean_at_low"]!)!, Double(total["mean"]!)!, accuracy: 2e-4)
    }

    func testRankOneWithinEachFunderHasTheLargestAbsoluteMeanSwing() throws {
        try sensitivity(Self.uncertain, "out")
        let rows = try dir.csv("out/sensitivity.csv").rows
        for f in Self.funders {
            let mine = rows.filter { $0["id"] == f }
            XCTAssertEqual(mine.map { $0["rank"]! }, (1...mine.count).map(String.init), "\(f): ranks 1, 2, … in order")
            let swings = try mine.map { abs(try XCTUnwrap(Double($0["mean_swing"]!))) }
            XCTAssertEqual(swings.first, swings.max(), "\(f): rank 1 has the largest |mean_swing|: \(swings)")
            XCTAssertEqual(swings, swings.sorted(by: >), "\(f): ranked by |mean_swing|")
        }
        // The district pays only the award: its drivers are the award's count, amount and approval.
        let district = rows.filter { $0["id"] == "district" && Double($0["mean_swing"]!)! != 0 }
        XCTAssertEqual(Set(district.map { $0["path"]! }), ["programs.award.claims.count", "programs.award.amount", "programs.award.claims.approval"])
    }

    func testScenarioWithOnlyLiteralNumbersRanksItsAssumptions() throws {
        // The tiny scenario's numbers are all literals: nothing is held at quantiles, every assumption moves.
        let r = try sensitivity(TestScenarios.tiny, "out")
        let table = try dir.csv("out/sensitivity.csv")
        XCTAssertEqual(table.header, SensitivityCSV.columns)
        XCTAssertFalse(table.rows.isEmpty)
        XCTAssertTrue(table.rows.allSatisfy { $0["setting"] == "−20% / +20%" }, "\(table.rows.map { $0["setting"]! })")
        XCTAssertTrue(r.stdout.contains("claims a year"), r.stdout)
    }

    func testSwingOptionMovesEachAssumptionByThatPercentage() throws {
        try sensitivity(Self.uncertain, "out", ["--swing", "50"])
        let row = try XCTUnwrap(try dir.csv("out/sensitivity.csv").rows.first { $0["id"] == "province" && $0["path"] == "programs.rd.claims.count" })
        XCTAssertEqual(row["setting"], "−50% / +50%")
        XCTAssertEqual(row["value_low"], "10.000000")
        XCTAssertEqual(row["value_high"], "30.000000")
        for bad in ["0", "100", "-5", "nan"] {
            let path = try dir.write("bad.yaml", Self.uncertain)
            let r = try CofundCLI.run(["sensitivity", path, "--swing=\(bad)", "--out", dir.path("bad"), "--quiet"], in: dir.url)
            XCTAssertNotEqual(r.status, 0, bad)
            XCTAssertTrue(r.stderr.contains("--swing takes a percentage above 0 and below 100"), r.stderr)
        }
    }

    func testSetFixingAParameterTakesItOutOfTheHeldParameters() throws {
        let r = try sensitivity(Self.uncertain, "out", ["--set", "programs.rd.rate=0.025"])
        let rows = try dir.csv("out/sensitivity.csv").rows
        XCTAssertEqual(Set(rows.filter { $0["setting"] == "p10 / p90" }.map { $0["path"]! }), Self.parameters.subtracting(["programs.rd.rate"]))
        // Fixed by the reform, the rate is now a literal number, moved like any other assumption.
        XCTAssertEqual(rows.first { $0["path"] == "programs.rd.rate" }?["value_low"], "0.020000")
        XCTAssertEqual(
            try dir.json("out/manifest.json")["reforms"] as? [String],
            [
                "programs.rd.rate: {dist: uniform, low: 0.02, high: 0.03} → 0.025",
                "sensitivity: each uncertain parameter at its p10 and p90, each assumption at −20% and +20%",
            ])
        XCTAssertTrue(r.stdout.contains("approval rate"), r.stdout)
    }
}
