import CoFundTestSupport
import Foundation
import XCTest

/// Nothing cofund did not write is ever deleted or replaced: a folder with foreign files beside a
/// `manifest.json`, the working directory, its ancestors and the home directory are refused as
/// `--out`; only cofund's notebooks are replaced by `export-notebook -o`; leftovers of killed runs
/// are cleaned on the next write, and only when cofund wrote them.
final class OutputSafetyTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    private func run(out: String, in folder: URL? = nil, environment: [String: String] = [:]) throws -> CLIResult {
        let scenario = try dir.write("tiny.yaml", TestScenarios.tiny)
        return try CofundCLI.run(["run", scenario, "--out", out, "--paths", "200", "--quiet"], in: folder ?? dir.url, environment: environment)
    }

    private func mkdir(_ name: String) throws {
        try FileManager.default.createDirectory(atPath: dir.path(name), withIntermediateDirectories: true)
    }

    func testAForeignFileBesideAManifestIsNeverDeleted() throws {
        try mkdir("w")
        try dir.write("w/thesis.docx", "x\n")
        try dir.write("w/manifest.json", "{}\n")
        let r = try run(out: ".", in: dir.url.appendingPathComponent("w"))
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertEqual(try dir.text("w/thesis.docx"), "x\n")
        let r2 = try run(out: dir.path("w"))
        XCTAssertEqual(r2.status, 1, r2.stdout + r2.stderr)
        XCTAssertTrue(r2.stderr.contains("not a cofund run directory"), r2.stderr)
        XCTAssertTrue(r2.stderr.contains("`thesis.docx`"), r2.stderr)
        XCTAssertEqual(try dir.text("w/thesis.docx"), "x\n")
        XCTAssertEqual(try dir.text("w/manifest.json"), "{}\n")
    }

    func testARunDirectoryHoldingAFileCofundDidNotWriteIsRefusedAndKeptWhole() throws {
        XCTAssertEqual(try run(out: dir.path("out")).status, 0)
        try dir.write("out/notes.txt", "mine\n")
        let before = try dir.bytes("out/summary.csv")
        let r = try run(out: dir.path("out"))
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("also holds `notes.txt`, which cofund did not write"), r.stderr)
        XCTAssertEqual(try dir.text("out/notes.txt"), "mine\n")
        XCTAssertEqual(try dir.bytes("out/summary.csv"), before)
    }

    func testTheWorkingDirectoryAndItsAncestorsAreRefusedEvenWhenTheyAreRuns() throws {
        XCTAssertEqual(try run(out: dir.path("out")).status, 0)
        try mkdir("out/inner")
        let inside = dir.url.appendingPathComponent("out")
        let here = try run(out: ".", in: inside)
        XCTAssertEqual(here.status, 1, here.stdout + here.stderr)
        XCTAssertTrue(here.stderr.contains("is the current directory"), here.stderr)
        let parent = try run(out: "..", in: inside.appendingPathComponent("inner"))
        XCTAssertEqual(parent.status, 1, parent.stdout + parent.stderr)
        XCTAssertTrue(parent.stderr.contains("contains the current directory"), parent.stderr)
        XCTAssertTrue(dir.exists("out/summary.csv"))
    }

    func testTheHomeDirectoryIsRefused() throws {
        XCTAssertEqual(try run(out: dir.path("home")).status, 0)
        let r = try run(out: dir.path("home"), environment: ["HOME": dir.path("home")])
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("is your home directory"), r.stderr)
    }

    func testASymbolicLinkOrAFileIsNeverReplaced() throws {
        XCTAssertEqual(try run(out: dir.path("real")).status, 0)
        try FileManager.default.createSymbolicLink(atPath: dir.path("link"), withDestinationPath: dir.path("real"))
        let link = try run(out: dir.path("link"))
        XCTAssertEqual(link.status, 1, link.stdout + link.stderr)
        XCTAssertTrue(link.stderr.contains("symbolic link"), link.stderr)
        try dir.write("plain", "data\n")
        let file = try run(out: dir.path("plain"))
        XCTAssertEqual(file.status, 1)
        XCTAssertEqual(try dir.text("plain"), "data\n")
    }

    func testARunIsReplacedWholeAndMarkedAsCofunds() throws {
        XCTAssertEqual(try run(out: dir.path("out")).status, 0)
        let marker = try dir.text("out/.cofund-run")
        XCTAssertTrue(marker.hasPrefix("cofund run directory, version 1\n"), marker)
        for name in ["summary.csv", "totals.csv", "assumptions.csv", "manifest.json", "report.html", "report.xlsx"] {
            XCTAssertTrue(marker.contains("\n\(name)\n"), "\(name) not listed in the marker:\n\(marker)")
        }
        let r = try run(out: dir.path("out"))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "")
        XCTAssertEqual(try dir.entries().filter { $0.hasPrefix(".out.") }, [])
    }

    func testLeftoversOfKilledRunsAreCleanedAndForeignOnesKept() throws {
        // A pid far above any the system hands out: that process is gone.
        let dead = "2147483000"
        try mkdir(".out.partial-\(dead)")
        try dir.write(".out.partial-\(dead)/.cofund-run", "cofund run directory, version 1\nsummary.csv\n")
        try dir.write(".out.partial-\(dead)/summary.csv", "half\n")
        try mkdir(".out.old-\(dead)")
        try dir.write(".out.old-\(dead)/mine.txt", "not cofund's\n")
        XCTAssertEqual(try run(out: dir.path("out")).status, 0)
        XCTAssertFalse(dir.exists(".out.partial-\(dead)"), "a killed run's partial directory was left")
        XCTAssertEqual(try dir.text(".out.old-\(dead)/mine.txt"), "not cofund's\n")
    }

    func testARunWrittenBeforeTheMarkerIsStillReplaced() throws {
        XCTAssertEqual(try run(out: dir.path("old")).status, 0)
        try FileManager.default.removeItem(atPath: dir.path("old/.cofund-run"))
        // Runs from before the marker had no parameters.csv, contributions.csv, checks.csv or report.xlsx either.
        for name in ["parameters.csv", "contributions.csv", "checks.csv", "report.xlsx"] {
            try FileManager.default.removeItem(atPath: dir.path("old/\(name)"))
        }
        XCTAssertEqual(try run(out: dir.path("old")).status, 0)
        XCTAssertTrue(dir.exists("old/.cofund-run"))
    }

    // MARK: - export-notebook -o

    func testExportNotebookReplacesOnlyItsOwnNotebooksUnlessForced() throws {
        XCTAssertEqual(try run(out: dir.path("out")).status, 0)
        try dir.write("essay.ipynb", "{\"my\": \"own\"}\n")
        let refused = try CofundCLI.run(["export-notebook", "out", "-o", "essay.ipynb"], in: dir.url)
        XCTAssertEqual(refused.status, 1, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stderr.contains("not a notebook cofund wrote"), refused.stderr)
        XCTAssertEqual(try dir.text("essay.ipynb"), "{\"my\": \"own\"}\n")

        XCTAssertEqual(try CofundCLI.run(["export-notebook", "out", "-o", "mine.ipynb"], in: dir.url).status, 0)
        XCTAssertEqual(try CofundCLI.run(["export-notebook", "out", "-o", "mine.ipynb"], in: dir.url).status, 0, "its own notebook is replaced")

        let forced = try CofundCLI.run(["export-notebook", "out", "-o", "essay.ipynb", "--force"], in: dir.url)
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(try dir.text("essay.ipynb").contains("\"nbformat\""))
    }

    func testExportNotebookNeverWritesOverADeviceOrALink() throws {
        XCTAssertEqual(try run(out: dir.path("out")).status, 0)
        let device = try CofundCLI.run(["export-notebook", "out", "-o", "/dev/null", "--force"], in: dir.url)
        XCTAssertEqual(device.status, 1, device.stdout + device.stderr)
        XCTAssertTrue(device.stderr.contains("not a regular file"), device.stderr)
        try dir.write("target.txt", "keep\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path("nb.ipynb"), withDestinationPath: dir.path("target.txt"))
        let link = try CofundCLI.run(["export-notebook", "out", "-o", "nb.ipynb", "--force"], in: dir.url)
        XCTAssertEqual(link.status, 1)
        XCTAssertEqual(try dir.text("target.txt"), "keep\n")
    }

    func testANotebookExportedIntoARunDoesNotStopTheNextRun() throws {
        XCTAssertEqual(try run(out: dir.path("out")).status, 0)
        XCTAssertEqual(try CofundCLI.run(["export-notebook", "out"], in: dir.url).status, 0)
        let r = try run(out: dir.path("out"))
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(dir.exists("out/cofund.ipynb"), "the notebook of the replaced run went with it")
    }
}
