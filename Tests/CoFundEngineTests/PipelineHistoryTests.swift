import CoFundEngine
import CoFundModel
import XCTest

/// Claims and loans made before the horizon (from `history_from`) pay what falls in it: lagged
/// payments, matches and loans still running in the first year.
///
/// The exact checks use fixed counts and amounts, so every path pays the same; the statistical
/// check is within 4 standard errors with a fixed seed.
final class PipelineHistoryTests: XCTestCase {
    /// Every path's value of program `program`, funder `funder`, in `year`.
    private func values(_ r: SimulationResult, _ program: String, _ funder: String, _ year: SeriesLayout.YearSlot) throws -> [Double] {
        try XCTUnwrap(r.pathValues(program: program, funder: funder, year: year))
    }

    private func lagged(historyFrom: Int? = nil) throws -> Scenario {
        try EngineTest.scenario(
            funders: ["city"], years: 3, historyFrom: historyFrom,
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: 10}, amount: 100, payment_lag: 1, share: {city: 1}}
                """)
    }

    /// 10 claims of 100 a year paid a year later: the claims of 2024 (the default history_from,
    /// 2025 − the lag of 1) are paid in 2025, so every horizon year pays 10 × 100 = 1000 exactly,
    /// and the last year's claims 1000 after the horizon.
    func testAFixedCountPaidAYearLatePaysTheFirstHorizonYear() async throws {
        let s = try lagged()
        XCTAssertEqual(s.claimsFrom, 2024)
        let r = try await EngineTest.run(s, paths: 20)
        for y in 0..<3 { XCTAssertEqual(try values(r, "a", "city", .year(y)), [Double](repeating: 1000, count: 20), "year \(2025 + y)") }
        XCTAssertEqual(try values(r, "a", "city", .after), [Double](repeating: 1000, count: 20))
        XCTAssertEqual(try values(r, "a", "city", .total), [Double](repeating: 3000, count: 20))
    }

    /// history_from equal to the first year simulates nothing before it: the first year's lagged
    /// payments are 0, as when claims started in the first year (exact: fixed counts).
    func testHistoryFromTheFirstYearLeavesTheFirstYearsLaggedPaymentsOut() async throws {
        let r = try await EngineTest.run(try lagged(historyFrom: 2025), paths: 20)
        XCTAssertEqual(try values(r, "a", "city", .year(0)), [Double](repeating: 0, count: 20))
        XCTAssertEqual(try values(r, "a", "city", .year(1)), [Double](repeating: 1000, count: 20))
        XCTAssertEqual(try values(r, "a", "city", .total), [Double](repeating: 2000, count: 20))
    }

    /// A 3-year loan book of 10 new loans of 100 a year, pd 0 and an interest subsidy of 5% of the
    /// principal: every loan alive pays 5 a year. In a steady state three cohorts are alive, so
    /// each year pays 3 × 10 × 5 = 150 — the first year included, since loans are made from 2023
    /// (2025 − (term − 1)); after the horizon the last two cohorts pay 100 + 50.
    func testALoanBookPaysInTheFirstYearWhatItsSteadyStatePays() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"], years: 3,
            programs: """
                  - {id: a, name: a, source: t, kind: interest_subsidy, loans: {count: 10, principal: 100, term: 3},
                     pd: 0, rho: 0, interest_rate: 0.05, fraction: 1, share: {city: 1}}
                """)
        XCTAssertEqual(s.claimsFrom, 2023)
        let r = try await EngineTest.run(s, paths: 20)
        for y in 0..<3 { XCTAssertEqual(try values(r, "a", "city", .year(y)), [Double](repeating: 150, count: 20), "year \(2025 + y)") }
        XCTAssertEqual(try values(r, "a", "city", .after), [Double](repeating: 150, count: 20))
    }

    /// A 1:1 match paid a year after a parent that pays a year after its claims: a claim of year t
    /// is matched in t + 2, so claims are simulated from 2023 and the match pays 10 × 100 = 1000 in
    /// the first year (exact: fixed counts), as in every later year.
    func testAMatchOfALaggedParentPaysInTheFirstYear() async throws {
        let s = try EngineTest.scenario(
            funders: ["city", "district"], years: 2,
            programs: """
                  - {id: p, name: p, source: t, kind: award, claims: {count: 10}, amount: 100, payment_lag: 1, share: {city: 1}}
                  - {id: m, name: m, source: t, kind: matching, matches: p, ratio: 1, payment_lag: 1, share: {district: 1}}
                """)
        XCTAssertEqual(s.claimsFrom, 2023)
        let r = try await EngineTest.run(s, paths: 20)
        for y in 0..<2 {
            XCTAssertEqual(try values(r, "p", "city", .year(y)), [Double](repeating: 1000, count: 20), "parent, year \(2025 + y)")
            XCTAssertEqual(try values(r, "m", "district", .year(y)), [Double](repeating: 1000, count: 20), "match, year \(2025 + y)")
        }
        XCTAssertEqual(try values(r, "m", "district", .after), [Double](repeating: 2000, count: 20))
    }

    /// A fixed count of 100 doubling every year (growth 1), anchored at the first year 2025, paid a
    /// year late: the claims of 2024 number 100 × 2⁻¹ = 50, so the horizon pays 50, 100, 200 and
    /// 400 after it; the run-size estimate counts the same 750 claims. A program declaring
    /// `years: [2024, 2026]` is anchored at 2024 instead: 100, 200, 400 claims, of which the 100
    /// of 2024, paid in 2024, are not drawn (`ProgramPlan.drawnYears`).
    func testGrowthBeforeTheAnchorUsesANegativeExponent() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"], years: 3,
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: {dist: fixed, value: 100, growth: 1}}, amount: 1,
                     payment_lag: 1, share: {city: 1}}
                  - {id: b, name: b, source: t, kind: award, years: [2024, 2026], claims: {count: {dist: fixed, value: 100, growth: 1}},
                     amount: 1, share: {city: 1}}
                """)
        let r = try await EngineTest.run(s, paths: 10)
        for (y, expected) in [50.0, 100, 200].enumerated() {
            XCTAssertEqual(try values(r, "a", "city", .year(y)), [Double](repeating: expected, count: 10), "a, year \(2025 + y)")
        }
        XCTAssertEqual(try values(r, "a", "city", .after), [Double](repeating: 400, count: 10))
        for (y, expected) in [200.0, 400, 0].enumerated() {
            XCTAssertEqual(try values(r, "b", "city", .year(y)), [Double](repeating: expected, count: 10), "b, year \(2025 + y)")
        }
        XCTAssertEqual(SimulationPlan(s).expectedDrawsPerPath, 50 + 100 + 200 + 400 + 200 + 400, accuracy: 1e-9)
    }

    /// A claim is drawn only from the year whose claims can still be paid in the horizon, through
    /// the program or its matches at any depth (`Scenario.claimReach`). A parent paid in its claim
    /// year, matched 1:1 a year after it pays by m1, which m2 matches 1:1 two years after m1 pays:
    /// a claim of year t reaches m2 in t + 3, so the parent's claims are drawn from 2022 and m2
    /// pays the 10 × 100 of 2022 in 2025 (exact: fixed counts). Beside it, q (paid in its claim
    /// year, no match) is drawn from 2025 only: the run-size estimate counts 5 × 10 + 2 × 10
    /// claims, and the random-number floor draws as many.
    func testClaimsAreDrawnFromTheFirstYearThatReachesTheHorizonThroughTheMatches() async throws {
        let s = try EngineTest.scenario(
            funders: ["city", "district"], years: 2,
            programs: """
                  - {id: p, name: p, source: t, kind: award, claims: {count: 10}, amount: 100, share: {city: 1}}
                  - {id: m1, name: m1, source: t, kind: matching, matches: p, ratio: 1, payment_lag: 1, share: {district: 1}}
                  - {id: m2, name: m2, source: t, kind: matching, matches: m1, ratio: 1, payment_lag: 2, share: {city: 1}}
                  - {id: q, name: q, source: t, kind: award, claims: {count: 10}, amount: 100, share: {city: 1}}
                """)
        XCTAssertEqual(s.claimsFrom, 2022)
        XCTAssertEqual(s.claimReach, [3, 3, 3, 0])
        let r = try await EngineTest.run(s, paths: 20)
        for y in 0..<2 {
            for (program, funder) in [("p", "city"), ("m1", "district"), ("m2", "city"), ("q", "city")] {
                XCTAssertEqual(
                    try values(r, program, funder, .year(y)), [Double](repeating: 1000, count: 20), "\(program), year \(2025 + y)")
            }
        }
        XCTAssertEqual(SimulationPlan(s).expectedDrawsPerPath, 5 * 10 + 2 * 10, accuracy: 1e-9)
        XCTAssertEqual(RandomFloor.draw(SimulationPlan(s), paths: 0..<3, seed: 1).claims, 3 * (5 * 10 + 2 * 10))
    }

    /// The built-in portfolio, as the README's Performance section says: claims simulated from 2023
    /// for the risk pool (a one-year loan recovered two years after default) and the contract
    /// grants that Lixia matches a year after the city pays; the R&D subsidies, the transfer
    /// agencies and the quantum programs (paid a year late, no match) drawn from 2024; the vouchers
    /// and certification awards (paid in their year) from 2025 (exact: `Scenario.claimReach`).
    func testThePortfolioDrawsEachProgramFromTheFirstYearThatCanStillPay() throws {
        let s = try ScenarioDecoder.decode(BuiltinScenario.jinanPortfolio, file: "builtin")
        XCTAssertEqual(s.claimsFrom, 2023)
        let reach = Dictionary(uniqueKeysWithValues: zip(s.programs.map(\.id), s.claimReach))
        let expected: [String: Int] = [
            "loan_risk_comp": 2, "tc_dev_transfer_license": 2, "tc_consult_service": 2, "tc_sme_buyer": 2,
            "rd_post_subsidy": 1, "rd_post_subsidy_large": 1, "tc_agency": 1, "q_national_match": 1, "q_vc_loss_comp": 1,
            "voucher_sme": 0, "hnte_first_cert_above": 0, "hnte_first_cert_below": 0, "hnte_recert": 0,
        ]
        for (id, r) in expected { XCTAssertEqual(reach[id], r, id) }
    }

    /// A Poisson count of mean 20 of an award of 1, paid a year late: the first year pays the
    /// previous year's claims, so its mean is the steady-state mean m = 20 (oracle: E[N] = m for a
    /// Poisson count), within 4 standard errors, like the second year's.
    func testAPoissonProgramPaidAYearLateHasTheSteadyStateMeanInTheFirstYear() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"], years: 2,
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 20}}, amount: 1, payment_lag: 1,
                     share: {city: 1}}
                """)
        let r = try await EngineTest.run(s, paths: 4000)
        for y in 0..<2 {
            let m = EngineTest.moments(try values(r, "a", "city", .year(y)))
            XCTAssertEqual(m.mean, 20, accuracy: 4 * m.seMean, "year \(2025 + y)")
        }
    }

    /// Claims are keyed by calendar year, and so is the systematic factor of loans: moving
    /// history_from earlier draws the horizon's claims and loans from the same streams, so the
    /// kept paths of programs without lags (an uncertain award and a one-year loan book with
    /// defaults, whose subsidy stops at default) are equal exactly.
    func testMovingHistoryFromEarlierLeavesTheHorizonOfProgramsWithoutLagsUnchanged() async throws {
        func scenario(_ historyFrom: Int?) throws -> Scenario {
            try EngineTest.scenario(
                funders: ["city"], years: 3, historyFrom: historyFrom,
                programs: """
                      - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 30}, approval: 0.7},
                         amount: {dist: lognormal, median: 50, p90: 150}, share: {city: 1}}
                      - {id: l, name: l, source: t, kind: interest_subsidy, loans: {count: {dist: poisson, mean: 40}, principal: 100, term: 1},
                         pd: 0.2, rho: 0.3, interest_rate: 0.05, fraction: 1, share: {city: 1}}
                    """)
        }
        let base = try await EngineTest.run(try scenario(nil), paths: 300)
        let early = try await EngineTest.run(try scenario(2021), paths: 300)
        XCTAssertEqual(try scenario(nil).claimsFrom, 2025)
        for program in ["a", "l"] {
            for y in 0..<3 {
                let v = try values(base, program, "city", .year(y))
                XCTAssertGreaterThan(v.reduce(0, +), 0)
                XCTAssertEqual(v, try values(early, program, "city", .year(y)), "\(program), year \(2025 + y)")
            }
        }
    }
}
