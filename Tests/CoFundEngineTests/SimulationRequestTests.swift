import CoFundEngine
import CoFundModel
import XCTest

/// A request's gaps filled from the scenario, and runs too large refused before they start; a
/// paired run's path limit and its pairing.
final class SimulationRequestTests: XCTestCase {
    private func scenario() throws -> Scenario {
        try EngineTest.scenario(years: 2, programs: InvariantTests.mixed)
    }

    func testTheScenarioSuppliesThePathsAndTheSeedNotGiven() throws {
        let s = try scenario()
        let (plan, options) = try SimulationRequest(threads: 2).plan(s)
        XCTAssertEqual(options.paths, s.paths)
        XCTAssertEqual(options.seed, s.seed)
        XCTAssertEqual(options.threads, 2)
        XCTAssertEqual(options.maxPaths, s.paths)
        XCTAssertNil(options.progress)
        XCTAssertEqual(plan.layout.series.count, SimulationPlan(s).layout.series.count)
        let (_, given) = try SimulationRequest(paths: 70, seed: 9, maxPaths: 500, targetRelativeSE: 0.01).plan(s)
        XCTAssertEqual(given.paths, 70)
        XCTAssertEqual(given.seed, 9)
        XCTAssertEqual(given.maxPaths, 500)
        XCTAssertEqual(given.targetRelativeSE, 0.01)
    }

    func testARunOverTheMemoryBoundIsRefusedWithTheReason() throws {
        let s = try scenario()
        XCTAssertThrowsError(try SimulationRequest(paths: 10, maxMemory: 1).plan(s)) { error in
            XCTAssertTrue("\(error)".contains("--max-memory"), "\(error)")
        }
        let small = try SimulationRequest(paths: 10).plan(s)
        XCTAssertEqual(small.1.paths, 10)
        let bound = MemoryEstimate(plan: SimulationPlan(s), paths: 1000, threads: 1).bytes
        XCTAssertNoThrow(try SimulationRequest(paths: 10, maxMemory: bound).plan(s))
    }

    func testAPairedComparisonsPathLimitAndItsRunOnCommonRandomNumbers() async throws {
        let plan = SimulationPlan(try scenario())
        XCTAssertNil(PairedComparison.pathLimit([plan, plan], paths: 500))
        let fit = try XCTUnwrap(PairedComparison.pathLimit([plan, plan], paths: SimulationLimits.maxPaths))
        XCTAssertEqual(fit, SimulationLimits.exactValueLimit / plan.valueCount)
        let options = SimulationOptions(paths: 400, seed: 3, threads: 2)
        let paired = try await PairedComparison.run(base: plan, reform: plan, options: options)
        let alone = try await Simulation.run(plan, options: options)
        XCTAssertEqual(paired.base.statistics, alone.statistics)
        for row in paired.rows { XCTAssertEqual(row.delta.mean, 0, "\(row.key)") }
    }
}
