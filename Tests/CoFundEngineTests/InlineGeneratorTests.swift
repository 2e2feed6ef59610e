import CGSL
import CoFundEngine
import XCTest

/// The inline generator and the 256-layer ziggurat against their references: the published
/// xoshiro256++ outputs, and a battery of goodness-of-fit tests whose p-values come from GSL
/// (chi-square on equal cells, on consecutive pairs and on gaps; the normal's moments, tails and
/// Kolmogorov–Smirnov distance). Every test runs on fixed keys, so a p-value threshold is a fixed
/// pass or fail; the thresholds (p > 10⁻⁴, 4 standard errors) fail a biased generator, not a fair one.
final class InlineGeneratorTests: XCTestCase {
    static let n = 1_000_000

    func generator(_ k: UInt64) -> Xoshiro256 { Xoshiro256(StreamKey(seed: 20251122, path: k, program: 3, slot: 0)) }

    /// Oracle: the reference implementation (Blackman & Vigna) from the state {1, 2, 3, 4}.
    func testOutputsMatchTheReferenceImplementation() {
        var g = Xoshiro256(state: (1, 2, 3, 4))
        let expected: [UInt64] = [
            41_943_041, 58_720_359, 3_588_806_011_781_223, 3_591_011_842_654_386, 9_228_616_714_210_784_205, 9_973_669_472_204_895_162,
        ]
        XCTAssertEqual((0..<6).map { _ in g.next() }, expected)
    }

    func testTheSameKeyGivesTheSameStreamAndNeighbouringKeysDiffer() {
        var a = generator(1), b = generator(1), c = generator(2)
        let xs = (0..<8).map { _ in a.next() }
        XCTAssertEqual(xs, (0..<8).map { _ in b.next() })
        XCTAssertNotEqual(xs, (0..<8).map { _ in c.next() })
        var d = Xoshiro256(StreamKey(seed: 20251122, path: 1, program: 3, slot: 1))
        XCTAssertNotEqual(xs, (0..<8).map { _ in d.next() })
    }

    /// Chi-square of 10⁶ uniforms in 1,000 equal cells: 999 degrees of freedom.
    func testUniformsFillEqualCellsEvenly() {
        var g = generator(10)
        var cells = [Int](repeating: 0, count: 1000)
        for _ in 0..<Self.n {
            let u = g.uniform()
            XCTAssertTrue(u >= 0 && u < 1)
            cells[Int(u * 1000)] += 1
        }
        let p = gsl_cdf_chisq_Q(chiSquare(cells, expected: Double(Self.n) / 1000), 999)
        XCTAssertGreaterThan(p, 1e-4)
    }

    /// Serial test: 10⁶ pairs of consecutive uniforms in a 64 × 64 grid, 4,095 degrees of freedom.
    func testConsecutivePairsAreIndependent() {
        var g = generator(11)
        var cells = [Int](repeating: 0, count: 64 * 64)
        for _ in 0..<Self.n { cells[Int(g.uniform() * 64) * 64 + Int(g.uniform() * 64)] += 1 }
        let p = gsl_cdf_chisq_Q(chiSquare(cells, expected: Double(Self.n) / 4096), 4095)
        XCTAssertGreaterThan(p, 1e-4)
    }

    /// Gap test: the runs between uniforms falling in [0, 0.1) are geometric, P(gap = k) = 0.1 · 0.9ᵏ;
    /// gaps 0…39 and ≥ 40 in 41 cells, 40 degrees of freedom.
    func testGapsBetweenVisitsToAnIntervalAreGeometric() {
        var g = generator(12)
        var cells = [Int](repeating: 0, count: 41)
        var gaps = 0, run = 0
        while gaps < 100_000 {
            if g.uniform() < 0.1 {
                cells[min(run, 40)] += 1
                gaps += 1
                run = 0
            } else {
                run += 1
            }
        }
        var stat = 0.0
        for k in 0...40 {
            let prob = k < 40 ? 0.1 * pow(0.9, Double(k)) : pow(0.9, 40)
            let e = prob * 100_000
            stat += (Double(cells[k]) - e) * (Double(cells[k]) - e) / e
        }
        XCTAssertGreaterThan(gsl_cdf_chisq_Q(stat, 40), 1e-4)
    }

