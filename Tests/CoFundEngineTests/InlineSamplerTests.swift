import CGSL
import CoFundEngine
import CoFundModel
import XCTest

/// The draws the inline generator feeds: gamma and beta variates, thinned counts, and the recovery
/// rate's quantile table, each against GSL's distribution functions.
final class InlineSamplerTests: XCTestCase {
    /// Oracle: GSL's gamma and beta distribution functions. Kolmogorov–Smirnov on 40,000 draws at each
    /// shape, below and above 1 (Marsaglia–Tsang's two branches); √n·D < 1.95 is the 0.1% level.
    func testGammaAndBetaVariatesFollowGSLsDistributionFunctions() {
        var g = Xoshiro256(StreamKey(seed: 21, path: 0, program: 3, slot: 0))
        let n = 40_000
        for shape in [0.4, 1.0, 2.5, 25.0] {
            let xs = (0..<n).map { _ in GammaVariate.standard(shape: shape, &g) }
            XCTAssertLessThan(ks(xs) { gsl_cdf_gamma_P($0, shape, 1) }, 1.95, "gamma shape \(shape)")
        }
        for (a, b) in [(0.5, 0.7), (1.275, 2.975), (8.0, 3.0)] {
            let xs = (0..<n).map { _ in GammaVariate.beta(a, b, &g) }
            XCTAssertLessThan(ks(xs) { gsl_cdf_beta_P($0, a, b) }, 1.95, "beta (\(a), \(b))")
        }
    }

    /// Oracle: thinning. A Poisson(λ) count whose claims are approved with probability a has
    /// Poisson(λa) approvals: a chi-square over 30,000 years against GSL's Poisson probabilities (cells
    /// with expected count ≥ 5 pooled at the ends; the 0.1% critical value of its degrees of freedom),
    /// and the claims made have mean λ (4 standard errors).
    func testApprovedClaimsAreAThinnedPoissonCount() {
        let sampler = CountSampler(CountDistribution(family: .poisson, mean: 40))
        var g = Xoshiro256(StreamKey(seed: 8, path: 0, program: 1, slot: 0))
        let years = 30_000
        let (lambda, a) = (40.0, 0.35)
        var approved = [Int](repeating: 0, count: 200)
        var made = 0.0
        for _ in 0..<years {
            let c = sampler.draw(mean: lambda, approval: a, &g)!
            approved[min(c.approved, 199)] += 1
            made += Double(c.made)
        }
        XCTAssertEqual(made / Double(years), lambda, accuracy: 4 * (lambda / Double(years)).squareRoot())
        let m = lambda * a
        var cells: [(observed: Double, expected: Double)] = []
        var pending = (observed: 0.0, expected: 0.0)
        for k in 0..<200 {
            let e = Double(years) * (k == 199 ? gsl_cdf_poisson_Q(198, m) : gsl_ran_poisson_pdf(UInt32(k), m))
            pending = (pending.observed + Double(approved[k]), pending.expected + e)
            if pending.expected >= 5 {
                cells.append(pending)
                pending = (0, 0)
            }
        }
        if pending.expected > 0, !cells.isEmpty {
            cells[cells.count - 1] = (cells.last!.observed + pending.observed, cells.last!.expected + pending.expected)
        }
        let chi = cells.reduce(0) { $0 + ($1.observed - $1.expected) * ($1.observed - $1.expected) / $1.expected }
        let critical = gsl_cdf_chisq_Qinv(0.001, Double(cells.count - 1))
        XCTAssertLessThan(chi, critical)
    }

    /// Oracle: a negative binomial count of mean m and dispersion k mixed per year, thinned by a, has
    /// approvals of mean m·a and variance m·a + (m·a)²/k (4 standard errors of each, over 40,000 years).
    func testApprovedClaimsOfANegativeBinomialHaveTheThinnedMoments() {
        let k = 12.0
        let sampler = CountSampler(CountDistribution(family: .negativeBinomial(dispersion: k, mixing: .perYear), mean: 500))
        var g = Xoshiro256(StreamKey(seed: 5, path: 0, program: 1, slot: 0))
        let (m, a) = (500.0, 0.8)
        let xs = (0..<40_000).map { _ in Double(sampler.draw(mean: m, approval: a, &g)!.approved) }
        let s = EngineTest.moments(xs)
        let ma = m * a
        XCTAssertEqual(s.mean, ma, accuracy: 4 * s.seMean)
        XCTAssertEqual(s.variance, ma + ma * ma / k, accuracy: 4 * s.seVariance)
    }

    /// Stated bound: every value read from the recovery rate's table lies within `errorBound` (at most
    /// `QuantileTable.tolerance`) of the exact quantile, checked at 20,000 uniforms and in the exact first
    /// and last cells; and few draws need the exact inversion.
    func testTheRecoveryTableIsWithinItsStatedBoundOfTheExactQuantile() {
        for d: Distribution in [.beta(mean: 0.3, sd: 0.2), .beta(mean: 0.6, sd: 0.1), .gamma(mean: 0.4, sd: 0.1)] {
            let sampler = Sampler(d)
            let table = QuantileTable(sampler)
            XCTAssert(table.errorBound.isFinite)
            XCTAssertLessThanOrEqual(table.errorBound, QuantileTable.tolerance, "\(d)")
            XCTAssertLessThan(table.exactShare, 0.02, "\(d)")
            var g = Xoshiro256(StreamKey(seed: 2, path: 0, program: 0, slot: 0))
            var uniforms = (0..<20_000).map { _ in g.uniformOpen() }
            uniforms += [1e-9, 0.5 / Double(QuantileTable.cells), 1 - 1e-9, 1 - 0.5 / Double(QuantileTable.cells)]
            for u in uniforms {
                XCTAssertEqual(table.quantile(u), sampler.quantile(u), accuracy: table.errorBound, "\(d) at \(u)")
            }
        }
    }

    /// √n times the Kolmogorov–Smirnov distance between the sample and the distribution function.
    private func ks(_ sample: [Double], cdf: (Double) -> Double) -> Double {
        let xs = sample.sorted()
        let n = Double(xs.count)
        var d = 0.0
        for (i, x) in xs.enumerated() {
            let f = cdf(x)
            d = max(d, abs(f - Double(i) / n), abs(Double(i + 1) / n - f))
        }
        return d * n.squareRoot()
    }
}
