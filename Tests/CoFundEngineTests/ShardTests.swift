import CoFundEngine
import CoFundModel
import XCTest

/// Shards of a run merged give the run: the same blocks merged in the same order.
final class ShardTests: XCTestCase {
    private func scenario() throws -> Scenario {
        try EngineTest.scenario(years: 2, programs: InvariantTests.mixed)
    }

    private func shardsMerged(_ plan: SimulationPlan, _ options: SimulationOptions, count: Int) async throws -> SimulationResult {
        var parts: [KeptValues] = []
        for i in 0..<count { parts.append(try await Simulation.runShard(plan, options: options, shard: Shard(index: i, count: count))) }
        return try XCTUnwrap(Simulation.merge(plan, options: options, shards: parts, wallSeconds: 0))
    }

    func testShardsCoverEveryPathOnceInWholeBlocks() {
        for (total, block, n) in [(1000, 256, 3), (10, 256, 4), (5000, 100, 7)] {
            let ranges = (0..<n).map { Shard(index: $0, count: n).paths(of: total, blockSize: block) }
            XCTAssertEqual(ranges.first?.lowerBound, 0)
            XCTAssertEqual(ranges.last?.upperBound, total)
            for (a, b) in zip(ranges, ranges.dropFirst()) { XCTAssertEqual(a.upperBound, b.lowerBound) }
            for r in ranges.dropLast() where !r.isEmpty { XCTAssertEqual(r.count % block, 0) }
        }
    }

    /// A run that keeps every path: three shards merged are bit-identical to one run.
    func testMergedShardsOfAnExactRunEqualOneRun() async throws {
        let plan = SimulationPlan(try scenario())
        let options = SimulationOptions(paths: 900, seed: 5, threads: 2, blockSize: 128)
        XCTAssertTrue(SimulationLimits.keepsPathValues(plan, paths: 900))
        let whole = try await Simulation.run(plan, options: options)
        let merged = try await shardsMerged(plan, options, count: 3)
        XCTAssertEqual(merged.statistics, whole.statistics)
        XCTAssertEqual(merged.budgets, whole.budgets)
    }

    /// A run past the exact bound keeps sketches: merged shards equal one run exactly (means, sds
    /// and the sketches' percentiles), and the percentiles are within the sketch's accuracy of the
    /// exact ones.
    func testMergedShardsOfASketchedRunEqualOneRunAndApproximateTheExactPercentiles() async throws {
        let plan = SimulationPlan(try scenario())
        let paths = 4000
        let options = SimulationOptions(paths: paths, seed: 5, threads: 2, blockSize: 128)
        let exact = try await Simulation.run(plan, options: options)
        XCTAssertTrue(exact.keepsPathValues)
        let whole = try await Simulation.aggregate(plan, paths: 0..<paths, options: options)
        var parts: [KeptValues] = []
        for i in 0..<3 {
            let range = Shard(index: i, count: 3).paths(of: paths, blockSize: 128)
            parts.append(.sketches(try await Simulation.aggregate(plan, paths: range, options: options)))
        }
        let merged = try XCTUnwrap(Simulation.merge(plan, options: options, shards: parts, wallSeconds: 0))
        let single = SimulationResult(plan: plan, options: options, aggregate: whole, converged: nil, wallSeconds: 0)
        XCTAssertFalse(merged.keepsPathValues)
        XCTAssertEqual(merged.statistics, single.statistics)
        XCTAssertEqual(merged.budgets, single.budgets)
        for (i, (a, e)) in zip(merged.statistics, exact.statistics).enumerated() {
            XCTAssertEqual(a.mean, e.mean, accuracy: 1e-9 * max(1, abs(e.mean)))
            XCTAssertEqual(a.sd, e.sd, accuracy: 1e-8 * max(1, e.sd))
            XCTAssertEqual(a.max, e.max)
            // Sketch percentiles are order statistics (rank ⌈qN⌉) within α; the exact ones interpolate.
            let x = exact.keptValues.series[i].sorted()
            let p95 = x[Int((0.95 * Double(paths)).rounded(.up)) - 1]
            XCTAssertEqual(a.p95, p95, accuracy: QuantileSketch.alpha * abs(p95) + 1e-9)
        }
        for (a, e) in zip(merged.budgets, exact.budgets) {
            XCTAssertEqual(a.probabilityOver, e.probabilityOver)
            XCTAssertEqual(a.expectedExcess, e.expectedExcess, accuracy: 1e-9 * max(1, e.expectedExcess))
        }
    }
}
