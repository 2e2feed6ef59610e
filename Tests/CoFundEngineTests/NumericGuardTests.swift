import CGSL
import CoFundModel
import XCTest

@testable import CoFundEngine

/// The beta and gamma quantiles finish in a bounded number of steps at every shape validation
/// admits and agree with GSL's distribution functions (the oracle: F(Q(u)) = u); a value that is
/// not finite stops a run with the program and parameter named, never a clamp to the support.
final class NumericGuardTests: XCTestCase {
    /// Uniforms across (0, 1), the tails included, as the engine draws them (32-bit resolution).
    private let uniforms: [Double] = [0x1p-32, 1e-9, 1e-6, 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99, 0.999, 1 - 1e-6, 1 - 0x1p-32]

    func testBetaQuantilesInvertTheDistributionFunctionInBoundedStepsAcrossTheAdmittedShapes() {
        let shapes: [(Double, Double)] = [(89.9, 809.1), (0.05, 0.05), (0.05, 1e5), (1e5, 1e5), (1e5, 0.05), (2.5, 7.5), (1, 1), (8.7, 281)]
        for (a, b) in shapes {
            var previous = 0.0
            for u in uniforms {
                let s = Inversion.betaSolution(u, a: a, b: b)
                XCTAssertLessThanOrEqual(s.steps, Inversion.maxSteps, "beta(\(a), \(b)) at \(u)")
                XCTAssertTrue(s.value.isFinite && s.value >= 0 && s.value <= 1, "beta(\(a), \(b)) at \(u): \(s.value)")
                XCTAssertGreaterThanOrEqual(s.value, previous, "not monotone: beta(\(a), \(b)) at \(u)")
                previous = s.value
                // F is continuous: at the returned x, F is within rounding of u unless x sits
                // where F jumps over u between adjacent doubles.
                let f = gsl_cdf_beta_P(s.value, a, b), below = gsl_cdf_beta_P(s.value.nextDown, a, b)
                XCTAssertTrue(
                    abs(f - u) <= 1e-9 * max(u, 1e-300) + 1e-15 || (below <= u && f >= u),
                    "beta(\(a), \(b)): F(Q(\(u))) = \(f)")
            }
        }
    }

    func testTheShapeThatMadeGSLsBetaInverseReturnNaNNowInvertsEveryUniform() {
        // gsl_cdf_beta_Pinv returns NaN for about 0.1% of uniforms at (89.9, 809.1).
        for k in 1..<20_000 {
            let u = Double(k) / 20_000
            let x = Inversion.betaSolution(u, a: 89.9, b: 809.1).value
            XCTAssertTrue(x > 0.03 && x < 0.2, "u = \(u): \(x)")
        }
    }

    func testGammaQuantilesInvertTheDistributionFunctionInBoundedSteps() {
        for (shape, scale) in [(1e-3, 1.0), (0.5, 2.0), (1.0, 1.0), (100.0, 0.01), (1e6, 1e-6), (1e10, 1e-10)] {
            var previous = 0.0
            for u in uniforms {
                let s = Inversion.gammaSolution(u, shape: shape, scale: scale)
                XCTAssertLessThanOrEqual(s.steps, Inversion.maxSteps, "gamma(\(shape)) at \(u)")
                XCTAssertTrue(s.value.isFinite && s.value >= 0, "gamma(\(shape)) at \(u): \(s.value)")
                XCTAssertGreaterThanOrEqual(s.value, previous, "not monotone: gamma(\(shape)) at \(u)")
                previous = s.value
                let f = gsl_cdf_gamma_P(s.value, shape, scale), below = gsl_cdf_gamma_P(s.value.nextDown, shape, scale)
                XCTAssertTrue(
                    abs(f - u) <= 1e-9 * max(u, 1e-300) + 1e-15 || (below <= u && f >= u),
                    "gamma(\(shape)): F(Q(\(u))) = \(f)")
            }
        }
    }

    func testTheBetaHangReproducerFinishesWithinTheStepBound() {
        // Shapes of mean 0.5, sd 0.0003 (validation refuses them): GSL's inverse never returns here;
        // this one stops after `maxSteps` evaluations, with NaN where the distribution function fails.
        let (a, b) = Distribution.betaShapes(mean: 0.5, sd: 0.0003)
        for u in uniforms {
            XCTAssertLessThanOrEqual(Inversion.betaSolution(u, a: a, b: b).steps, Inversion.maxSteps)
        }
    }

