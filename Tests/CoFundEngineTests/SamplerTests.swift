import CGSL
import CoFundModel
import XCTest

@testable import CoFundEngine

/// The inverse distribution functions the engine draws counts and parameters with.
final class SamplerTests: XCTestCase {
    /// Exact identity: the Poisson quantile k of u satisfies P(N ≤ k − 1) < u ≤ P(N ≤ k).
    func testPoissonInversionReturnsTheSmallestCountWhoseDistributionFunctionReachesU() {
        for mean in [0.3, 4.0, 29.9, 30.0, 250.0, 3000.0, 123_456.0] {
            for u in [1e-9, 0.001, 0.05, 0.3, 0.5, 0.77, 0.95, 0.999, 1 - 1e-9] {
                let k = DiscreteQuantile.poisson(u, mean: mean)
                XCTAssertGreaterThanOrEqual(gsl_cdf_poisson_P(UInt32(k), mean), u * (1 - 1e-12), "mean \(mean) u \(u)")
                if k > 0 { XCTAssertLessThan(gsl_cdf_poisson_P(UInt32(k - 1), mean), u, "mean \(mean) u \(u)") }
            }
        }
    }

    /// The quantile search's start point (Loader's probability and the shorter tail's sum). Oracles:
    /// P(N ≤ k) and P(N = k) computed to 40 digits with mpmath (`gammainc(k + 1, m, inf,
    /// regularized=True)` and `exp(k log m − m − loggamma(k + 1))`), which it matches to a few units
    /// of 10⁻¹⁶; GSL's `gsl_ran_poisson_pdf` and `gsl_cdf_poisson_P` over 2,000 random points from the
    /// smallest count to the largest mean it takes, within GSL's own error (its exponent rounds terms
    /// of size k ln m; its distribution function is good to 10⁻¹¹ up to a mean of 10⁴ and off by up to
    /// 3·10⁻⁸ near 7·10⁴, where this sum is not); and 20,000 random quantiles satisfy P(N ≤ k − 1) < u ≤ P(N ≤ k) by GSL.
    func testPoissonStartPointMatchesHighPrecisionValuesAndGSL() {
        let reference: [(k: Int, m: Double, cdf: Double, pmf: Double)] = [
            (30, 45.5, 0.0096366758729617998882, 0.003599837511896489177),
            (445, 429.4234601757024, 0.78201859295822830589, 0.014302615693890131991),
            (1000, 1100.25, 0.0011465807864880785047, 0.00011329984058335868169),
            (4800, 4700.75, 0.92677827120544168583, 0.002034288194849933432),
            (36629, 36672.35637772279, 0.41178102817389017794, 0.0020317089002978020642),
            (57504, 57282.941066235544, 0.82272858742858426664, 0.0010865602526631818443),
            (99000, 99999.5, 0.00077841198278689784572, 8.4433730360357456245e-6),
        ]
        for r in reference {
            guard let at = DiscretePoint(r.k, mean: r.m) else { return XCTFail("k \(r.k) m \(r.m) not evaluated") }
            XCTAssertEqual(at.cdf, r.cdf, accuracy: max(4e-16, r.cdf * 1e-13), "k \(r.k) m \(r.m)")
            XCTAssertEqual(at.pmf, r.pmf, accuracy: r.pmf * 1e-13, "k \(r.k) m \(r.m)")
        }
        var g = Xoshiro256(StreamKey(seed: 11, path: 0, program: 1, slot: 0))
        for _ in 0..<2_000 {
            let m = 30 * pow(DiscretePoint.largestMean / 30, g.uniform())
            let k = max(DiscretePoint.smallestCount, Int(m + m.squareRoot() * 12 * (g.uniform() - 0.5)))
            guard let at = DiscretePoint(k, mean: m) else { return XCTFail("k \(k) m \(m) not evaluated") }
            let pdf = gsl_ran_poisson_pdf(UInt32(k), m)
            XCTAssertEqual(at.pmf, pdf, accuracy: pdf * max(1e-13, 4e-16 * (Double(k) * log(m) + m)), "k \(k) m \(m)")
            XCTAssertEqual(at.cdf, gsl_cdf_poisson_P(UInt32(k), m), accuracy: m <= 10_000 ? 1e-11 : 1e-7, "k \(k) m \(m)")
        }
        XCTAssertNil(DiscretePoint(DiscretePoint.smallestCount - 1, mean: 40))
        XCTAssertNil(DiscretePoint(200_000, mean: DiscretePoint.largestMean * 2))
        for _ in 0..<20_000 {
            let m = 30 * pow(300, g.uniform())
            let u = g.uniformOpen()
            let k = DiscreteQuantile.poisson(u, mean: m)
            XCTAssertGreaterThanOrEqual(gsl_cdf_poisson_P(UInt32(k), m), u * (1 - 1e-12), "mean \(m) u \(u)")
            if k > 0 { XCTAssertLessThan(gsl_cdf_poisson_P(UInt32(k - 1), m), u * (1 + 1e-12), "mean \(m) u \(u)") }
        }
    }

