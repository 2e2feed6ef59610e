import CoFundTestSupport
import XCTest

/// `cofund explain FILE --program ID` works one claim through its rule; `cofund programs FILE`
/// lists the programs.
final class ExplainCommandTests: XCTestCase {
    var dir: TempDir!
    var scenario: String!

    override func setUpWithError() throws {
        dir = try TempDir()
        scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
    }
    override func tearDown() { dir?.remove() }

    func testCappedRateClaimOf20000PaysTheCap250Split125And62Point5() throws {
        let r = try CofundCLI.run(["explain", scenario, "--program", "rd", "--base", "20000"], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 0, r.stderr)
        let out = r.stdout
        // The steps, numbered, in order: base, rate, cap, payout, split, lag.
        let steps = out.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { $0.first?.isNumber == true }
        XCTAssertGreaterThanOrEqual(steps.count, 5, out)
        XCTAssertTrue(steps.first?.contains("20,000") == true, out)
        XCTAssertTrue(out.contains("2.5%"), out)
        XCTAssertTrue(out.contains("500"), out)  // 2.5% × 20,000 before the cap
        XCTAssertTrue(out.contains("250"), out)  // the cap binds
        XCTAssertTrue(out.contains("125"), out)  // province 50%
        XCTAssertTrue(out.contains("62.5"), out)  // city and district 25% each
        let split = try XCTUnwrap(steps.first { $0.contains("province") && $0.contains("city") && $0.contains("district") }, out)
        XCTAssertTrue(split.contains("province 50% → 125"), split)
        XCTAssertTrue(split.contains("city 25% → 62.5"), split)
        XCTAssertTrue(split.contains("district 25% → 62.5"), split)
        let payout = try XCTUnwrap(steps.first { $0.contains("payout") }, out)
        XCTAssertTrue(payout.contains("250"), payout)
        XCTAssertTrue(out.contains("2025"), "payment_lag 1 pays a 2024 claim in 2025:\n\(out)")
        XCTAssertTrue(out.contains("万元"), out)
    }

    func testUncappedRateClaimPaysTheRateTimesTheBase() throws {
        let r = try CofundCLI.run(["explain", scenario, "--program", "rd", "--base", "4000"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let payout = r.stdout.split(separator: "\n").first { $0.contains("payout") }
        XCTAssertTrue(payout?.contains("100") == true, r.stdout)  // 2.5% × 4,000, under the cap
        XCTAssertTrue(r.stdout.contains("province 50% → 50"), r.stdout)
        XCTAssertTrue(r.stdout.contains("city 25% → 25"), r.stdout)
    }

    func testAwardWithoutBaseUsesTheMeanAndShowsTheSchedule() throws {
        let r = try CofundCLI.run(["explain", scenario, "--program", "award"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("25"), r.stdout)  // mean of uniform 20–30
        XCTAssertTrue(r.stdout.contains("city 60% → 15"), r.stdout)
        XCTAssertTrue(r.stdout.contains("district 40% → 10"), r.stdout)
        XCTAssertTrue(r.stdout.contains("payment_schedule"), r.stdout)
    }

    func testUnknownProgramExitsNonZeroAndListsThePrograms() throws {
        let r = try CofundCLI.run(["explain", scenario, "--program", "nope"], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("nope"), r.stderr)
        XCTAssertTrue(r.stderr.contains("rd"), r.stderr)
        XCTAssertTrue(r.stderr.contains("award"), r.stderr)
        XCTAssertEqual(r.stdout, "")
    }

    func testNegativeBaseAndRecoveryAboveOneAreRefused() throws {
        for (arg, option) in [("--base=-5", "--base"), ("--recovery=1.5", "--recovery")] {
            let r = try CofundCLI.run(["explain", scenario, "--program", "rd", arg], in: dir.url)
            XCTAssertTrue(r.exitedCleanly, r.stderr)
            XCTAssertNotEqual(r.status, 0, arg)
            XCTAssertTrue(r.stderr.contains("\(option) must be"), r.stderr)
        }
    }

    func testExplainOfAnInvalidScenarioPrintsTheLocatedProblems() throws {
        let bad = try dir.write("bad.yaml", TestScenarios.threeMistakes)
        let r = try CofundCLI.run(["explain", bad, "--program", "rd"], in: dir.url)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("\(bad):8:36"), r.stderr)
    }

    func testProgramsListsEveryProgramID() throws {
        let r = try CofundCLI.run(["programs", scenario], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 0, r.stderr)
        let firstColumn = r.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first.map(String.init) }
        XCTAssertTrue(firstColumn.contains("rd"), r.stdout)
        XCTAssertTrue(firstColumn.contains("award"), r.stdout)
        XCTAssertTrue(r.stdout.contains("tiny-test"), r.stdout)
        XCTAssertTrue(r.stdout.contains("province 50%, city 25%, district 25%"), r.stdout)
    }

    func testProgramsListsEveryKindInTheMixedScenario() throws {
        let mixed = try dir.write("mixed.yaml", TestScenarios.mixed)
        let r = try CofundCLI.run(["programs", mixed, "--wide"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        for id in ["contracts", "contracts_match", "riskcomp", "interest"] {
            XCTAssertTrue(r.stdout.split(separator: "\n").contains { $0.hasPrefix(id + " ") }, "\(id) missing:\n\(r.stdout)")
        }
    }

    func testProgramsOfAMissingFileExitsOneWithoutCrashing() throws {
        let r = try CofundCLI.run(["programs", dir.path("missing.yaml")], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("cannot read the file"), r.stderr)
    }
}
