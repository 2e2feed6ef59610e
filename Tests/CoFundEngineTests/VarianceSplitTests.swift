import CoFundEngine
import CoFundModel
import XCTest

/// The law of total variance split of a total whose parameters' and chance's parts are known.
final class VarianceSplitTests: XCTestCase {
    /// 10 per approved claim, Poisson(20) claims a year for 3 years, approval p ~ Beta(mean 0.5,
    /// sd 0.15) drawn once per path. Given p the approved claims are Poisson(60p), so
    ///   Var E[T | p] = 100 · 60² · 0.15² = 8100,   E[Var(T | p)] = 100 · 60 · 0.5 = 3000,
    /// and the parameters' share is 8100 / 11100. Tolerance: 4 jackknife standard errors.
    func testTheParametersShareMatchesItsClosedForm() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"], years: 3,
            programs:
                "  - {id: g, name: g, source: t, kind: award, claims: {count: {dist: poisson, mean: 20}, approval: {dist: beta, mean: 0.5, sd: 0.15}}, amount: 10, share: {city: 1}}"
        )
        let parts = try await VarianceSplit.run(SimulationPlan(s), options: SimulationOptions(paths: 4000, seed: 11, threads: 2))
        let city = try XCTUnwrap(parts.first { $0.scope == .funder && $0.id == "city" })
        let share = try XCTUnwrap(city.share), se = try XCTUnwrap(city.shareSE)
        XCTAssertEqual(share, 8100.0 / 11100.0, accuracy: 4 * se)
        XCTAssertLessThan(se, 0.1, "50 groups of 80 paths pin the share down")
        XCTAssertEqual(city.chance, 3000, accuracy: 0.15 * 3000)
    }

    /// With nothing uncertain, the parameters explain nothing: the estimate is zero within its error.
    func testWithoutUncertainParametersTheShareIsZeroWithinItsError() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"], years: 2,
            programs:
                "  - {id: g, name: g, source: t, kind: award, claims: {count: {dist: poisson, mean: 20}, approval: 0.5}, amount: 10, share: {city: 1}}"
        )
        let parts = try await VarianceSplit.run(SimulationPlan(s), options: SimulationOptions(paths: 2000, seed: 11, threads: 2))
        let city = try XCTUnwrap(parts.first { $0.id == "city" })
        XCTAssertEqual(try XCTUnwrap(city.share), 0, accuracy: 4 * (try XCTUnwrap(city.shareSE)))
    }

    /// Fewer than 20 paths make fewer than 10 groups: no split is reported rather than a figure with no error.
    func testTooFewPathsGiveNoSplit() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"], years: 1,
            programs:
                "  - {id: g, name: g, source: t, kind: award, claims: {count: {dist: poisson, mean: 20}, approval: {dist: beta, mean: 0.5, sd: 0.15}}, amount: 10, share: {city: 1}}"
        )
        let parts = try await VarianceSplit.run(SimulationPlan(s), options: SimulationOptions(paths: 19, seed: 11, threads: 2))
        XCTAssertTrue(parts.isEmpty)
        let twenty = try await VarianceSplit.run(SimulationPlan(s), options: SimulationOptions(paths: 20, seed: 11, threads: 2))
        XCTAssertFalse(twenty.isEmpty)
    }
}
