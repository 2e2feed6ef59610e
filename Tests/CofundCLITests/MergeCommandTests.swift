import CoFundTestSupport
import Foundation
import XCTest

/// `cofund run --shard I/N` and `cofund merge`: shards of a run merged give the run's report.
final class MergeCommandTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    private func run(_ arguments: [String]) throws -> CLIResult {
        let r = try CofundCLI.run(arguments + ["--quiet"], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        return r
    }

    func testThreeShardsMergedGiveByteIdenticalCSVToOneRun() throws {
        let file = try dir.write("mixed.yaml", TestScenarios.mixed)
        XCTAssertEqual(try run(["run", file, "--paths", "700", "--seed", "3", "--out", dir.path("whole")]).status, 0)
        for i in 1...3 {
            let r = try run(["run", file, "--paths", "700", "--seed", "3", "--shard", "\(i)/3", "--out", dir.path("s\(i)")])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertTrue(dir.exists("s\(i)/partial.cofund"))
        }
        let m = try CofundCLI.run(["merge", dir.path("s2"), dir.path("s3"), dir.path("s1"), "--out", dir.path("merged")], in: dir.url)
        XCTAssertEqual(m.status, 0, m.stderr)
        for name in ["summary.csv", "totals.csv", "assumptions.csv"] {
            XCTAssertEqual(try dir.bytes("merged/\(name)"), try dir.bytes("whole/\(name)"), name)
        }
        XCTAssertEqual(try dir.json("merged/manifest.json")["paths"] as? Int, 700)
    }

    /// A run fingerprints the scenario file's bytes, a byte-order mark included, while a shard
    /// embeds the decoded text, without it: merge still recognises the text as the fingerprinted
    /// one. Shard 1/3 of 300 paths in blocks of 256 has no paths, and merges all the same.
    func testShardsOfAScenarioWithAByteOrderMarkAndAnEmptyShardMergeToOneRun() throws {
        let file = dir.path("bom.yaml")
        try Data([0xEF, 0xBB, 0xBF] + Array(TestScenarios.mixed.utf8)).write(to: URL(fileURLWithPath: file))
        XCTAssertEqual(try run(["run", file, "--paths", "300", "--seed", "4", "--out", dir.path("whole")]).status, 0)
        for i in 1...3 {
            let r = try run(["run", file, "--paths", "300", "--seed", "4", "--shard", "\(i)/3", "--out", dir.path("s\(i)")])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        XCTAssertEqual(try dir.json("s1/manifest.json")["paths"] as? Int, 0)
        let m = try CofundCLI.run(["merge", dir.path("s1"), dir.path("s2"), dir.path("s3"), "--out", dir.path("merged")], in: dir.url)
        XCTAssertEqual(m.status, 0, m.stderr)
        for name in ["summary.csv", "totals.csv", "assumptions.csv"] {
            XCTAssertEqual(try dir.bytes("merged/\(name)"), try dir.bytes("whole/\(name)"), name)
        }
        XCTAssertEqual(try dir.json("merged/manifest.json")["scenario_sha256"] as? String, try sha256sum(of: file))
    }

    func testAMissingShardIsNamedAndNothingIsWritten() throws {
        let file = try dir.write("mixed.yaml", TestScenarios.mixed)
        for i in [1, 3] { _ = try run(["run", file, "--paths", "300", "--shard", "\(i)/3", "--out", dir.path("s\(i)")]) }
        let m = try CofundCLI.run(["merge", dir.path("s1"), dir.path("s3"), "--out", dir.path("merged")], in: dir.url)
        XCTAssertEqual(m.status, 1)
        XCTAssertTrue(m.stderr.contains("missing 2/3"), m.stderr)
        XCTAssertFalse(dir.exists("merged"))
    }

    func testShardsOfDifferentRunsAreRefused() throws {
        let file = try dir.write("mixed.yaml", TestScenarios.mixed)
        _ = try run(["run", file, "--paths", "300", "--seed", "1", "--shard", "1/2", "--out", dir.path("a")])
        _ = try run(["run", file, "--paths", "300", "--seed", "2", "--shard", "2/2", "--out", dir.path("b")])
        let m = try CofundCLI.run(["merge", dir.path("a"), dir.path("b"), "--out", dir.path("merged")], in: dir.url)
        XCTAssertEqual(m.status, 1)
        XCTAssertTrue(m.stderr.contains("another run"), m.stderr)
    }

    func testABadShardSpecificationIsRefused() throws {
        let file = try dir.write("mixed.yaml", TestScenarios.mixed)
        for bad in ["0/3", "4/3", "x", "1/0"] {
            let r = try CofundCLI.run(["run", file, "--shard", bad, "--out", dir.path("o")], in: dir.url)
            XCTAssertNotEqual(r.status, 0, bad)
            XCTAssertTrue(r.stderr.contains("--shard"), r.stderr)
        }
    }
}