    /// R and V close the ziggurat: built down from R by equal areas, the top layer [0, X₂₅₅] ×
    /// [f(X₂₅₅), 1] has area V too (to the 12 digits V is given to), and the edges decrease to 0.
    func testTheZigguratsLayersCloseAtTheTop() {
        let x = Ziggurat.edges, v = Ziggurat.layerArea
        XCTAssertEqual(x.count, 257)
        XCTAssertTrue(zip(x.dropFirst(), x.dropFirst(2)).allSatisfy { $0 > $1 }, "edges decrease")
        XCTAssertEqual(x[255] * (1 - exp(-0.5 * x[255] * x[255])), v, accuracy: 1e-9)
        // The base layer: a rectangle of width X₀ and height f(R) plus the tail ∫_R^∞ f has area V.
        XCTAssertEqual(x[0] * exp(-0.5 * x[1] * x[1]), v, accuracy: 1e-15)
        XCTAssertEqual(x[1] * exp(-0.5 * x[1] * x[1]) + (2 * Double.pi).squareRoot() * gsl_cdf_ugaussian_Q(x[1]), v, accuracy: 1e-9)
    }

    /// 10⁶ normals: mean, variance, skewness and excess kurtosis within 4 standard errors of 0, 1, 0, 0
    /// (1/√n, √(2/n), √(6/n), √(24/n)); the counts beyond 1, 2, 3, R = 3.654 (the ziggurat's tail) and 4
    /// within 4 binomial standard errors of n · 2Q(t), Q from GSL; and the Kolmogorov–Smirnov distance
    /// within its 0.1% critical value 1.95/√n.
    func testZigguratNormalsHaveTheNormalsMomentsTailsAndDistribution() {
        var g = generator(13)
        var xs = [Double](repeating: 0, count: Self.n)
        for i in 0..<Self.n { xs[i] = Ziggurat.normal(&g) }
        let n = Double(Self.n)
        let mean = xs.reduce(0, +) / n
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for x in xs {
            let d = x - mean
            m2 += d * d
            m3 += d * d * d
            m4 += d * d * d * d
        }
        (m2, m3, m4) = (m2 / n, m3 / n, m4 / n)
        XCTAssertEqual(mean, 0, accuracy: 4 / n.squareRoot())
        XCTAssertEqual(m2, 1, accuracy: 4 * (2 / n).squareRoot())
        XCTAssertEqual(m3 / pow(m2, 1.5), 0, accuracy: 4 * (6 / n).squareRoot())
        XCTAssertEqual(m4 / (m2 * m2) - 3, 0, accuracy: 4 * (24 / n).squareRoot())
        for t in [1, 2, 3, 3.6541528853610088, 4] {
            let q = 2 * gsl_cdf_ugaussian_Q(t)
            let count = Double(xs.filter { abs($0) > t }.count)
            XCTAssertEqual(count, n * q, accuracy: 4 * (n * q * (1 - q)).squareRoot(), "beyond \(t)")
        }
        xs.sort()
        var d = 0.0
        for (i, x) in xs.enumerated() {
            let f = gsl_cdf_ugaussian_P(x)
            d = max(d, abs(f - Double(i) / n), abs(Double(i + 1) / n - f))
        }
        XCTAssertLessThan(d * n.squareRoot(), 1.95)
    }

    /// Exact identity: a batch of n normals (`Ziggurat.fill`, the claim loops' draws) holds the values
    /// `normal` gives one at a time, bit for bit, and leaves the generator where `normal` leaves it,
    /// on streams whose edge and tail draws (about 1 in 100 and 1 in 4,000) fall anywhere in a batch.
    func testEveryBatchDrawsWhatOneAtATimeDraws() {
        let counts = [1, 2, 3, 4, 5, 7, 8, 63, 64, 65, 511, 512, 2_049]
        var edges = 0
        let out = UnsafeMutablePointer<Double>.allocate(capacity: 2_049)
        defer { out.deallocate() }
        for k in 0..<300 {
            for n in counts {
                var reference = generator(UInt64(k) &* 7919 &+ UInt64(n))
                let start = reference
                let expected = (0..<n).map { _ in Ziggurat.normal(&reference) }
                let following = reference.next()
                edges += expected.filter { abs($0) > Ziggurat.edges[1] }.count
                var g = start
                Ziggurat.fill(out, count: n, &g)
                let got = Array(UnsafeBufferPointer(start: out, count: n))
                XCTAssertTrue(got.map(\.bitPattern) == expected.map(\.bitPattern), "key \(k), \(n) normals")
                XCTAssertEqual(g.next(), following, "the generator's state after key \(k), \(n) normals")
            }
        }
        // The tail beyond R = 3.654 was drawn: about 2.6·10⁻⁴ of 1.5·10⁶ normals.
        XCTAssertGreaterThan(edges, 100)
    }

    private func chiSquare(_ cells: [Int], expected e: Double) -> Double {
        cells.reduce(0) { $0 + (Double($1) - e) * (Double($1) - e) / e }
    }
}