    /// The binomial start point. Oracles: P(N ≤ k) and P(N = k) computed with mpmath to 40 or more
    /// digits (`betainc(n − k, k + 1, 0, q, regularized=True)`, or the sum of the probabilities by
    /// their recurrence), at the double nearest each p; GSL's `gsl_ran_binomial_pdf` and
    /// `gsl_cdf_binomial_P` over 2,000 random points within GSL's own error (its distribution function
    /// is off by 1.8·10⁻¹¹ at k 8,501 of n 32,942, p 0.26, where this sum is within 4·10⁻¹⁶); and 20,000 random quantiles
    /// satisfy P(N ≤ k − 1) < u ≤ P(N ≤ k) by GSL.
    func testBinomialStartPointMatchesHighPrecisionValuesAndGSL() {
        let reference: [(k: Int, n: Int, p: Double, cdf: Double, pmf: Double)] = [
            (30, 1000, 0.05, 0.0012770679174798358019, 0.00055787063726460843121),
            (240, 4000, 0.06, 0.51716681926784974455, 0.026551505068411512381),
            (1250, 1300, 0.97, 0.047989361162206419943, 0.013191339448566068858),
            (520, 1200, 0.45, 0.12885922767417978481, 0.011829975501766159719),
            (3100, 10000, 0.3, 0.98565304402320941857, 0.00080943155127828103269),
            (2980, 10000, 0.3, 0.33566256762964774594, 0.007928765308076161889),
            (45000, 150000, 0.3, 0.50127374129596245414, 0.0022477804067354226236),
            (8501, 32942, 0.2600405550182056, 0.20810470912914794627, 0.0035881002419293100043),
            (28795, 97091, 0.295729872977828, 0.71989214361281862055, 0.0023711757848321769651),
        ]
        for r in reference {
            guard let at = DiscretePoint(r.k, trials: r.n, probability: r.p) else { return XCTFail("k \(r.k) n \(r.n) not evaluated") }
            XCTAssertEqual(at.cdf, r.cdf, accuracy: max(4e-16, r.cdf * 1e-13), "k \(r.k) n \(r.n)")
            XCTAssertEqual(at.pmf, r.pmf, accuracy: r.pmf * 1e-13, "k \(r.k) n \(r.n)")
        }
        var g = Xoshiro256(StreamKey(seed: 12, path: 0, program: 1, slot: 0))
        for _ in 0..<2_000 {
            let n = Int(100 * pow(1000, g.uniform()))
            let p = 0.01 + 0.98 * g.uniform()
            let mean = Double(n) * p, sd = (mean * (1 - p)).squareRoot()
            let k = Int(mean + sd * 12 * (g.uniform() - 0.5))
            guard let at = DiscretePoint(k, trials: n, probability: p) else {
                XCTAssert(k < DiscretePoint.smallestCount || n - k < DiscretePoint.smallestCount, "k \(k) n \(n) p \(p)")
                continue
            }
            let pdf = gsl_ran_binomial_pdf(UInt32(k), p, UInt32(n))
            // GSL's probability, exp(ln C(n, k) + k ln p + (n − k) ln q), rounds terms of size n ln n.
            XCTAssertEqual(at.pmf, pdf, accuracy: pdf * max(1e-13, 4e-16 * Double(n) * log(Double(n))), "k \(k) n \(n) p \(p)")
            XCTAssertEqual(at.cdf, gsl_cdf_binomial_P(UInt32(k), p, UInt32(n)), accuracy: 1e-10, "k \(k) n \(n) p \(p)")
        }
        XCTAssertNil(DiscretePoint(40, trials: 60, probability: 0.5))
        for _ in 0..<20_000 {
            let n = Int(100 * pow(100, g.uniform()))
            let p = 0.01 + 0.98 * g.uniform()
            let u = g.uniformOpen()
            let k = DiscreteQuantile.binomial(u, trials: n, probability: p)
            let (nn, kk) = (UInt32(n), UInt32(k))
            XCTAssertGreaterThanOrEqual(gsl_cdf_binomial_P(kk, p, nn), u * (1 - 1e-12), "n \(n) p \(p) u \(u)")
            if k > 0 { XCTAssertLessThan(gsl_cdf_binomial_P(kk - 1, p, nn), u * (1 + 1e-12), "n \(n) p \(p) u \(u)") }
        }
    }

