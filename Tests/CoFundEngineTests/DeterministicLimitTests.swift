import CoFundEngine
import CoFundModel
import XCTest

/// With nothing random (fixed counts and amounts, pd 0 or 1), every path equals the worked
/// example of `cofund explain` times the number of claims: sd 0, every percentile the mean.
final class DeterministicLimitTests: XCTestCase {
    func testFixedRateClaimsEqualExplainOnEveryPath() async throws {
        let s = try EngineTest.scenario(
            programs: """
                  - id: rd
                    name: rd
                    source: 济政字〔2020〕20号 第8条
                    kind: rate
                    claims: {count: 7}
                    base: 20000
                    rate: 0.025
                    cap_per_claim: 250
                    share: {province: 0.5, city: 0.25, district: 0.25}
                """)
        let e = try Explainer(s).explain(program: "rd", ClaimInputs())
        XCTAssertEqual(e.payout, 250)
        let r = try await EngineTest.run(s, paths: 50)
        for f in ["province", "city", "district"] {
            let st = try XCTUnwrap(r.statistics(program: "rd", funder: f, year: .year(0)))
            XCTAssertEqual(st.mean, 7 * e.amount(of: f), accuracy: 1e-9)
            XCTAssertEqual(st.sd, 0, accuracy: 1e-9)
            for q in [st.p05, st.p50, st.p95, st.p99, st.cvar99, st.max] { XCTAssertEqual(q, st.mean, accuracy: 1e-9) }
        }
    }

    func testCertainDefaultsEqualExplainsCompensationSplit() async throws {
        let s = try EngineTest.scenario(
            funders: ["province", "city", "bank"],
            programs: """
                  - id: pool
                    name: pool
                    source: 威海 第15条
                    kind: risk_compensation
                    loans: {count: 4, principal: 2500, term: 1}
                    cap_per_borrower: 2000
                    pd: 1
                    recovery: {rate: 0, lag: 0}
                    loss_shares: {province: 0.35, city: 0.35}
                    residual: bank
                """)
        let e = try Explainer(s).explain(program: "pool", ClaimInputs())
        XCTAssertEqual(e.amount(of: "province") + e.amount(of: "city"), 1400, accuracy: 1e-9)
        XCTAssertEqual(e.amount(of: "bank"), 1100, accuracy: 1e-9)
        let r = try await EngineTest.run(s, paths: 30)
        for f in ["province", "city", "bank"] {
            let st = try XCTUnwrap(r.statistics(program: "pool", funder: f, year: .year(0)))
            XCTAssertEqual(st.mean, 4 * e.amount(of: f), accuracy: 1e-9)
            XCTAssertEqual(st.sd, 0, accuracy: 1e-9)
            XCTAssertEqual(st.p99, st.p05, accuracy: 1e-9)
        }
    }

    func testLoansThatNeverDefaultEarnTheirInterestSubsidyEveryYearAndCostNoCompensation() async throws {
        let s = try EngineTest.scenario(
            funders: ["province", "city", "bank"], years: 3,
            programs: """
                  - {id: sub, name: sub, source: t, kind: interest_subsidy, loans: {count: 5, principal: 1000, term: 2},
                     pd: 0, interest_rate: 0.05, fraction: 0.5, cap_per_claim: 20, share: {province: 1}}
                  - {id: pool, name: pool, source: t, kind: risk_compensation, loans: {count: 5, principal: 1000}, pd: 0,
                     recovery: {rate: 0, lag: 0}, loss_shares: {city: 0.7}, residual: bank}
                """)
        let e = try Explainer(s).explain(program: "sub", ClaimInputs())
        XCTAssertEqual(e.payout, 20)  // min(0.5 × 0.05 × 1000 = 25, 20)
        let r = try await EngineTest.run(s, paths: 20)
        // Loans are made from 2024 (the term − 1 before the first year): every year carries two
        // cohorts; the last cohort's second year falls after the horizon.
        XCTAssertEqual(r.statistics(program: "sub", funder: "province", year: .year(0))?.mean, 10 * 20)
        XCTAssertEqual(r.statistics(program: "sub", funder: "province", year: .year(1))?.mean, 10 * 20)
        XCTAssertEqual(r.statistics(program: "sub", funder: "province", year: .year(2))?.mean, 10 * 20)
        XCTAssertEqual(r.statistics(program: "sub", funder: "province", year: .after)?.mean, 5 * 20)
        XCTAssertEqual(r.statistics(program: "pool", funder: nil, year: .total)?.max, 0)
    }

    func testLoansThatAlwaysDefaultEarnNoInterestSubsidy() async throws {
        let s = try EngineTest.scenario(
            funders: ["province"],
            programs: """
                  - {id: sub, name: sub, source: t, kind: interest_subsidy, loans: {count: 5, principal: 1000, term: 2},
                     pd: 1, interest_rate: 0.05, fraction: 0.5, share: {province: 1}}
                """)
        let r = try await EngineTest.run(s, paths: 20)
        XCTAssertEqual(r.statistics(program: "sub", funder: "province", year: .total)?.max, 0)
    }

    func testAMatchPaysItsRatioOfWhatTheParentFunderPaidOneYearLater() async throws {
        let s = try EngineTest.scenario(
            funders: ["city", "district"], years: 3,
            programs: """
                  - {id: grant, name: grant, source: t, kind: award, claims: {count: 2}, amount: 30, share: {city: 1}}
                  - {id: match, name: match, source: 历下政发〔2023〕4号 四（四）, kind: matching, matches: grant, of: city, ratio: 1, fraction: 1,
                     share: {district: 1}, payment_lag: 1}
                """)
        let e = try Explainer(s).explain(program: "match", ClaimInputs())
        XCTAssertEqual(e.amount(of: "district"), 30)
        XCTAssertEqual(e.payments.first?.year, 2026)
        let r = try await EngineTest.run(s, paths: 10)
        // The grants of 2024 (simulated for the match's lag) are matched in 2025.
        XCTAssertEqual(r.statistics(program: "match", funder: "district", year: .year(0))?.mean, 60)
        XCTAssertEqual(r.statistics(program: "match", funder: "district", year: .year(1))?.mean, 60)
        XCTAssertEqual(r.statistics(program: "match", funder: "district", year: .after)?.mean, 60)
    }
}
