import CKernels
import CoFundEngine
import CoFundModel
import Foundation
import XCTest

/// The C claim kernels: exp within 2 ulp of the C library's on the whole range of normal results,
/// its edge cases, and the scalar and AVX2 forms bit-identical on the same inputs — the property that
/// lets shards from machines with and without AVX2 merge byte for byte.
final class ClaimKernelTests: XCTestCase {
    /// Uniforms on [a, b) from a fixed stream.
    func inputs(_ n: Int, _ a: Double, _ b: Double, key: UInt64) -> [Double] {
        var g = Xoshiro256(StreamKey(seed: 5, path: key, program: 9, slot: 0))
        return (0..<n).map { _ in a + (b - a) * g.uniform() }
    }

    /// Distance in units in the last place between two positive finite doubles.
    func ulps(_ a: Double, _ b: Double) -> UInt64 {
        let (x, y) = (a.bitPattern, b.bitPattern)
        return x > y ? x - y : y - x
    }

    /// Oracle: glibc's exp (correctly rounded in practice); tolerance 2 ulp over [−708, 709.7], where
    /// results are normal numbers, on 10⁶ spread points and 10⁵ points near 0.
    func testExpIsWithinTwoUlpOfTheCLibrary() {
        var worst: UInt64 = 0
        for x in inputs(1_000_000, -708, 709.7, key: 1) + inputs(100_000, -1, 1, key: 2) {
            worst = max(worst, ulps(cofund_exp(x), Foundation.exp(x)))
        }
        XCTAssertLessThanOrEqual(worst, 2)
    }

    func testExpEdgeCases() {
        XCTAssertEqual(cofund_exp(0), 1)
        XCTAssertLessThanOrEqual(ulps(cofund_exp(1), M_E), 1)
        XCTAssertTrue(cofund_exp(.nan).isNaN)
        for big in [709.79, 710, 1e6, .infinity] { XCTAssertEqual(cofund_exp(big), .infinity, "\(big)") }
        for small in [-746, -1e6, -Double.infinity] { XCTAssertEqual(cofund_exp(small), 0, "\(small)") }
        XCTAssertEqual(cofund_exp(709.78), Foundation.exp(709.78), accuracy: 2 * Foundation.exp(709.78).ulp)
    }

    /// Exact identity: the AVX2 form and the scalar form give the same bits, for exp and for the capped
    /// payout sum, including NaN, infinities, both clamps and a length that leaves a remainder.
    func testScalarAndVectorFormsAreBitIdentical() throws {
        try XCTSkipUnless(cofund_vector_available() == 1, "this CPU has no AVX2 + FMA: only the scalar form runs here")
        var xs = inputs(100_003, -750, 720, key: 3)
        xs += [.nan, .infinity, -.infinity, 0, -0.0, 709.78, -745.1, 1e-300]
        var scalar = [Double](repeating: 0, count: xs.count), vector = scalar
        cofund_exp_batch(xs, &scalar, xs.count, 0)
        cofund_exp_batch(xs, &vector, xs.count, 1)
        for i in xs.indices where scalar[i].bitPattern != vector[i].bitPattern && !(scalar[i].isNaN && vector[i].isNaN) {
            XCTFail("exp(\(xs[i])): scalar \(scalar[i]), vector \(vector[i])")
            break
        }
        var g = Xoshiro256(StreamKey(seed: 5, path: 4, program: 9, slot: 0))
        let z = (0..<100_003).map { _ in Ziggurat.normal(&g) }
        let s = cofund_capped_lognormal_sum(z, z.count, 6.2146, 1.3979, 0.025, 250, 0)
        let v = cofund_capped_lognormal_sum(z, z.count, 6.2146, 1.3979, 0.025, 250, 1)
        XCTAssertEqual(s.bitPattern, v.bitPattern)
    }

    /// Oracle: the same payouts with the C library's exp, summed in order; the kernel's exp differs by
    /// at most 2 ulp per term and its sum by rounding order only: 1e-12 relative.
    func testTheCappedPayoutSumMatchesTheLibraryExp() {
        var g = Xoshiro256(StreamKey(seed: 5, path: 5, program: 9, slot: 0))
        let z = (0..<10_007).map { _ in Ziggurat.normal(&g) }
        let expected = z.reduce(0) { $0 + min(0.025 * Foundation.exp(6.2146 + 1.3979 * $1), 250) }
        for vector in [Int32(0), 1] {
            let got = cofund_capped_lognormal_sum(z, z.count, 6.2146, 1.3979, 0.025, 250, vector)
            XCTAssertEqual(got, expected, accuracy: 1e-12 * expected)
        }
    }

    /// Exact identity: the lognormal and rate-payout kernels give, in both forms, the bits of the
    /// model's own arithmetic — `Lognormal.value` one draw at a time, and `RateTerms.payout` (minimum
    /// base, floor, cap) on that base — for a length that leaves a remainder, and bases on both sides of
    /// the minimum and the cap.
    func testTheRateKernelPaysWhatTheModelsRateTermsPay() {
        var g = Xoshiro256(StreamKey(seed: 5, path: 6, program: 9, slot: 0))
        let z = (0..<4_099).map { _ in Ziggurat.normal(&g) }
        let (mu, sigma) = (log(80.0), 1.2)
        let terms = RateTerms(rate: 0.3, brackets: [], floor: 8, cap: 120, minBase: 20)
        let bases = z.map { Lognormal.value($0, mu: mu, sigma: sigma) }
        let expected = bases.map { terms.payout(base: $0) }
        XCTAssert(expected.contains(0) && expected.contains(8) && expected.contains(120))
        for vector in [Int32(0), 1] {
            var y = [Double](repeating: 0, count: z.count)
            cofund_lognormal_batch(z, &y, z.count, mu, sigma, vector)
            XCTAssertEqual(y.map(\.bitPattern), bases.map(\.bitPattern), "lognormal, vector \(vector)")
            var x = [Double](repeating: 0, count: z.count)
            cofund_rate_payouts(z, &x, z.count, mu, sigma, 0.3, 8, 120, 20, vector)
            XCTAssertEqual(x.map(\.bitPattern), expected.map(\.bitPattern), "rate payouts, vector \(vector)")
        }
    }
}
