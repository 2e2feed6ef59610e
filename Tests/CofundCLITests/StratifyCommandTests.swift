import CoFundTestSupport
import Foundation
import XCTest

/// `cofund run --stratify`: the run says so on the terminal, in the report and in manifest.json, its
/// standard errors come from its batches, and what cannot be stratified is refused before anything
/// is written.
final class StratifyCommandTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    /// The government total's row of summary.csv: (mean, se).
    func governmentTotal(_ file: String) throws -> (mean: Double, se: Double) {
        let lines = try dir.text(file).dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
        let header = try XCTUnwrap(lines.first)
        let (program, funder, period, mean, se) = (
            header.firstIndex(of: "program")!, header.firstIndex(of: "funder")!, header.firstIndex(of: "period")!,
            header.firstIndex(of: "mean")!, header.firstIndex(of: "se")!
        )
        let row = try XCTUnwrap(lines.first { $0[program] == "all" && $0[funder] == "government" && $0[period] == "total" })
        return (Double(row[mean])!, Double(row[se])!)
    }

    func testAStratifiedRunSaysSoAndReportsItsBatchesStandardErrors() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let common = ["run", scenario, "--paths", "2000", "--quiet", "--no-history"]
        let plain = try CofundCLI.run(common + ["--out", dir.path("plain")], in: dir.url)
        XCTAssertEqual(plain.status, 0, plain.stdout + plain.stderr)
        let r = try CofundCLI.run(common + ["--out", dir.path("out"), "--stratify"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("2,000 paths · seed 42 · stratified"), r.stdout)
        XCTAssertTrue(r.stdout.contains("Stratified: each of the 20 batches of paths is a Latin hypercube"), r.stdout)
        XCTAssertFalse(plain.stdout.contains("stratified"), plain.stdout)
        let manifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try dir.text("out/manifest.json").utf8)) as? [String: Any])
        XCTAssertEqual(manifest["stratified"] as? Bool, true)
        let plainManifest = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(try dir.text("plain/manifest.json").utf8)) as? [String: Any])
        XCTAssertEqual(plainManifest["stratified"] as? Bool, false)
        XCTAssertTrue(try dir.text("out/report.html").contains("Stratified: each of the 20 batches"))
        // TestScenarios.tiny draws nothing once per path (Poisson uptake, fixed rates), so the
        // stratified run draws what the plain run draws: the same mean, its standard error from the
        // batches instead of sd/√N.
        let (a, b) = (try governmentTotal("plain/summary.csv"), try governmentTotal("out/summary.csv"))
        XCTAssertEqual(a.mean, b.mean)
        XCTAssertNotEqual(a.se, b.se)
    }

    /// The run history records the flag: `history show` and `compare --run A --run B` say which run
    /// was stratified.
    func testTheHistorySaysWhichRunWasStratified() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        for flags in [[], ["--stratify"]] {
            let r = try CofundCLI.run(["run", scenario, "--paths", "400", "--quiet", "--out", dir.path("out\(flags.count)")] + flags, in: dir.url)
            XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        }
        let show = try CofundCLI.run(["history", "show", "2"], in: dir.url)
        XCTAssertTrue(show.stdout.contains("400 paths (stratified)"), show.stdout + show.stderr)
        let plain = try CofundCLI.run(["history", "show", "1"], in: dir.url)
        XCTAssertFalse(plain.stdout.contains("stratified"), plain.stdout)
        let compared = try CofundCLI.run(["compare", "--run", "1", "--run", "2"], in: dir.url)
        XCTAssertTrue(compared.stdout.contains("stratified: no → yes"), compared.stdout + compared.stderr)
    }

    func testWhatCannotBeStratifiedIsRefused() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let few = try CofundCLI.run(["run", scenario, "--paths", "300", "--no-history", "--stratify"], in: dir.url)
        XCTAssertEqual(few.status, 1, few.stderr)
        XCTAssertTrue(few.stderr.contains("--stratify needs at least 400 paths (20 batches of 20); this run has 300"), few.stderr)
        let shard = try CofundCLI.run(["run", scenario, "--paths", "1000", "--shard", "1/2", "--stratify"], in: dir.url)
        XCTAssertNotEqual(shard.status, 0)
        XCTAssertTrue(shard.stderr.contains("--stratify cannot be used with --shard"), shard.stderr)
        let target = try CofundCLI.run(["run", scenario, "--target-se", "0.01", "--stratify"], in: dir.url)
        XCTAssertNotEqual(target.status, 0)
        XCTAssertTrue(target.stderr.contains("--stratify cannot be used with --target-se"), target.stderr)
        XCTAssertFalse(dir.exists("runs"), "a refused run wrote a directory")
    }
}
