import CGSL
import CoFundEngine
import CoFundModel
import XCTest

/// Correlated defaults against Vasicek (2002).
final class VasicekTests: XCTestCase {
    /// With n = 10⁴ equal loans (pd 0.03, ρ 0.15), the simulated 99th percentile of the default
    /// fraction must lie inside its order-statistic confidence interval [X(l), X(u)],
    /// l,u = Nq ∓ 1.96·√(Nq(1 − q)), around the exact finite-pool quantile — found from
    /// P(D ≤ k) = ∫ Bin(k; n, p(z)) φ(z) dz with p(z) = Φ((Φ⁻¹(pd) − √ρ·z)/√(1 − ρ)) by
    /// quadrature — and near the large-pool limit Φ((Φ⁻¹(pd) + √ρ·Φ⁻¹(q))/√(1 − ρ)) = 0.1439.
    func testDefaultFractionQuantileMatchesTheFinitePoolAndLargePoolFormulas() async throws {
        let (n, pd, rho, q) = (10_000, 0.03, 0.15, 0.99)
        let s = try EngineTest.scenario(
            funders: ["city", "bank"],
            programs: """
                  - {id: pool, name: pool, source: t, kind: risk_compensation, loans: {count: \(n), principal: 1}, pd: \(pd), rho: \(rho),
                     recovery: {rate: 0, lag: 0}, loss_shares: {city: 1}, residual: bank}
                """)
        let paths = 4000
        let res = try await EngineTest.run(s, paths: paths)
        let fractions = try XCTUnwrap(res.pathValues(program: "pool", funder: "city", year: .year(0))).map { $0 / Double(n) }.sorted()

        let exact = Double(finitePoolQuantile(n: n, pd: pd, rho: rho, q: q)) / Double(n)
        let largePool = Vasicek.largePoolQuantile(pd: pd, rho: rho, q: q)
        XCTAssertEqual(largePool, 0.1439, accuracy: 5e-5)
        let nq = Double(paths) * q
        let half = 1.96 * (nq * (1 - q)).squareRoot()
        let lower = fractions[Int((nq - half).rounded(.down)) - 1]
        let upper = fractions[Int((nq + half).rounded(.up)) - 1]
        XCTAssertLessThanOrEqual(lower, exact, "X(l) = \(lower) above the exact quantile \(exact)")
        XCTAssertGreaterThanOrEqual(upper, exact, "X(u) = \(upper) below the exact quantile \(exact)")
        // Granularity error of a finite pool is O(1/n).
        XCTAssertEqual(exact, largePool, accuracy: 0.003)
        // The mean default fraction is pd.
        let m = EngineTest.moments(fractions)
        XCTAssertEqual(m.mean, pd, accuracy: 4 * m.seMean)
    }

    /// The smallest k with P(D ≤ k) ≥ q, by trapezoidal quadrature over z ∈ [−9, 9].
    private func finitePoolQuantile(n: Int, pd: Double, rho: Double, q: Double) -> Int {
        let steps = 6000
        let h = 18.0 / Double(steps)
        func cdf(_ k: Int) -> Double {
            var sum = 0.0
            for i in 0...steps {
                let z = -9 + Double(i) * h
                let w = (i == 0 || i == steps) ? 0.5 : 1
                sum += w * gsl_cdf_binomial_P(UInt32(k), Vasicek.conditionalPD(pd: pd, rho: rho, z: z), UInt32(n)) * gsl_ran_ugaussian_pdf(z)
            }
            return sum * h
        }
        var lo = 0, hi = n
        while lo < hi {
            let mid = (lo + hi) / 2
            if cdf(mid) >= q { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    func testConditionalDefaultProbabilityAveragesToPD() {
        // E_Z[p(Z)] = pd by the law of total probability; quadrature over φ.
        var sum = 0.0
        let h = 0.01
        for i in 0...1800 {
            let z = -9 + Double(i) * h
            sum += (i == 0 || i == 1800 ? 0.5 : 1) * Vasicek.conditionalPD(pd: 0.03, rho: 0.15, z: z) * gsl_ran_ugaussian_pdf(z) * h
        }
        XCTAssertEqual(sum, 0.03, accuracy: 1e-9)
    }
}
