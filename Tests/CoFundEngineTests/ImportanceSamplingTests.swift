import CGSL
import CoFundModel
import XCTest

@testable import CoFundEngine

/// Importance sampling of the per-path inputs (`ImportanceSampling`, `PathSimulator.sampled`): an
/// exact identity (no shift draws what a run draws, weight 1), the exact finite pool's tail
/// probability (Vasicek), and the weights' mean 1.
final class ImportanceSamplingTests: XCTestCase {
    static let pool = """
          - {id: pool, name: pool, source: t, kind: risk_compensation, loans: {count: 10000, principal: 1}, pd: 0.03, rho: 0.15,
             recovery: {rate: 0, lag: 0}, loss_shares: {city: 1}, residual: bank}
        """

    /// Exact identity: a pass with no shift reproduces the run's values bit for bit, every log weight
    /// is 0, and it records one score per input in the same order on every path.
    func testNoShiftDrawsWhatTheRunDrew() async throws {
        let s = try EngineTest.scenario(
            years: 2,
            programs: """
                  - {id: rd, name: rd, source: t, kind: rate, claims: {count: {dist: negative_binomial, mean: 40, dispersion: 5}, approval: {dist: beta, mean: 0.8, sd: 0.1}},
                     base: {dist: lognormal, median: 80, p90: 600}, rate: 0.025, cap_per_claim: 5, share: {province: 0.5, city: 0.5}}
                """ + "\n" + Self.pool)
        let r = try await EngineTest.run(s, paths: 300)
        let index = try XCTUnwrap(r.plan.layout.index(program: nil, funder: Funder.governmentID, year: .total))
        let pass = try await Simulation.shifted(r.plan, paths: 0..<300, options: r.options, shift: [:], recordScores: true, indices: [index])
        XCTAssertEqual(pass.values.map { $0[0] }, try XCTUnwrap(r.pathValues(program: nil, funder: Funder.governmentID, year: .total)))
        XCTAssertEqual(Set(pass.logWeights), [0])
        let inputs = try XCTUnwrap(pass.scores.first).map(\.input)
        // The approval and the mixing variable of rd, and the shared factor of each event year.
        XCTAssertTrue(inputs.contains(.mixing(program: 0)) && inputs.contains(.parameter(program: 0, slot: 0)), "\(inputs)")
        XCTAssertEqual(inputs.filter { if case .sharedFactor = $0 { true } else { false } }.count, r.plan.span)
        for s in pass.scores { XCTAssertEqual(s.map(\.input), inputs) }
    }

    /// Oracle: the exact finite pool, P(D > k) = 1 − ∫ Bin(k; n, p(z)) φ(z) dz (Vasicek's conditional
    /// pd; `VasicekTests`), at k its 99th percentile. Shifting the year's factor by θ = −2.3 (towards
    /// more defaults), the weighted tail probability is within 4 of its standard errors of it, and
    /// that standard error is under half the plain binomial one √(p(1 − p)/N): at least 4 times fewer
    /// paths for the same precision.
    func testAShiftedFactorEstimatesTheFinitePoolsTailProbability() async throws {
        let s = try EngineTest.scenario(funders: ["city", "bank"], programs: Self.pool)
        let plan = SimulationPlan(s)
        let n = 4000
        let options = SimulationOptions(paths: n, seed: 11, threads: 2, blockSize: 256)
        let index = try XCTUnwrap(plan.layout.index(program: nil, funder: "city", year: .total))
        let shift: [PathInput: Double] = [.sharedFactor(year: plan.history): -2.3]
        let pass = try await Simulation.shifted(plan, paths: 0..<n, options: options, shift: shift, recordScores: false, indices: [index])
        let k = 1439.0  // near the large-pool 99th percentile 0.1439 × 10⁴
        let exact = 1 - finitePoolCDF(Int(k), n: 10_000, pd: 0.03, rho: 0.15)
        let hits = zip(pass.values, pass.logWeights).map { $0.0[0] > k ? exp($0.1) : 0 }
        let m = EngineTest.moments(hits)
        XCTAssertEqual(m.mean, exact, accuracy: 4 * m.seMean)
        XCTAssertLessThan(m.seMean, 0.5 * (exact * (1 - exact) / Double(n)).squareRoot())
    }

    /// Oracle: E[w] = 1 (a likelihood ratio's mean); tolerance 4 standard errors. And on a total
    /// driven by one program's uptake, the weighted p95's interval is at least twice as narrow as the
    /// plain one's, by the same batch means on as many paths.
    func testTheWeightsAverageOneAndNarrowTheTail() async throws {
        let s = try EngineTest.scenario(
            years: 3,
            programs: """
                  - {id: rd, name: rd, source: t, kind: rate, claims: {count: {dist: negative_binomial, mean: 200, dispersion: 8}, approval: 0.9},
                     base: {dist: lognormal, median: 80, p90: 600}, rate: 0.025, cap_per_claim: 5, share: {province: 0.5, city: 0.5}}
                """)
        let r = try await EngineTest.run(s, paths: 4000)
        let sampled = try await ImportanceSampling.run(r, target: Funder.governmentID)
        let i = try XCTUnwrap(sampled)
        XCTAssertEqual(i.meanWeight.value, 1, accuracy: 4 * i.meanWeight.se)
        XCTAssertGreaterThan(i.rSquared, 0.5)
        let p95 = try XCTUnwrap(i.estimates.first { $0.statistic == "p95" })
        XCTAssertGreaterThan(try XCTUnwrap(p95.pathsRatio), 2)
        // Both estimate the same percentile: the intervals overlap.
        let (a, b) = (try XCTUnwrap(p95.interval), try XCTUnwrap(p95.plainInterval))
        XCTAssertTrue(a.overlaps(b), "\(a) \(b)")
    }

    /// P(D ≤ k) by trapezoidal quadrature over z ∈ [−9, 9].
    private func finitePoolCDF(_ k: Int, n: Int, pd: Double, rho: Double) -> Double {
        let steps = 6000
        let h = 18.0 / Double(steps)
        var sum = 0.0
        for i in 0...steps {
            let z = -9 + Double(i) * h
            let w = (i == 0 || i == steps) ? 0.5 : 1
            sum += w * gsl_cdf_binomial_P(UInt32(k), Vasicek.conditionalPD(pd: pd, rho: rho, z: z), UInt32(n)) * gsl_ran_ugaussian_pdf(z)
        }
        return sum * h
    }
}
