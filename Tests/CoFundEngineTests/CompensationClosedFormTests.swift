import CoFundEngine
import CoFundModel
import XCTest

/// Risk compensation on non-performing principal against closed forms, within 4 standard errors of
/// the simulated mean (seed 20251122), and its flows against exact identities.
final class CompensationClosedFormTests: XCTestCase {
    /// n loans made in the first year only, principal P lognormal, ρ = 0, pd p, bullet, term 1,
    /// cap c, recovery rate R ~ beta with mean r, lag 2. The number of defaults is Binomial(n, p),
    /// independent of the principals and the rates, so (Wald's identity) funder f's mean is
    /// share_f · p · n · E[min(P, c)] in the default year and −share_f · r · p · n · E[min(P, c)] in
    /// the recovery year, and the bank's is the rest: p · n · (E[P] − Σ share · E[min(P, c)]), then
    /// −r · p · n · (E[P] − Σ share · E[min(P, c)]). E[min(P, c)] is the lognormal's limited
    /// expected value e^(μ+σ²/2)·Φ((ln c − μ − σ²)/σ) + c·(1 − Φ((ln c − μ)/σ)).
    func testFixedPoolPaysItsShareOfTheCappedNonPerformingPrincipalAndGetsItsShareOfTheRecoveryBack() async throws {
        let (n, pd, median, p90, cap, rate) = (300.0, 0.05, 300.0, 1500.0, 1000.0, 0.3)
        let shares = [("city", 0.35), ("province", 0.3)]
        let s = try EngineTest.scenario(
            funders: ["province", "city", "bank"], years: 4,
            programs: """
                  - {id: pool, name: pool, source: t, kind: risk_compensation, years: [2025, 2025],
                     loans: {count: \(Int(n)), principal: {dist: lognormal, median: \(median), p90: \(p90)}, term: 1},
                     cap_per_borrower: \(cap), pd: \(pd), rho: 0, recovery: {rate: {dist: beta, mean: \(rate), sd: 0.2}, lag: 2},
                     loss_shares: {city: 0.35, province: 0.3}, residual: bank}
                """)
        let mu = log(median), sigma = Distribution.lognormalSigma(median: median, p90: p90)
        let limited =
            exp(mu + sigma * sigma / 2) * EngineTest.phi((log(cap) - mu - sigma * sigma) / sigma)
            + cap * (1 - EngineTest.phi((log(cap) - mu) / sigma))
        let unlimited = exp(mu + sigma * sigma / 2)
        // The cap binds for a fair share of loans, so the test is about the cap.
        XCTAssertGreaterThan(1 - EngineTest.phi((log(cap) - mu) / sigma), 0.1)
        let res = try await EngineTest.run(s, paths: 6000)
        func observed(_ f: String, _ y: Int, _ flow: SeriesLayout.Flow = .net) throws -> (mean: Double, se: Double) {
            let m = EngineTest.moments(try XCTUnwrap(res.pathValues(program: "pool", funder: f, year: .year(y), flow: flow)))
            return (m.mean, m.seMean)
        }
        for (f, share) in shares {
            let paid = try observed(f, 0)
            XCTAssertEqual(paid.mean, share * pd * n * limited, accuracy: 4 * paid.se, f)
            let back = try observed(f, 2)
            XCTAssertEqual(back.mean, -share * rate * pd * n * limited, accuracy: 4 * back.se, f)
            XCTAssertEqual(try observed(f, 1).mean, 0)
            XCTAssertEqual(try observed(f, 3).mean, 0)
        }
        let rest = pd * n * (unlimited - 0.65 * limited)
        let bankPaid = try observed("bank", 0)
        XCTAssertEqual(bankPaid.mean, rest, accuracy: 4 * bankPaid.se)
        let bankBack = try observed("bank", 2)
        XCTAssertEqual(bankBack.mean, -rate * rest, accuracy: 4 * bankBack.se)
        // Exact: the default year is all gross, the recovery year all recovered, on every path.
        for f in ["city", "province", "bank"] {
            XCTAssertEqual(
                res.pathValues(program: "pool", funder: f, year: .year(0), flow: .gross), res.pathValues(program: "pool", funder: f, year: .year(0)))
            XCTAssertEqual(
                res.pathValues(program: "pool", funder: f, year: .year(2), flow: .recovered),
                res.pathValues(program: "pool", funder: f, year: .year(2)))
        }
    }