    /// A larger mean never gives a smaller count for the same uniform (common random numbers).
    func testCountInversionIsMonotoneInTheMean() {
        for u in stride(from: 0.01, to: 1, by: 0.07) {
            var last = 0
            for mean in stride(from: 1.0, to: 400, by: 3.7) {
                let k = DiscreteQuantile.poisson(u, mean: mean)
                XCTAssertGreaterThanOrEqual(k, last)
                last = k
            }
        }
    }

    /// Exact identity: the binomial quantile k of u satisfies P(N ≤ k − 1) < u ≤ P(N ≤ k), for small
    /// and large means, probabilities near 0 and 1, and the first and last counts.
    func testBinomialInversionReturnsTheSmallestCountWhoseDistributionFunctionReachesU() {
        for (n, p) in [(1, 0.3), (10, 0.5), (40, 0.01), (1200, 0.025), (1200, 0.6), (4000, 0.97), (100_000, 0.3), (30, 0.999_999)] {
            for u in [1e-9, 0.001, 0.05, 0.3, 0.5, 0.77, 0.95, 0.999, 1 - 1e-9] {
                let k = DiscreteQuantile.binomial(u, trials: n, probability: p)
                XCTAssert((0...n).contains(k), "n \(n) p \(p) u \(u): \(k)")
                XCTAssertGreaterThanOrEqual(gsl_cdf_binomial_P(UInt32(k), p, UInt32(n)), u * (1 - 1e-12), "n \(n) p \(p) u \(u)")
                if k > 0 { XCTAssertLessThan(gsl_cdf_binomial_P(UInt32(k - 1), p, UInt32(n)), u, "n \(n) p \(p) u \(u)") }
            }
        }
        XCTAssertEqual(DiscreteQuantile.binomial(0.5, trials: 50, probability: 0), 0)
        XCTAssertEqual(DiscreteQuantile.binomial(0.5, trials: 50, probability: 1), 50)
    }

    /// A larger default probability never gives fewer defaults for the same uniform (common random
    /// numbers), across the switch from the search from 0 to the Cornish–Fisher start.
    func testBinomialInversionIsMonotoneInTheProbability() {
        for u in stride(from: 0.01, to: 1, by: 0.07) {
            var last = 0
            for p in stride(from: 0.001, to: 0.2, by: 0.0013) {
                let k = DiscreteQuantile.binomial(u, trials: 1200, probability: p)
                XCTAssertGreaterThanOrEqual(k, last, "u \(u) p \(p)")
                last = k
            }
        }
    }

