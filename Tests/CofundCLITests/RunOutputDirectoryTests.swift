import CoFundTestSupport
import Foundation
import XCTest

/// What `cofund run --out DIR` may and may not do to the file system: nothing for an invalid
/// scenario, nothing to a folder that is not a run directory, a whole replacement of an earlier run,
/// and no temporary `.partial` or `.old` directories left behind.
final class RunOutputDirectoryTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    func run(_ scenario: String, out: String, _ extra: [String] = []) throws -> CLIResult {
        try CofundCLI.run(["run", scenario, "--out", dir.path(out), "--paths", "200", "--quiet"] + extra, in: dir.url)
    }

    func assertNoTemporaryDirectories(file: StaticString = #filePath, line: UInt = #line) throws {
        let leftovers = try dir.entries().filter { $0.contains(".partial") || $0.contains(".old-") }
        XCTAssertEqual(leftovers, [], "temporary directories left behind", file: file, line: line)
    }

    func testInvalidScenarioIsRefusedWithLocatedMessagesOnStderrAndNoOutputDirectory() throws {
        let scenario = try dir.write("bad.yaml", TestScenarios.threeMistakes)
        let r = try run(scenario, out: "out")
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("\(scenario): 3 problems"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(scenario):8:36: funders[1].level"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(scenario):17:12: programs[0].share"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(scenario):22:34: programs[1].claims.approval"), r.stderr)
        XCTAssertFalse(dir.exists("out"), "an output directory was created for an invalid scenario")
        XCTAssertEqual(try dir.entries(), ["bad.yaml"])
    }

    func testInvalidScenarioWithoutOutDoesNotCreateTheDefaultRunsDirectory() throws {
        let scenario = try dir.write("bad.yaml", TestScenarios.threeMistakes)
        let r = try CofundCLI.run(["run", scenario, "--paths", "200", "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertFalse(dir.exists("runs"))
    }

    func testMissingScenarioFileIsRefusedWithoutCrashingOrWriting() throws {
        let r = try run(dir.path("missing.yaml"), out: "out")
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("cannot read the file"), r.stderr)
        XCTAssertFalse(dir.exists("out"))
    }

    func testOutPointingAtAFolderThatIsNotARunDirectoryIsRefusedAndItsFileUntouched() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        try FileManager.default.createDirectory(atPath: dir.path("mine"), withIntermediateDirectories: false)
        try dir.write("mine/notes.txt", "my own notes, not a run\n")
        let r = try run(scenario, out: "mine")
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("not a cofund run directory"), r.stderr)
        XCTAssertEqual(try dir.text("mine/notes.txt"), "my own notes, not a run\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path("mine")), ["notes.txt"])
        try assertNoTemporaryDirectories()
    }

    func testOutPointingAtAnExistingFileIsRefusedAndTheFileUntouched() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        try dir.write("report.csv", "keep me\n")
        let r = try run(scenario, out: "report.csv")
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertEqual(try dir.text("report.csv"), "keep me\n")
        try assertNoTemporaryDirectories()
    }

    func testRerunningIntoAnExistingRunDirectoryReplacesItWhole() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        XCTAssertEqual(try run(scenario, out: "out", ["--seed", "1"]).status, 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path("out")).sorted()
        XCTAssertTrue(files.contains("manifest.json"), "\(files)")
        let first = try dir.bytes("out/summary.csv")

        let r = try run(scenario, out: "out", ["--seed", "2"])
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path("out")).sorted(), files)
        XCTAssertNotEqual(try dir.bytes("out/summary.csv"), first)
        XCTAssertTrue(try dir.text("out/manifest.json").contains("\"seed\" : 2"))
        try assertNoTemporaryDirectories()
    }

    func testSuccessfulRunsLeaveNoPartialDirectories() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        XCTAssertEqual(try run(scenario, out: "a").status, 0)
        XCTAssertEqual(try run(scenario, out: "a").status, 0)
        XCTAssertEqual(try run(scenario, out: "nested/deeper/b").status, 0)
        XCTAssertTrue(dir.exists("nested/deeper/b/manifest.json"))
        try assertNoTemporaryDirectories()
        let nested = try FileManager.default.contentsOfDirectory(atPath: dir.path("nested/deeper"))
        XCTAssertEqual(nested, ["b"])
    }

    func testOutWithATrailingSlashWritesTheSameDirectory() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let r = try CofundCLI.run(["run", scenario, "--out", dir.path("out") + "/", "--paths", "200", "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(dir.exists("out/summary.csv"))
        try assertNoTemporaryDirectories()
    }

    func testWithoutOutTheRunGoesToRunsSlashScenarioIDInTheWorkingDirectory() throws {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        let r = try CofundCLI.run(["run", scenario, "--paths", "200", "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(dir.exists("runs/tiny-test/summary.csv"))
        XCTAssertTrue(dir.exists("runs/tiny-test/manifest.json"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path("runs")), ["tiny-test"])
    }
}