    /// Exact identities on every path: net = gross + recovered for each funder of the program and
    /// in the funder totals over all programs (which include a rate program without recoveries),
    /// and the loss is split entirely: the funders' and the bank's gross payments add up to the
    /// non-performing principal, and their recoveries to what is recovered.
    func testNetIsGrossPlusRecoveredOnEveryPath() async throws {
        let s = try EngineTest.scenario(
            funders: ["province", "city", "bank"], years: 4,
            programs: """
                  - {id: pool, name: pool, source: t, kind: risk_compensation,
                     loans: {count: {dist: poisson, mean: 200}, principal: {dist: lognormal, median: 300, p90: 1500}, term: 3, repayment: linear},
                     cap_per_borrower: 800, pd: {dist: beta, mean: 0.05, sd: 0.02}, rho: 0.15,
                     recovery: {rate: {dist: uniform, low: 0.1, high: 0.6}, lag: 1},
                     loss_shares: {city: 0.35, province: 0.35}, residual: bank, payment_schedule: [0.5, 0.5]}
                  - {id: rd, name: rd, source: t, kind: award, claims: {count: 10}, amount: 5, share: {city: 1}}
                """)
        let res = try await EngineTest.run(s, paths: 300)
        for program in ["pool", nil] as [String?] {
            for f in ["city", "province", "bank"] {
                for y: SeriesLayout.YearSlot in [.year(0), .year(1), .year(2), .year(3), .after, .total] {
                    let net = try XCTUnwrap(res.pathValues(program: program, funder: f, year: y))
                    let gross = try XCTUnwrap(res.pathValues(program: program, funder: f, year: y, flow: .gross))
                    let recovered = try XCTUnwrap(res.pathValues(program: program, funder: f, year: y, flow: .recovered))
                    for i in net.indices {
                        XCTAssertEqual(net[i], gross[i] + recovered[i], accuracy: 1e-9 * max(1, abs(net[i])), "\(program ?? "all") \(f) \(y)")
                        XCTAssertLessThanOrEqual(recovered[i], 0)
                    }
                }
            }
        }
        XCTAssertLessThan(try XCTUnwrap(res.statistics(program: "pool", funder: "city", year: .total, flow: .recovered)).mean, 0)
        XCTAssertNil(res.statistics(program: "rd", funder: "city", year: .total, flow: .gross))
    }

    /// n loans of principal P made in the first year only, term T = 3, linear repayment, ρ = 0,
    /// pd p, cap c, recovery rate r fixed, lag 5. A loan defaults in loan year j with probability
    /// (1 − p)^j · p, leaving P · (T − j)/T outstanding, so the number defaulting in year j is
    /// Binomial(n, (1 − p)^j · p) and funder f's mean in year j is
    /// share · n · (1 − p)^j · p · min(P · (T − j)/T, c), the bank's
    /// n · (1 − p)^j · p · (P · (T − j)/T − share · min(P · (T − j)/T, c)), and the recoveries in
    /// year j + 5 are −r times these. With c = 500 and P = 900 the cap binds in loan years 0 and 1
    /// (900, 600) and not in year 2 (300).
    func testLinearRepaymentCompensatesTheOutstandingPrincipalOfTheDefaultYear() async throws {
        let (n, pd, principal, cap, share, rate, term) = (500.0, 0.08, 900.0, 500.0, 0.35, 0.25, 3)
        let s = try EngineTest.scenario(
            funders: ["city", "bank"], years: 9,
            programs: """
                  - {id: pool, name: pool, source: t, kind: risk_compensation, years: [2025, 2025],
                     loans: {count: \(Int(n)), principal: \(principal), term: \(term), repayment: linear},
                     cap_per_borrower: \(cap), pd: \(pd), rho: 0, recovery: {rate: \(rate), lag: 5},
                     loss_shares: {city: \(share)}, residual: bank}
                """)
        let res = try await EngineTest.run(s, paths: 6000)
        for j in 0..<term {
            let q = pow(1 - pd, Double(j)) * pd
            let outstanding = principal * Double(term - j) / Double(term)
            let base = min(outstanding, cap)
            let city = EngineTest.moments(try XCTUnwrap(res.pathValues(program: "pool", funder: "city", year: .year(j))))
            XCTAssertEqual(city.mean, share * n * q * base, accuracy: 4 * city.seMean, "loan year \(j)")
            let bank = EngineTest.moments(try XCTUnwrap(res.pathValues(program: "pool", funder: "bank", year: .year(j))))
            XCTAssertEqual(bank.mean, n * q * (outstanding - share * base), accuracy: 4 * bank.seMean, "loan year \(j)")
            // Exact on every path: the recovery five years later is −r times the payment.
            let paid = try XCTUnwrap(res.pathValues(program: "pool", funder: "city", year: .year(j)))
            let back = try XCTUnwrap(res.pathValues(program: "pool", funder: "city", year: .year(j + 5)))
            for (a, b) in zip(paid, back) { XCTAssertEqual(b, -rate * a, accuracy: 1e-9 * max(1, a)) }
        }
    }

    /// The interest subsidy of the same pool with nothing defaulting: loan year j pays
    /// min(fraction · rate · P · (T − j)/T, cap) for each of the n loans, exactly.
    func testLinearRepaymentSubsidisesInterestOnTheOutstandingPrincipal() async throws {
        let s = try EngineTest.scenario(
            funders: ["province"], years: 3,
            programs: """
                  - {id: sub, name: sub, source: t, kind: interest_subsidy, years: [2025, 2025],
                     loans: {count: 10, principal: 900, term: 3, repayment: linear},
                     pd: 0, interest_rate: 0.05, fraction: 0.5, cap_per_claim: 20, share: {province: 1}}
                """)
        let res = try await EngineTest.run(s, paths: 20)
        // 0.5 × 0.05 × 900 = 22.5 → capped at 20; × 2/3: 15; × 1/3: 7.5.
        for (j, each) in [20.0, 15, 7.5].enumerated() {
            XCTAssertEqual(try XCTUnwrap(res.statistics(program: "sub", funder: "province", year: .year(j))).mean, 10 * each, accuracy: 1e-9)
        }
    }
}