    /// Each continuous quantile function inverts its distribution function (GSL's `gsl_cdf_*_P`).
    func testQuantilesInvertTheDistributionFunctions() {
        let cases: [(Distribution, (Double) -> Double)] = [
            (.uniform(low: 2, high: 6), { ($0 - 2) / 4 }),
            (.triangular(low: 0, mode: 1, high: 4), { x in x < 1 ? x * x / 4 : 1 - (4 - x) * (4 - x) / 12 }),
            (.lognormal(median: 500, p90: 3000), { gsl_cdf_lognormal_P($0, log(500), Distribution.lognormalSigma(median: 500, p90: 3000)) }),
            (.gamma(mean: 10, sd: 4), { gsl_cdf_gamma_P($0, 6.25, 1.6) }),
            (
                .beta(mean: 0.6, sd: 0.2),
                {
                    let (a, b) = Distribution.betaShapes(mean: 0.6, sd: 0.2); return gsl_cdf_beta_P($0, a, b)
                }
            ),
        ]
        for (d, cdf) in cases {
            let s = Sampler(d)
            for u in [0.01, 0.1, 0.5, 0.9, 0.99] {
                XCTAssertEqual(cdf(s.quantile(u)), u, accuracy: 1e-9, "\(d) at \(u)")
            }
        }
    }

    /// The lognormal given by (median, p90) has that median and that 90th percentile.
    func testLognormalIsParameterisedByItsMedianAndP90() {
        let s = Sampler(.lognormal(median: 500, p90: 3000))
        XCTAssertEqual(s.quantile(0.5), 500, accuracy: 1e-9)
        XCTAssertEqual(s.quantile(0.9), 3000, accuracy: 1e-6)
    }

    /// Draws from the inline samplers have the distribution's mean (4 standard errors).
    func testDrawsHaveTheDistributionsMean() {
        var r = Xoshiro256(StreamKey(seed: 9, path: 0, program: 1, slot: 0))
        for d: Distribution in [
            .uniform(low: 1, high: 3), .triangular(low: 0, mode: 2, high: 3), .lognormal(median: 10, p90: 30),
            .gamma(mean: 5, sd: 2), .beta(mean: 0.3, sd: 0.1),
        ] {
            let s = Sampler(d)
            let x = (0..<40000).map { _ in s.draw(&r) }
            let m = EngineTest.moments(x)
            XCTAssertEqual(m.mean, d.mean, accuracy: 4 * m.seMean, "\(d)")
        }
    }

    /// Distinct stream keys give distinct sequences; the same key gives the same one.
    func testStreamsAreReproducibleAndDistinct() {
        let key = StreamKey(seed: 1, path: 2, program: SplitMix64.hash("rd"), slot: 3)
        var a = Xoshiro256(key), b = Xoshiro256(key)
        XCTAssertEqual((0..<10).map { _ in a.uniform() }, (0..<10).map { _ in b.uniform() })
        b = Xoshiro256(StreamKey(seed: 1, path: 3, program: SplitMix64.hash("rd"), slot: 3))
        a = Xoshiro256(key)
        XCTAssertNotEqual((0..<10).map { _ in a.uniform() }, (0..<10).map { _ in b.uniform() })
    }

    /// Exact identity: a batch of draws (`fill`, the lognormal's exponentials in the claim kernel) has
    /// the bits of the same draws made one at a time.
    func testABatchOfDrawsEqualsTheDrawsMadeOneAtATime() {
        for d: Distribution in [.lognormal(median: 80, p90: 400), .uniform(low: 10, high: 20), .gamma(mean: 5, sd: 2)] {
            let s = Sampler(d)
            let key = StreamKey(seed: 4, path: 1, program: 2, slot: 3)
            var a = Xoshiro256(key), b = Xoshiro256(key)
            let n = 1001
            let out = UnsafeMutablePointer<Double>.allocate(capacity: n), normals = UnsafeMutablePointer<Double>.allocate(capacity: n)
            defer { out.deallocate(); normals.deallocate() }
            s.fill(out, count: n, normals: normals, &a)
            let one = (0..<n).map { _ in s.draw(&b) }
            XCTAssertEqual(Array(UnsafeBufferPointer(start: out, count: n)), one, "\(d)")
        }
    }
}
