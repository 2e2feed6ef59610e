import CGSL
import CoFundEngine
import CoFundModel
import XCTest

/// Simulated means and variances against closed forms (VALIDATION.md), within 4 standard errors.
final class ClosedFormTests: XCTestCase {
    /// A `rate` program with Poisson(λ) applications, approval p, lognormal base X, rate r and cap
    /// c pays a compound Poisson sum with λp claims of min(rX, c): mean λ·p·r·E[min(X, u)] and
    /// variance λ·p·r²·E[min(X, u)²], u = c/r, with the limited expected values of a lognormal
    /// (Klugman, Panjer & Willmot, *Loss Models*):
    /// E[min(X, u)] = e^(μ+σ²/2)·Φ((ln u − μ − σ²)/σ) + u·(1 − Φ((ln u − μ)/σ)),
    /// E[min(X, u)²] = e^(2μ+2σ²)·Φ((ln u − μ − 2σ²)/σ) + u²·(1 − Φ((ln u − μ)/σ)).
    func testCappedRateProgramMatchesTheCompoundPoissonLimitedExpectedValue() async throws {
        let (lambda, p, median, p90, r, c) = (200.0, 0.85, 500.0, 3000.0, 0.025, 40.0)
        let s = try EngineTest.scenario(
            funders: ["city"],
            programs: """
                  - {id: rd, name: rd, source: t, kind: rate, claims: {count: {dist: poisson, mean: \(lambda)}, approval: \(p)},
                     base: {dist: lognormal, median: \(median), p90: \(p90)}, rate: \(r), cap_per_claim: \(c), share: {city: 1}}
                """)
        let mu = log(median), sigma = Distribution.lognormalSigma(median: median, p90: p90)
        let u = c / r
        let lev1 =
            exp(mu + sigma * sigma / 2) * EngineTest.phi((log(u) - mu - sigma * sigma) / sigma) + u * (1 - EngineTest.phi((log(u) - mu) / sigma))
        let lev2 =
            exp(2 * mu + 2 * sigma * sigma) * EngineTest.phi((log(u) - mu - 2 * sigma * sigma) / sigma) + u * u
            * (1 - EngineTest.phi((log(u) - mu) / sigma))
        let mean = lambda * p * r * lev1
        let variance = lambda * p * r * r * lev2
        // The cap binds for a fair share of claims, so the test is about the cap.
        XCTAssertGreaterThan(1 - EngineTest.phi((log(u) - mu) / sigma), 0.2)
        let res = try await EngineTest.run(s, paths: 8000)
        let m = EngineTest.moments(try XCTUnwrap(res.pathValues(program: "rd", funder: "city", year: .year(0))))
        XCTAssertEqual(m.mean, mean, accuracy: 4 * m.seMean)
        XCTAssertEqual(m.variance, variance, accuracy: 4 * m.seVariance)
    }

