import CoFundEngine
import CoFundModel
import XCTest

/// A program takes claims only in the years its text is in force (`in_force`), a year counting when
/// the text is in force on one of its days; past `until` it stops unless `continue_after_expiry`.
///
/// Fixed counts and amounts make every path pay the same, so the oracles are exact: 10 claims of
/// 100 a year pay 1000 in each year that takes claims.
final class InForceTests: XCTestCase {
    private func values(_ r: SimulationResult, _ program: String, _ year: SeriesLayout.YearSlot) throws -> [Double] {
        try XCTUnwrap(r.pathValues(program: program, funder: "city", year: year))
    }

    private func assertEvery(
        _ r: SimulationResult, _ program: String, _ expected: [Double], after: Double, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        for (y, v) in expected.enumerated() {
            XCTAssertEqual(try values(r, program, .year(y)), [Double](repeating: v, count: r.paths), "year \(2025 + y)", file: file, line: line)
        }
        XCTAssertEqual(try values(r, program, .after), [Double](repeating: after, count: r.paths), "after", file: file, line: line)
    }

    /// An award of 10 × 100 paid a year late, 2025–2029, its claims simulated from 2024.
    private func lagged(_ force: String, historyFrom: Int? = nil) throws -> Scenario {
        try EngineTest.scenario(
            funders: ["city"], years: 5, historyFrom: historyFrom,
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: 10}, amount: 100, payment_lag: 1, share: {city: 1}\(force)}
                """)
    }

    /// A text expiring on 2026-12-31 takes the claims of 2024–2026; paid a year late, they pay
    /// 1000 in 2025, 2026 and 2027 (the last claims' payment runs on past the expiry) and nothing
    /// from 2028 or after the horizon.
    func testAProgramPastItsUntilPaysNothingForLaterClaims() async throws {
        let s = try lagged(", in_force: {until: 2026-12-31}")
        XCTAssertEqual(s.claimYears(of: s.programs[0]), 2024...2026)
        let r = try await EngineTest.run(s, paths: 20)
        try assertEvery(r, "a", [1000, 1000, 1000, 0, 0], after: 0)
        XCTAssertEqual(try values(r, "a", .total), [Double](repeating: 3000, count: 20))
    }

    /// The same text continued after its expiry takes claims every year: 1000 a year and 1000
    /// after the horizon, as without `in_force`.
    func testAContinuedProgramPaysAsWithoutItsExpiry() async throws {
        let s = try lagged(", in_force: {until: 2026-12-31}, continue_after_expiry: true, assumption: 'continued after expiry: renewed'")
        XCTAssertEqual(s.claimYears(of: s.programs[0]), 2024...2029)
        XCTAssertEqual(s.programsPastExpiry.map(\.id), ["a"])
        XCTAssertEqual(s.programsStoppedAtExpiry.map(\.id), [])
        let r = try await EngineTest.run(s, paths: 20)
        try assertEvery(r, "a", [1000, 1000, 1000, 1000, 1000], after: 1000)
    }

    /// A text in force from 2027-03-01 takes claims from 2027 (a partial year counts): paid a
    /// year late, nothing before 2028.
    func testFromInTheMiddleOfTheHorizon() async throws {
        let s = try lagged(", in_force: {from: 2027-03-01}")
        XCTAssertEqual(s.claimYears(of: s.programs[0]), 2027...2029)
        let r = try await EngineTest.run(s, paths: 20)
        try assertEvery(r, "a", [0, 0, 0, 1000, 1000], after: 1000)
    }

    /// Claims simulated before the horizon respect `from`: a text in force from 2025-01-01 takes
    /// no claims in 2024, so the first year pays nothing although claims are simulated from 2024.
    func testClaimsBeforeTheHorizonRespectFrom() async throws {
        let s = try lagged(", in_force: {from: 2025-01-01}")
        XCTAssertEqual(s.claimsFrom, 2024)
        XCTAssertEqual(s.claimYears(of: s.programs[0]), 2025...2029)
        let r = try await EngineTest.run(s, paths: 20)
        try assertEvery(r, "a", [0, 1000, 1000, 1000, 1000], after: 1000)
    }

    /// `in_force` combines with `years:`: years 2025–2028 and a text until 2027-06-30 take the
    /// claims of 2025–2027, paid 2026–2028.
    func testInForceCombinesWithYears() async throws {
        let s = try lagged(", years: [2025, 2028], in_force: {from: 2020-01-01, until: 2027-06-30}")
        XCTAssertEqual(s.claimYears(of: s.programs[0]), 2025...2027)
        let r = try await EngineTest.run(s, paths: 20)
        try assertEvery(r, "a", [0, 1000, 1000, 1000, 0], after: 0)
    }

    /// A text that expired before any simulated year takes no claims at all.
    func testATextExpiredBeforeTheSimulatedYearsTakesNoClaims() async throws {
        let s = try lagged(", in_force: {until: 2022-12-31}")
        XCTAssertNil(s.claimYears(of: s.programs[0]))
        let r = try await EngineTest.run(s, paths: 20)
        try assertEvery(r, "a", [0, 0, 0, 0, 0], after: 0)
    }

    /// Loans made before the expiry run on: 10 three-year loans of 100 a year with a 5% interest
    /// subsidy (5 per loan alive per year), made 2023–2025 under a text until 2025-12-31. Each
    /// year pays 50 per cohort alive: 150 in 2025, 100 in 2026 (cohorts 2024 and 2025), 50 in 2027,
    /// then nothing.
    func testLoansMadeBeforeTheExpiryRunOn() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"], years: 5,
            programs: """
                  - {id: a, name: a, source: t, kind: interest_subsidy, loans: {count: 10, principal: 100, term: 3},
                     pd: 0, rho: 0, interest_rate: 0.05, fraction: 1, share: {city: 1}, in_force: {until: 2025-12-31}}
                """)
        XCTAssertEqual(s.claimsFrom, 2023)
        let r = try await EngineTest.run(s, paths: 20)
        try assertEvery(r, "a", [150, 100, 50, 0, 0], after: 0)
    }

    /// A match's claims are its parent's payments, counted in the year the parent pays: a parent
    /// paying 1000 a year (no lag) matched at 50% under a text until 2026-12-31 is matched with
    /// 500 in 2025 and 2026 only, while the parent goes on paying.
    func testAMatchStopsMatchingAfterItsTextExpires() async throws {
        let s = try EngineTest.scenario(
            funders: ["city", "district"], years: 5,
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: 10}, amount: 100, share: {city: 1}}
                  - {id: m, name: m, source: t, kind: matching, matches: a, ratio: 0.5, fraction: 1, share: {city: 1},
                     in_force: {until: 2026-12-31}}
                """)
        let r = try await EngineTest.run(s, paths: 20)
        try assertEvery(r, "a", [1000, 1000, 1000, 1000, 1000], after: 0)
        try assertEvery(r, "m", [500, 500, 0, 0, 0], after: 0)
    }

    /// Stopping a program at its expiry leaves the draws of its years in force where they were:
    /// with a Poisson count and lognormal amounts, the years 2025–2026 of a program stopping after
    /// 2026 are bit-identical to the same program continued, and it pays nothing from 2027.
    func testStoppingKeepsTheDrawsOfTheYearsInForce() async throws {
        func scenario(_ extra: String) throws -> Scenario {
            try EngineTest.scenario(
                funders: ["city"], years: 5,
                programs: """
                      - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 30}},
                         amount: {dist: lognormal, median: 10, p90: 40}, share: {city: 1}, in_force: {until: 2026-12-31}\(extra)}
                    """)
        }
        let stopped = try await EngineTest.run(try scenario(""), paths: 200, seed: 7)
        let continued = try await EngineTest.run(
            try scenario(", continue_after_expiry: true, assumption: 'renewed every year'"), paths: 200, seed: 7)
        for y in 0..<2 { XCTAssertEqual(try values(stopped, "a", .year(y)), try values(continued, "a", .year(y)), "year \(2025 + y)") }
        for y in 2..<5 {
            XCTAssertEqual(try values(stopped, "a", .year(y)), [Double](repeating: 0, count: 200))
            XCTAssertGreaterThan(try values(continued, "a", .year(y)).reduce(0, +), 0)
        }
    }
}
