import CoFundEngine
import CoFundModel
import XCTest

/// Holding one uncertain parameter at its p10 and its p90 on common random numbers.
final class SensitivityTests: XCTestCase {
    private func scenario() throws -> Scenario {
        try EngineTest.scenario(
            funders: ["province", "city"], years: 2,
            programs: """
                  - {id: rd, name: rd, source: t, kind: rate, claims: {count: {dist: poisson, mean: 80}, approval: {dist: beta, mean: 0.8, sd: 0.05}},
                     base: {dist: lognormal, median: 500, p90: 3000}, rate: {dist: uniform, low: 0.02, high: 0.03}, share: {city: 1}}
                  - {id: g, name: g, source: t, kind: award, claims: {count: {dist: poisson, mean: 30}}, amount: 10, share: {province: 1}}
                """)
    }

    /// With no cap, a claim pays rate × base: holding the rate at its p10 (0.021) and its p90
    /// (0.029) scales every path, so the means differ by exactly 0.029/0.021.
    func testHoldingAnUncapedRateScalesTheFundersExposureExactly() async throws {
        let plan = SimulationPlan(try scenario())
        XCTAssertEqual(plan.uncertainParameters.map(\.name), ["programs.rd.claims.approval", "programs.rd.rate"])
        let swings = try await SensitivityAnalysis.run(plan, options: SimulationOptions(paths: 500, seed: 3, threads: 2))
        let rate = try XCTUnwrap(swings.first { $0.driver.path == "programs.rd.rate" && $0.id == "city" })
        XCTAssertEqual(Double(rate.driver.lowText) ?? 0, 0.021, accuracy: 1e-12)
        XCTAssertEqual(Double(rate.driver.highText) ?? 0, 0.029, accuracy: 1e-12)
        XCTAssertEqual(try XCTUnwrap(rate.high).mean / XCTUnwrap(rate.low).mean, 0.029 / 0.021, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(rate.high).p95 / XCTUnwrap(rate.low).p95, 0.029 / 0.021, accuracy: 1e-9)
        // The city's exposure is ranked: the rate (±16% of the mean) moves it more than the approval.
        let city = swings.filter { $0.scope == .funder && $0.id == "city" }
        XCTAssertEqual(city.first?.driver.path, "programs.rd.rate")
        XCTAssertGreaterThan(abs(city.first?.meanSwing ?? 0), abs(city.last?.meanSwing ?? 0))
    }

    /// A parameter of a program the funder does not pay in leaves its exposure exactly unchanged.
    func testAParameterOfAnotherFundersProgramHasNoSwing() async throws {
        let swings = try await SensitivityAnalysis.run(SimulationPlan(try scenario()), options: SimulationOptions(paths: 300, seed: 3, threads: 2))
        for s in swings where s.scope == .funder && s.id == "province" {
            XCTAssertEqual(s.meanSwing, 0, "\(s.driver.path)")
            XCTAssertEqual(s.low?.sd, s.high?.sd)
        }
    }
}
