import CoFundEngine
import CoFundModel
import XCTest

/// Baseline and reform on common random numbers (VALIDATION.md, exact identities): every
/// (path, program, year) has its own stream, so a change to one program moves no other draw.
final class CommonRandomNumbersTests: XCTestCase {
    /// A portfolio of three programs whose parameters the tests vary one at a time, with claims
    /// and loans from the first year only (`history_from: 2025`): loans made before it could
    /// default before the first year under a higher pd, out of the reported years.
    private func portfolio(
        cap: Double = 40, rate: Double = 0.025, approval: Double = 0.8, uptake: Double = 100,
        pd: Double = 0.03, awardMean: Double = 20
    ) throws -> Scenario {
        try EngineTest.scenario(
            years: 3, historyFrom: 2025,
            programs: """
                  - {id: rd, name: rd, source: t, kind: rate, claims: {count: {dist: negative_binomial, mean: \(uptake), dispersion: 10}, approval: \(approval)},
                     base: {dist: lognormal, median: 500, p90: 3000}, rate: \(rate), cap_per_claim: \(cap), share: {province: 0.5, city: 0.25, district: 0.25},
                     payment_lag: 1}
                  - {id: pool, name: pool, source: t, kind: risk_compensation, loans: {count: {dist: poisson, mean: 200}, principal: {dist: lognormal, median: 300, p90: 1500}, term: 2},
                     cap_per_borrower: 1000, pd: \(pd), rho: 0.15, recovery: {rate: {dist: beta, mean: 0.4, sd: 0.2}, lag: 1}, loss_shares: {province: 0.35, city: 0.35}, residual: bank}
                  - {id: awards, name: awards, source: t, kind: award, claims: {count: {dist: poisson, mean: \(awardMean)}}, amount: {dist: uniform, low: 10, high: 30}, share: {city: 1}}
                """)
    }

    private func compare(_ base: Scenario, _ reform: Scenario, paths: Int = 400) async throws -> PairedComparison {
        let b = try await EngineTest.run(base, paths: paths)
        let r = try await EngineTest.run(reform, paths: paths)
        return try PairedComparison(base: XCTUnwrap(b.keptPaths), reform: XCTUnwrap(r.keptPaths))
    }

    func testNullReformGivesExactlyZeroDeltaOnEveryPathCellAndSum() async throws {
        let c = try await compare(try portfolio(), try portfolio())
        for (i, row) in c.rows.enumerated() {
            XCTAssertEqual(c.reform.keptValues.series[i], c.base.keptValues.series[i], "\(row.key)")
            XCTAssertEqual(row.delta.max, 0)
            XCTAssertEqual(row.delta.sd, 0)
        }
    }

    /// Raising a cap, a rate, an approval probability, an uptake or a default probability never
    /// lowers any path of that program. For loans living several years a higher pd makes defaults
    /// come earlier, so one year's loss may fall while the horizon's total cannot; and an earlier
    /// default brings its recovery (a negative payment) into the horizon, so the net total may fall
    /// too: the loan program is checked on its gross horizon total, claims programs in every year.
    func testRaisingACapRateApprovalUptakeOrPDNeverLowersAnyPathOfThatProgram() async throws {
        let base = try portfolio()
        let reforms: [(String, Scenario, String)] = [
            ("cap 40 → 80", try portfolio(cap: 80), "rd"), ("rate 2.5% → 3%", try portfolio(rate: 0.03), "rd"),
            ("approval 0.8 → 0.9", try portfolio(approval: 0.9), "rd"), ("uptake 100 → 130", try portfolio(uptake: 130), "rd"),
            ("pd 3% → 5%", try portfolio(pd: 0.05), "pool"),
        ]
        for (what, reform, program) in reforms {
            let c = try await compare(base, reform)
            var raised = false
            for row in c.rows where row.key.program == program && (program == "rd" || row.key.year == .total) {
                var key = row.key
                if program == "pool" { key.flow = .gross }
                guard let i = c.base.seriesKeys.firstIndex(of: key) else { continue }
                for (b, r) in zip(c.base.keptValues.series[i], c.reform.keptValues.series[i]) {
                    XCTAssertGreaterThanOrEqual(r, b - 1e-9 * max(1, abs(b)), "\(what): \(key) fell on a path")
                }
                raised = raised || row.delta.mean > 0
            }
            XCTAssertTrue(raised, "\(what) changed nothing")
        }
    }

    func testChangingOneProgramLeavesEveryOtherProgramExactlyUnchanged() async throws {
        let c = try await compare(try portfolio(), try portfolio(cap: 80, pd: 0.05))
        for row in c.rows where row.key.program == "awards" {
            XCTAssertEqual(row.delta.max, 0, "\(row.key)")
            XCTAssertEqual(row.delta.p05, 0, "\(row.key)")
        }
        let awardsOnly = try await compare(try portfolio(), try portfolio(awardMean: 25))
        for row in awardsOnly.rows where row.key.program == "rd" || row.key.program == "pool" {
            XCTAssertEqual(row.delta.sd, 0, "\(row.key)")
            XCTAssertEqual(row.delta.mean, 0, "\(row.key)")
        }
    }

    /// For a cap change on one program of a multi-program scenario, the variance of the paired
    /// difference is at least 10× smaller than the variance of the difference of two runs on
    /// independent seeds.
    func testCommonRandomNumbersCutTheVarianceOfACapChangeTenfold() async throws {
        let paths = 2000
        let base = try await EngineTest.run(try portfolio(), paths: paths, seed: 11)
        let reform = try await EngineTest.run(try portfolio(cap: 60), paths: paths, seed: 11)
        let independent = try await EngineTest.run(try portfolio(cap: 60), paths: paths, seed: 12)
        let c = try PairedComparison(base: XCTUnwrap(base.keptPaths), reform: XCTUnwrap(reform.keptPaths))
        for funder in ["province", "city"] {
            let key = SeriesKey(program: nil, funder: funder, year: .total)
            let paired = try XCTUnwrap(c.row(key)).delta.sd
            let b = try XCTUnwrap(base.pathValues(program: nil, funder: funder, year: .total))
            let r = try XCTUnwrap(independent.pathValues(program: nil, funder: funder, year: .total))
            let unpaired = SeriesStatistics(zip(r, b).map { $0 - $1 }).sd
            XCTAssertGreaterThan(paired, 0)
            XCTAssertLessThan(paired * paired * 10, unpaired * unpaired, "\(funder): paired sd \(paired), independent \(unpaired)")
            XCTAssertLessThan(try XCTUnwrap(c.row(key)?.varianceRatio), 0.1)
        }
    }

    func testAProgramTheReformRemovesCountsAsZero() async throws {
        var reform = try portfolio()
        reform.programs.removeAll { $0.id == "awards" }
        let c = try await compare(try portfolio(), reform)
        let row = try XCTUnwrap(c.row(SeriesKey(program: "awards", funder: "city", year: .total)))
        XCTAssertEqual(row.reform.max, 0)
        XCTAssertEqual(row.delta.mean, -row.base.mean, accuracy: 1e-9)
    }
}