    /// Gamma–Poisson uptake with mean m and dispersion k: Var[N] = m + m²/k.
    func testNegativeBinomialUptakeHasVarianceMeanPlusMeanSquaredOverDispersion() async throws {
        let (mean, k) = (60.0, 4.0)
        let s = try EngineTest.scenario(
            funders: ["city"],
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: {dist: negative_binomial, mean: \(mean), dispersion: \(k)}}, amount: 1, share: {city: 1}}
                """)
        let res = try await EngineTest.run(s, paths: 8000)
        let m = EngineTest.moments(try XCTUnwrap(res.pathValues(program: "a", funder: "city", year: .year(0))))
        XCTAssertEqual(m.mean, mean, accuracy: 4 * m.seMean)
        XCTAssertEqual(m.variance, mean + mean * mean / k, accuracy: 4 * m.seVariance)
    }

    /// Poisson counts with growth g: mean m(1 + g)^t in year t, variance equal to the mean.
    func testPoissonUptakeGrowsGeometricallyWithVarianceEqualToMean() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"], years: 3,
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 100, growth: 0.1}}, amount: 1, share: {city: 1}}
                """)
        let res = try await EngineTest.run(s, paths: 6000)
        for t in 0..<3 {
            let expected = 100 * pow(1.1, Double(t))
            let m = EngineTest.moments(try XCTUnwrap(res.pathValues(program: "a", funder: "city", year: .year(t))))
            XCTAssertEqual(m.mean, expected, accuracy: 4 * m.seMean)
            XCTAssertEqual(m.variance, expected, accuracy: 4 * m.seVariance)
        }
    }

    /// With ρ = 0, n loans of principal 1 and LGD 1 lose D ~ Binomial(n, pd): mean n·pd,
    /// variance n·pd·(1 − pd).
    func testUncorrelatedDefaultsAreBinomial() async throws {
        let (n, pd) = (400.0, 0.05)
        let s = try EngineTest.scenario(
            funders: ["city", "bank"],
            programs: """
                  - {id: pool, name: pool, source: t, kind: risk_compensation, loans: {count: \(Int(n)), principal: 1}, pd: \(pd), rho: 0,
                     recovery: {rate: 0, lag: 0}, loss_shares: {city: 1}, residual: bank}
                """)
        let res = try await EngineTest.run(s, paths: 8000)
        let m = EngineTest.moments(try XCTUnwrap(res.pathValues(program: "pool", funder: "city", year: .year(0))))
        XCTAssertEqual(m.mean, n * pd, accuracy: 4 * m.seMean)
        XCTAssertEqual(m.variance, n * pd * (1 - pd), accuracy: 4 * m.seVariance)
        XCTAssertEqual(res.statistics(program: "pool", funder: "bank", year: .year(0))?.max, 0)
    }

    /// P(over budget) and the expected overrun of a fixed award of 10 per approved claim, with
    /// 100 applications approved with probability 0.3 and a budget of 350: demand 10·B,
    /// B ~ Binomial(100, 0.3); P(B > 35) and E[(10B − 350)⁺] = Σₖ₌₃₆¹⁰⁰ (10k − 350)·P(B = k).
    func testBudgetRiskMatchesTheBinomialExactValues() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"],
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: 100, approval: 0.3}, amount: 10, share: {city: 1}, budget: {city: 350}}
                """)
        let pOver = gsl_cdf_binomial_Q(35, 0.3, 100)
        let overrun = (36...100).reduce(0.0) { $0 + (10 * Double($1) - 350) * gsl_ran_binomial_pdf(UInt32($1), 0.3, 100) }
        let paths = 10000
        let res = try await EngineTest.run(s, paths: paths)
        let b = try XCTUnwrap(res.budget(line: 0, year: 0))
        let seP = (pOver * (1 - pOver) / Double(paths)).squareRoot()
        XCTAssertEqual(b.probabilityOver, pOver, accuracy: 4 * seP)
        let excess = res.keptValues.series[res.plan.budgetRows.demand(cell: 0)].map { max($0 - 350, 0) }
        XCTAssertEqual(b.expectedExcess, overrun, accuracy: 4 * EngineTest.moments(excess).seMean)
        XCTAssertEqual(b.budget, 350)
    }

    /// The standard error falls like 1/√N: quadrupling the paths halves it.
    func testStandardErrorHalvesWhenPathsQuadruple() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"],
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 50}}, amount: {dist: gamma, mean: 10, sd: 5}, share: {city: 1}}
                """)
        let small = try await EngineTest.run(s, paths: 2000)
        let large = try await EngineTest.run(s, paths: 8000)
        let ratio =
            try XCTUnwrap(small.statistics(program: "a", funder: "city", year: .year(0))?.se)
            / XCTUnwrap(large.statistics(program: "a", funder: "city", year: .year(0))?.se)
        // Each sd estimate has a relative error of about 2%; the ratio is 2 within 10%.
        XCTAssertEqual(ratio, 2, accuracy: 0.2)
    }

    /// Scaling a loss share with no cap scales every path, so every percentile and CVaR, by
    /// exactly that factor.
    func testDoublingACompensationShareDoublesEveryPercentile() async throws {
        func pool(_ share: Double) throws -> Scenario {
            try EngineTest.scenario(
                funders: ["city", "bank"], years: 2,
                programs: """
                      - {id: pool, name: pool, source: t, kind: risk_compensation, loans: {count: {dist: poisson, mean: 300}, principal: {dist: lognormal, median: 300, p90: 1500}},
                         pd: {dist: beta, mean: 0.03, sd: 0.01}, rho: 0.15, recovery: {rate: {dist: beta, mean: 0.4, sd: 0.2}, lag: 1}, loss_shares: {city: \(share)}, residual: bank}
                    """)
        }
        let base = try await EngineTest.run(try pool(0.35), paths: 2000)
        let doubled = try await EngineTest.run(try pool(0.70), paths: 2000)
        for y: SeriesLayout.YearSlot in [.year(0), .year(1), .total] {
            let a = try XCTUnwrap(base.statistics(program: "pool", funder: "city", year: y))
            let b = try XCTUnwrap(doubled.statistics(program: "pool", funder: "city", year: y))
            XCTAssertGreaterThan(a.mean, 0)
            for (x, z) in [
                (a.mean, b.mean), (a.p05, b.p05), (a.p50, b.p50), (a.p90, b.p90), (a.p95, b.p95), (a.p99, b.p99),
                (a.cvar95, b.cvar95), (a.cvar99, b.cvar99), (a.max, b.max), (a.sd, b.sd),
            ] {
                XCTAssertEqual(z, 2 * x, accuracy: 1e-9 * max(1, abs(z)))
            }
        }
    }
}
