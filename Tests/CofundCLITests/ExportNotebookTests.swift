import CoFundTestSupport
import Foundation
import XCTest

/// `cofund export-notebook`: the notebook is nbformat 4, validates, runs headless with nbclient,
/// names its run directory, is refused for a folder that is not a run, and is byte-deterministic.
final class ExportNotebookTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    /// A run of the tiny scenario (its title holds double quotes and a comma) written to `out`.
    @discardableResult
    private func makeRun(_ out: String, _ extra: [String] = []) throws -> String {
        let file = try dir.write("tiny.yaml", TestScenarios.tiny)
        let r = try CofundCLI.run(["run", file, "--paths", "300", "--seed", "5", "--quiet", "--out", dir.path(out)] + extra, in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        return dir.path(out)
    }

    private func export(_ arguments: [String]) throws -> CLIResult {
        let r = try CofundCLI.run(["export-notebook"] + arguments, in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        return r
    }

    private func notebook(_ name: String) throws -> (json: [String: Any], cells: [[String: Any]]) {
        let json = try dir.json(name)
        return (json, try XCTUnwrap(json["cells"] as? [[String: Any]], "no cells in \(name)"))
    }

    private func source(_ cell: [String: Any]) -> String {
        (cell["source"] as? [String])?.joined() ?? (cell["source"] as? String) ?? ""
    }

    private func firstCodeCell(_ name: String) throws -> String {
        let cells = try notebook(name).cells
        return source(try XCTUnwrap(cells.first { $0["cell_type"] as? String == "code" }, "no code cell in \(name)"))
    }

    // MARK: - The notebook's structure

    func testTheNotebookIsNbformat4WithCellsAndItsFirstCodeCellSetsTheRunDirectory() throws {
        try makeRun("run")
        let r = try export(["run"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("cofund.ipynb"), r.stdout)

        let (json, cells) = try notebook("run/cofund.ipynb")
        XCTAssertEqual(json["nbformat"] as? Int, 4)
        XCTAssertGreaterThanOrEqual(json["nbformat_minor"] as? Int ?? 0, 4)
        let metadata = try XCTUnwrap(json["metadata"] as? [String: Any])
        XCTAssertEqual((metadata["kernelspec"] as? [String: Any])?["name"] as? String, "python3")
        XCTAssertEqual((metadata["language_info"] as? [String: Any])?["name"] as? String, "python")

        XCTAssertGreaterThanOrEqual(cells.count, 10)
        let ids = cells.compactMap { $0["id"] as? String }
        XCTAssertEqual(ids.count, cells.count, "every cell has an id (nbformat 4.5)")
        XCTAssertEqual(Set(ids).count, ids.count, "cell ids are unique")
        for c in cells where c["cell_type"] as? String == "code" {
            XCTAssertEqual((c["outputs"] as? [Any])?.count, 0, "exported without outputs")
            XCTAssertTrue(c["execution_count"] is NSNull)
        }
        let kinds = Set(cells.compactMap { $0["cell_type"] as? String })
        XCTAssertEqual(kinds, ["markdown", "code"])

        // The title cell: the scenario's title and id, seed, paths and unit from the manifest.
        XCTAssertEqual(cells[0]["cell_type"] as? String, "markdown")
        let title = source(cells[0])
        for expected in ["测试场景 \"quoted\", with comma", "tiny-test", "| Seed | 5 |", "| Monte Carlo paths | 300 |", "万元"] {
            XCTAssertTrue(title.contains(expected), "title cell lacks \(expected):\n\(title)")
        }

        // Inside the run directory, RUN_DIR is the notebook's own folder.
        XCTAssertEqual(try firstCodeCell("run/cofund.ipynb"), "RUN_DIR = \".\"")

        // What the notebook does: pandas with the BOM-tolerant encoding, the funder totals, the charts.
        let code = cells.filter { $0["cell_type"] as? String == "code" }.map(source).joined(separator: "\n")
        for expected in [
            "encoding=\"utf-8-sig\"", "summary.csv", "totals.csv", "assumptions.csv", "(summary.program == \"all\") & (summary.period == \"total\")",
            "fill_between", "Noto Sans CJK SC", "cvar99",
        ] {
            XCTAssertTrue(code.contains(expected), "the code cells lack \(expected)")
        }
    }

    func testTheRunDirectoryIsRelativeWhenTheNotebookIsBesideItAndAbsoluteOtherwise() throws {
        try makeRun("run")
        XCTAssertEqual(try export(["run", "-o", "analysis.ipynb"]).status, 0)
        XCTAssertEqual(try firstCodeCell("analysis.ipynb"), "RUN_DIR = \"run\"")

        XCTAssertEqual(try export(["run", "--out", "run/notes/deep.ipynb"]).status, 0)
        XCTAssertEqual(try firstCodeCell("run/notes/deep.ipynb"), "RUN_DIR = \"..\"")

        XCTAssertEqual(try export(["run", "-o", "elsewhere/x.ipynb"]).status, 0)
        let absolute = try firstCodeCell("elsewhere/x.ipynb")
        XCTAssertTrue(absolute.hasPrefix("RUN_DIR = \"/") && absolute.hasSuffix("/run\""), absolute)
    }

    // MARK: - Validated with nbformat and executed with nbclient

    /// Validates each notebook with nbformat, executes it in a python3 kernel started in the
    /// notebook's folder with a last cell of checks appended, and checks that every cell ran and both
    /// charts were drawn. The appended cell asserts that the kernel runs the project venv's Python and
    /// pandas (the system python3 need not have pandas) and that the funder names the notebook read
    /// are the scenario's. argv[1] is JSON: `{"venv": DIR, "notebooks": [{"path": P, "funders": [NAME…]}]}`.
    static let executeScript = """
        import json, os, sys, time
        import nbformat, nbclient
        job = json.loads(sys.argv[1])
        venv = os.path.realpath(job["venv"])
        for notebook in job["notebooks"]:
            p = notebook["path"]
            start = time.time()
            nb = nbformat.read(p, 4)
            nbformat.validate(nb)
            check = (
                "import os, sys, pandas\\n"
                f"assert os.path.realpath(sys.prefix) == {venv!r}, ('the kernel is not the venv', sys.prefix)\\n"
                f"assert os.path.realpath(pandas.__file__).startswith({venv!r}), pandas.__file__\\n"
                f"assert sorted(set(names.values())) == sorted({notebook['funders']!r} + ['all funders', 'government (fiscal funders)']), names\\n")
            nb.cells.append(nbformat.v4.new_code_cell(check))
            folder = os.path.dirname(os.path.abspath(p))
            nbclient.NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": folder}}).execute()
            outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
            errors = [o for o in outputs if o.output_type == "error"]
            images = sum("image/png" in o.get("data", {}) for o in outputs)
            for o in outputs:
                if o.output_type == "stream" and o.name == "stderr":
                    print("stderr of the notebook:", o.text, file=sys.stderr)
            unrun = [c.id for c in nb.cells if c.cell_type == "code" and c.execution_count is None]
            print(f"{os.path.basename(p)}: {len(nb.cells)} cells, {images} images, {len(errors)} errors, {time.time() - start:.1f} s")
            assert not errors, [(e.ename, e.evalue) for e in errors]
            assert not unrun, f"cells not executed: {unrun}"
            assert images == 2, f"expected the fan charts and the distribution chart, got {images} images"
        """

    /// Runs the notebooks with the venv's Python; prints how long they took (never compared).
    private func execute(_ notebooks: [(path: String, funderNames: [String])]) throws -> CLIResult {
        let job: [String: Any] = ["venv": ProjectPython.venv.path, "notebooks": notebooks.map { ["path": $0.path, "funders": $0.funderNames] }]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: job), as: UTF8.self)
        let r = try ProjectPython.run(["-c", Self.executeScript, json], in: dir.url)
        print("ExportNotebookTests: validated and executed \(notebooks.count) notebooks\n\(r.stdout)")
        return r
    }

    func testTheNotebookValidatesWithNbformatAndExecutesHeadlessWithNbclient() throws {
        // A run written with --no-bom (no byte-order marks) and the notebook inside it; another run
        // (with the marks) under a name with a double quote, a backslash and Chinese, with the notebook
        // in a folder above it.
        try makeRun("plain-run", ["--no-bom"])
        XCTAssertEqual(try export(["plain-run"]).status, 0)
        let odd = "runs/运行 \"q\" \\ x"
        try FileManager.default.createDirectory(atPath: dir.path("runs"), withIntermediateDirectories: true)
        try makeRun(odd)
        XCTAssertEqual(try export([odd, "-o", "odd.ipynb"]).status, 0)
        XCTAssertEqual(try firstCodeCell("odd.ipynb"), #"RUN_DIR = "runs/运行 \"q\" \\ x""#)

        let r = try execute([(dir.path("plain-run/cofund.ipynb"), Self.tinyFunderNames), (dir.path("odd.ipynb"), Self.tinyFunderNames)])
        XCTAssertEqual(r.status, 0, "nbformat/nbclient failed:\n\(r.stdout)\n\(r.stderr)")
        XCTAssertTrue(r.stdout.contains("2 images"), r.stdout)
    }

    static let tinyFunderNames = ["山东省财政", "济南市财政", "区县财政"]

    /// Funder names that matplotlib would read as mathtext (`$x^2$`; `$a^b^c$` is a mathtext error,
    /// so an unescaped title fails to draw) and that a spreadsheet would read as a formula (`=…`,
    /// written to the CSV with a leading `'`): the notebook still draws both charts, and its tables
    /// hold the names as written in the scenario.
    func testFunderNamesWithDollarsAndFormulaStartsAreDrawnAsWritten() throws {
        let names = ["山东 $x^2$ 与 $a^b^c$", "=济南+1", "'-区县"]
        var yaml = TestScenarios.tiny
        for (old, new) in zip(Self.tinyFunderNames, names) {
            yaml = yaml.replacingOccurrences(of: "name: \(old)", with: "name: \"\(new)\"")
        }
        let file = try dir.write("dollars.yaml", yaml)
        let run = try CofundCLI.run(["run", file, "--paths", "300", "--seed", "5", "--quiet", "--out", dir.path("dollars")], in: dir.url)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(try dir.text("dollars/totals.csv").contains(",'=济南+1,"), "the CSV guards the formula start")
        XCTAssertEqual(try export(["dollars"]).status, 0)

        let r = try execute([(dir.path("dollars/cofund.ipynb"), names)])
        XCTAssertEqual(r.status, 0, "nbformat/nbclient failed:\n\(r.stdout)\n\(r.stderr)")
        XCTAssertTrue(r.stdout.contains("2 images"), r.stdout)
    }

    // MARK: - Refusals

    func testADirectoryWithoutManifestIsRefusedAndNoNotebookIsWritten() throws {
        try FileManager.default.createDirectory(atPath: dir.path("notarun"), withIntermediateDirectories: true)
        try dir.write("notarun/summary.csv", "scenario\r\n")
        let r = try export(["notarun"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("notarun is not a cofund run directory"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path("notarun")), ["summary.csv"])

        let o = try export(["notarun", "-o", "out.ipynb"])
        XCTAssertEqual(o.status, 1)
        XCTAssertFalse(dir.exists("out.ipynb"))

        let missing = try export(["no-such-dir", "-o", "out.ipynb"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderr.contains("no-such-dir is not a cofund run directory"), missing.stderr)
        XCTAssertFalse(dir.exists("out.ipynb"))
        XCTAssertEqual(try dir.entries(), ["notarun"])
    }

    func testAShardIsRefusedWithTheWayToMergeIt() throws {
        try makeRun("shard", ["--shard", "1/2"])
        let r = try export(["shard"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("cofund merge"), r.stderr)
        XCTAssertFalse(dir.exists("shard/cofund.ipynb"))
    }

    // MARK: - Determinism

    func testExportingTwiceGivesIdenticalBytes() throws {
        try makeRun("run")
        XCTAssertEqual(try export(["run", "-o", "a.ipynb"]).status, 0)
        let first = try dir.bytes("a.ipynb")
        XCTAssertEqual(try export(["run", "-o", "a.ipynb"]).status, 0)
        XCTAssertEqual(try dir.bytes("a.ipynb"), first, "exporting again over the same file")
        XCTAssertEqual(try export(["run", "-o", "b.ipynb"]).status, 0)
        XCTAssertEqual(try dir.bytes("b.ipynb"), first, "exporting to another file in the same folder")
        XCTAssertEqual(try dir.entries(), ["a.ipynb", "b.ipynb", "run", "tiny.yaml"], "no temporary file left behind")
    }

    /// `Notebooks-export/jinan-portfolio.ipynb` is what the current builder exports from the run beside it.
    func testTheShippedNotebookIsTheExportOfTheShippedRun() throws {
        let shipped = PackageRoot.url.appendingPathComponent("Notebooks-export")
        try FileManager.default.copyItem(at: shipped.appendingPathComponent("run"), to: dir.url.appendingPathComponent("run"))
        XCTAssertEqual(try export(["run", "-o", "jinan-portfolio.ipynb"]).status, 0)
        XCTAssertEqual(try firstCodeCell("jinan-portfolio.ipynb"), "RUN_DIR = \"run\"")
        let expected = Array(try Data(contentsOf: shipped.appendingPathComponent("jinan-portfolio.ipynb")))
        XCTAssertTrue(
            try dir.bytes("jinan-portfolio.ipynb") == expected,
            """
            Notebooks-export/jinan-portfolio.ipynb is not what export-notebook writes now: regenerate it with \
            `scripts/refresh-notebook-export.sh`
            """)
    }
}
