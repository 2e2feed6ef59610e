import CoFundEngine
import CoFundModel
import Foundation
import XCTest

@testable import CoFundReport

/// Shards written as `cofund run --shard` writes them and merged in process: the merge rebuilds the
/// reformed scenario from the first shard and gives the run, and shards that do not make one whole
/// run are refused with the reason.
final class ShardMergeTests: XCTestCase {
    private static let cap = "programs.rd.cap_per_claim"

    private func source() throws -> ScenarioSource {
        let text = ReportTest.yaml()
        let base = ScenarioSource(
            scenario: try ScenarioDecoder.decode(text, file: "report-test.yaml"), file: "report-test.yaml",
            text: text, sha256: SHA256.hex(Array(text.utf8)))
        return try base.reformed(files: [], assignments: ["\(Self.cap)=400"])
    }

    /// Shard `index` of `count`, written to bytes and read back as the merge reads it.
    private func shard(_ index: Int, of count: Int, seed: UInt64 = 7, source: ScenarioSource) async throws -> PartialFile {
        let plan = SimulationPlan(source.scenario)
        let options = SimulationOptions(paths: 600, seed: seed, threads: 1, blockSize: 64)
        let shard = Shard(index: index, count: count)
        let values = try await Simulation.runShard(plan, options: options, shard: shard)
        let file = PartialFile(shard: shard, of: source, plan: plan, options: options, values: values)
        return try PartialFile.read(Data(file.bytes), file: "s\(index)")
    }

    func testAShardsHeaderCarriesTheTextTheOverridesAndItsPaths() async throws {
        let source = try source()
        let file = try await shard(1, of: 3, source: source)
        let h = file.header
        XCTAssertEqual(h.scenarioText, source.text)
        XCTAssertEqual(h.scenarioSHA256, source.sha256)
        XCTAssertEqual(h.reforms, ["\(Self.cap)=400"])
        XCTAssertEqual(h.firstPath..<h.endPath, Shard(index: 1, count: 3).paths(of: 600, blockSize: 64))
        XCTAssertEqual(h.shardIndex, 1)
        XCTAssertEqual(h.shardCount, 3)
        XCTAssertEqual(h.mode, "paths")
        XCTAssertEqual(h.blocks, 0)
        let manifest = Manifest(shard: Shard(index: 1, count: 3), of: source, options: SimulationOptions(paths: 600, seed: 7, blockSize: 64))
        XCTAssertEqual(manifest.paths, h.endPath - h.firstPath)
        XCTAssertEqual(manifest.shard, "2/3")
        XCTAssertEqual(manifest.reforms, source.changes.map(\.description))
    }

    /// In any order, the shards merge to the run of the reformed scenario.
    func testShardsInAnyOrderMergeToOneRunOfTheReformedScenario() async throws {
        let source = try source()
        var parts: [PartialFile] = []
        for i in [2, 0, 1] { parts.append(try await shard(i, of: 3, source: source)) }
        let merged = try ShardMerge.merge(parts, directories: ["c", "a", "b"])
        let whole = try await Simulation.run(
            SimulationPlan(source.scenario), options: SimulationOptions(paths: 600, seed: 7, threads: 2, blockSize: 64))
        XCTAssertEqual(merged.result.statistics, whole.statistics)
        XCTAssertEqual(merged.result.budgets, whole.budgets)
        XCTAssertEqual(merged.source.changes, source.changes)
        XCTAssertEqual(merged.source.sha256, source.sha256)
        XCTAssertEqual(merged.source.file, "report-test.yaml")
    }

    func testAMissingShardAndOneGivenTwiceAreNamed() async throws {
        let source = try source()
        let first = try await shard(0, of: 3, source: source)
        XCTAssertThrowsError(try ShardMerge.merge([first, first], directories: ["a", "b"])) { error in
            XCTAssertEqual("\(error)", "the shards do not make a whole run; missing 2/3, 3/3; given twice 1/3")
        }
        XCTAssertNil(ShardMerge.incompleteness([2, 0, 1], count: 3))
        XCTAssertEqual(ShardMerge.incompleteness([0, 2], count: 3), "the shards do not make a whole run; missing 2/3")
    }

    func testAShardOfAnotherRunIsRefusedByItsDirectory() async throws {
        let source = try source()
        let a = try await shard(0, of: 2, source: source)
        let b = try await shard(1, of: 2, seed: 8, source: source)
        XCTAssertThrowsError(try ShardMerge.merge([a, b], directories: ["one", "two"])) { error in
            XCTAssertEqual("\(error)", "two is a shard of another run (scenario, reforms, seed, paths or shard count differ from one)")
        }
    }

    func testADirectoryWithoutAShardFileIsRefusedWithTheWayToWriteOne() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("shard-merge-\(UUID().uuidString)").path
        XCTAssertThrowsError(try ShardMerge.read([dir])) { error in
            XCTAssertEqual("\(error)", "\(dir) holds no partial.cofund: write shards with `cofund run --shard i/n --out \(dir)`")
        }
        XCTAssertEqual(ShardMerge.file(in: "/runs/s1"), "/runs/s1/partial.cofund")
    }
}
