import CoFundEngine
import CoFundModel
import XCTest

/// Negative-binomial uptake mixed once per path or once a year, and growth counted from a
/// program's own first year.
///
/// Every statistical check is within 4 standard errors, with a fixed seed. The standard error of a
/// sample variance is √((m₄ − s⁴)/N), from the sample's fourth central moment (`EngineTest.moments`).
final class PersistentUptakeTests: XCTestCase {
    private let (m, k, years) = (20.0, 2.0, 5)

    /// A 5-year scenario of one award of 1 per claim, with negative-binomial claims of mean m and
    /// dispersion k mixed as `mixing`.
    private func awardScenario(mixing: String) throws -> Scenario {
        try EngineTest.scenario(
            funders: ["city"], years: years,
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: {dist: negative_binomial, mean: \(m), dispersion: \(k), mixing: \(mixing)}},
                     amount: 1, share: {city: 1}}
                """)
    }

    /// Checks the yearly counts and the T-year total of program `a`'s payments (one per claim or
    /// loan) against their means and variances.
    private func checkUptake(_ res: SimulationResult, totalVariance: Double, file: StaticString = #filePath, line: UInt = #line) throws {
        let t = Double(years)
        for year in 0..<years {
            let y = EngineTest.moments(try XCTUnwrap(res.pathValues(program: "a", funder: "city", year: .year(year))))
            // Oracle: a gamma–Poisson count has E[N] = m and Var[N] = m + m²/k in every year,
            // however its mixing variable is shared between years.
            XCTAssertEqual(y.mean, m, accuracy: 4 * y.seMean, "mean of year \(year)", file: file, line: line)
            XCTAssertEqual(y.variance, m + m * m / k, accuracy: 4 * y.seVariance, "variance of year \(year)", file: file, line: line)
        }
        let total = EngineTest.moments(try XCTUnwrap(res.pathValues(program: "a", funder: "city", year: .total)))
        XCTAssertEqual(total.mean, m * t, accuracy: 4 * total.seMean, "mean of the total", file: file, line: line)
        XCTAssertEqual(total.variance, totalVariance, accuracy: 4 * total.seVariance, "variance of the total", file: file, line: line)
    }

    /// Mixed per path: N_t | G ~ Poisson(G·m) with one G ~ Gamma(k, 1/k) for all years, so by the
    /// law of total variance Var[Σ N_t] = E[Var | G] + Var[E | G] = m·T + m²·T²/k.
    func testUptakeMixedPerPathHasMultiYearVarianceMTPlusMSquaredTSquaredOverK() async throws {
        let res = try await EngineTest.run(try awardScenario(mixing: "per_path"), paths: 8000)
        let t = Double(years)
        try checkUptake(res, totalVariance: m * t + m * m * t * t / k)
    }

    /// Mixed per year: the years' counts are independent, so Var[Σ N_t] = T·(m + m²/k).
    func testUptakeMixedPerYearHasMultiYearVarianceTTimesTheYearlyVariance() async throws {
        let res = try await EngineTest.run(try awardScenario(mixing: "per_year"), paths: 8000)
        let t = Double(years)
        try checkUptake(res, totalVariance: t * (m + m * m / k))
    }

    /// Loans take the same count: an interest subsidy with pd 0 and a payment of exactly 1 per
    /// loan-year (fraction 1 × rate 0.05 × principal 20, term 1) pays the number of new loans, so
    /// the per-path closed form m·T + m²·T²/k holds for its total.
    func testLoanCountsMixedPerPathHaveTheSameMultiYearVariance() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"], years: years,
            programs: """
                  - {id: a, name: a, source: t, kind: interest_subsidy,
                     loans: {count: {dist: negative_binomial, mean: \(m), dispersion: \(k)}, principal: 20, term: 1},
                     pd: 0, rho: 0, interest_rate: 0.05, fraction: 1, share: {city: 1}}
                """)
        let res = try await EngineTest.run(s, paths: 8000)
        let t = Double(years)
        try checkUptake(res, totalVariance: m * t + m * m * t * t / k)
    }

    /// A fixed count of 100 growing 10% a year, taking claims from the third year of five: exactly
    /// 100, 110 and 121 claims (mean × 1.1ⁿ in the program's n-th year), none before; the run-size
    /// estimate counts the same claims.
    func testGrowthCountsFromTheProgramsOwnFirstYear() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"], years: years,
            programs: """
                  - {id: a, name: a, source: t, kind: award, years: [2027, 2029], claims: {count: {dist: fixed, value: 100, growth: 0.1}},
                     amount: 1, share: {city: 1}}
                """)
        let res = try await EngineTest.run(s, paths: 20)
        for (year, expected) in [0.0, 0, 100, 110, 121].enumerated() {
            let values = try XCTUnwrap(res.pathValues(program: "a", funder: "city", year: .year(year)))
            XCTAssertEqual(values, [Double](repeating: expected, count: 20), "year \(2025 + year)")
        }
        XCTAssertEqual(SimulationPlan(s).expectedDrawsPerPath, 100 + 110 + 121, accuracy: 1e-9)
    }
}