    /// The largest value a beta(0.1, 0.01) rate can take on a base of 10: 10 × Q(1 − 2⁻³²), found
    /// independently by bisection on GSL's upper tail `gsl_cdf_beta_Q`.
    func testABetaRatesLargestPayoutIsAtMostItsTrueBound() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"],
            programs: """
                  - {id: p, name: p, source: s, kind: rate, claims: {count: 1}, base: 10, rate: {dist: beta, mean: 0.1, sd: 0.01}, share: {city: 1}}
                """)
        let r = try await EngineTest.run(s, paths: 20_000)
        let (a, b) = Distribution.betaShapes(mean: 0.1, sd: 0.01)
        var lo = 0.0, hi = 1.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if gsl_cdf_beta_Q(mid, a, b) > 0x1p-32 { lo = mid } else { hi = mid }
        }
        let stats = try XCTUnwrap(r.statistics(program: "p", funder: "city", year: .year(0)))
        XCTAssertLessThanOrEqual(stats.max, 10 * hi * (1 + 1e-12))
        XCTAssertGreaterThan(stats.max, 1.2, "the largest of 20,000 draws lies in the upper tail")
    }

    // MARK: - Non-finite values stop the run

    /// A scenario that validation would refuse, built by editing a decoded one.
    private func edited(_ change: (inout RateRule) -> Void) throws -> Scenario {
        var s = try EngineTest.scenario(
            funders: ["city"],
            programs: """
                  - {id: p, name: p, source: s, kind: rate, claims: {count: 3}, base: 10, rate: 0.1, share: {city: 1}}
                """)
        guard case var .rate(rule) = s.programs[0].rule else { throw XCTSkip("not a rate program") }
        change(&rule)
        s.programs[0].rule = .rate(rule)
        return s
    }

    func testAParameterWhoseQuantileCannotBeComputedStopsTheRunNamingIt() async throws {
        let s = try edited { $0.rate = .uncertain(.beta(mean: 0.5, sd: 1e-8)) }
        do {
            _ = try await Simulation.run(SimulationPlan(s), options: SimulationOptions(paths: 50, seed: 1, threads: 2))
            XCTFail("the run finished with a parameter it could not draw")
        } catch {
            XCTAssertEqual(error.program, "p")
            XCTAssertEqual(error.field, "rate")
            XCTAssertEqual(error.path, 0, "the earliest path is named, whatever the thread count")
            XCTAssertTrue(error.description.contains("nothing was written"), error.description)
        }
    }

    func testAnAmountThatOverflowsStopsTheRunNamingTheProgram() async throws {
        let s = try edited { $0.base = .lognormal(median: 1e-300, p90: 1) }
        for threads in [1, 2] {
            do {
                _ = try await Simulation.run(SimulationPlan(s), options: SimulationOptions(paths: 200, seed: 1, threads: threads))
                XCTFail("the run finished with an infinite amount")
            } catch {
                XCTAssertEqual(error.program, "p")
                XCTAssertNil(error.field)
                XCTAssertFalse(error.value.isFinite)
            }
        }
    }
}

extension NumericGuardTests {
    /// A gamma of mean and sd 1e-300 (shape 1, scale 1e-300): exponential with mean 1e-300, whose
    /// distribution function is 1 − exp(−x/1e-300). The inversion must reach the quantile without
    /// overflowing x/scale; the oracle is F(Q(u)) = u to double precision (in the far upper tail a
    /// rounding of F moves Q by 1/(1 − u) times as much, so Q itself is compared in u).
    func testAGammaWithATinyScaleInvertsToTheExponentialQuantile() {
        for u in [1e-6, 0.1, 0.5, 0.9, 1 - 0x1p-32] {
            let s = Inversion.gammaSolution(u, shape: 1, scale: 1e-300)
            XCTAssertTrue(s.value > 0 && s.value.isFinite, "u = \(u): \(s.value)")
            XCTAssertEqual(-expm1(-s.value / 1e-300), u, accuracy: 4e-16, "u = \(u)")
            XCTAssertLessThanOrEqual(s.steps, Inversion.maxSteps)
        }
    }
}
