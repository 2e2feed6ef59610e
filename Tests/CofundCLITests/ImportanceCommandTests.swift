import CoFundTestSupport
import Foundation
import XCTest

/// `cofund run --importance ID`: importance.csv beside the run's files, the terminal's lines, and
/// refusals of what cannot be sampled.
final class ImportanceCommandTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let columns = [
        "scenario", "target", "statistic", "estimate", "ci95_low", "ci95_high", "plain_estimate", "plain_ci95_low", "plain_ci95_high",
        "paths_ratio", "paths", "effective_sample_size", "pilot_paths", "r_squared", "shift", "unit",
    ]

    func testImportanceWritesItsTableAndSaysWhatItShifted() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let r = try CofundCLI.run(
            ["run", scenario, "--paths", "2000", "--quiet", "--no-history", "--out", dir.path("out"), "--importance", "government"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let text = try dir.text("out/importance.csv")
        let rows = text.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
        XCTAssertEqual(rows.first, Self.columns)
        XCTAssertEqual(rows.dropFirst().map { $0[2] }, ["p95", "cvar95"])
        for row in rows.dropFirst() {
            XCTAssertEqual(row[1], "government")
            // Each estimate lies in the other's neighbourhood: both intervals are around one percentile.
            let (low, high, plainLow, plainHigh) = (Double(row[4])!, Double(row[5])!, Double(row[7])!, Double(row[8])!)
            XCTAssertTrue(low <= plainHigh && plainLow <= high, row.joined(separator: ","))
            XCTAssertEqual(row[10], "2000")
        }
        XCTAssertTrue(r.stdout.contains("Importance sampling of "), r.stdout)
        XCTAssertTrue(r.stdout.contains("importance.csv"), r.stdout)
    }

    func testAnUnknownTargetAndAShardAreRefused() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let unknown = try CofundCLI.run(["run", scenario, "--paths", "100", "--no-history", "--importance", "goverment"], in: dir.url)
        XCTAssertEqual(unknown.status, 1, unknown.stderr)
        XCTAssertTrue(unknown.stderr.contains("tiny.yaml has no paying funder or total `goverment`; did you mean `government`?"), unknown.stderr)
        XCTAssertFalse(dir.exists("runs"), "a refused run wrote a directory")
        // With --target-se the run may reach --max-paths (10⁶), past the paths whose values are kept.
        let large = try CofundCLI.run(["run", scenario, "--no-history", "--target-se", "0.01", "--importance", "government"], in: dir.url)
        XCTAssertEqual(large.status, 1, large.stderr)
        XCTAssertTrue(large.stderr.contains("--importance needs every path's values, and a run of 1000000 paths"), large.stderr)
        XCTAssertFalse(dir.exists("runs"), "a refused run wrote a directory")
        let shard = try CofundCLI.run(["run", scenario, "--shard", "1/2", "--importance", "government"], in: dir.url)
        XCTAssertNotEqual(shard.status, 0)
        XCTAssertTrue(shard.stderr.contains("--importance cannot be used with --shard"), shard.stderr)
    }
}
