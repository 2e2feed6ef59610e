import CoFundTestSupport
import Foundation
import XCTest

/// report.xlsx, read back with openpyxl from the project venv: the sheets each command writes, every
/// table sheet holding its CSV file's records (the CSV file is the oracle, cell by cell), the number
/// formats and headers, the native charts and the ranges they draw, Chinese names intact, and text
/// that a spreadsheet would run as a formula kept as guarded text.
final class WorkbookCommandTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    /// Chinese funder and program names, a bank, a budget line, and a title and a program name that
    /// start a formula.
    static let scenario = """
        scenario:
          id: workbook-test
          title: "=1+2 工作簿测试"
          unit: wan
          years: [2024, 2026]
          seed: 11
          paths: 300
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: city}
          - {id: district, name: 历下区财政, level: district}
          - {id: bank, name: 齐鲁银行, level: bank}
        programs:
          - id: rd
            name: "=HYPERLINK(\\"http://example.com\\",\\"研发补助\\")"
            source: 济政字〔2020〕20号 第8条
            kind: rate
            claims: {count: {dist: poisson, mean: 20, growth: 0.1}, approval: 0.9}
            base: {dist: lognormal, median: 500, p90: 3000}
            rate: 0.025
            cap_per_claim: 250
            share: {province: 0.5, city: 0.25, district: 0.25}
            budget: {province: 100}
          - id: award
            name: 科技奖励
            source: test
            kind: award
            claims: {count: {dist: poisson, mean: 5}}
            amount: {dist: uniform, low: 20, high: 30}
            share: {city: 0.5, district: 0.3, bank: 0.2}

        """

    static let funderNames = ["山东省财政", "济南市财政", "历下区财政", "齐鲁银行"]
    static let programName = "'=HYPERLINK(\"http://example.com\",\"研发补助\")"
    static let title = "'=1+2 工作簿测试"

    /// Checks for one run directory; argv[1] is a JSON list of jobs:
    /// `{"dir": D, "sheets": [NAME…], "run": {"funders": [NAME…], "program": P, "title": T} | null}`.
    static let readBack = #"""
        import csv, json, math, os, sys
        import openpyxl
        from openpyxl.chart import BarChart, LineChart
        from openpyxl.utils import get_column_letter

        def same_as_csv(ws, path):
            with open(path, encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f))
            cells = list(ws.iter_rows())
            assert len(cells) == len(rows), f"{ws.title}: {len(cells)} rows, {path}: {len(rows)}"
            shown = [c.value for c in cells[0]]
            assert [h.split(" (")[0] for h in shown] == rows[0], f"{ws.title}: header {shown} for {rows[0]}"
            for r, (line, record) in enumerate(zip(cells[1:], rows[1:]), start=2):
                assert len(line) >= len(record), f"{ws.title} row {r}: {len(line)} cells for {len(record)}"
                for cell, text in zip(line, record):
                    assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"
                    v = cell.value
                    if text == "":
                        assert v is None, f"{ws.title}!{cell.coordinate}: {v!r} for an empty field"
                    elif isinstance(v, (int, float)) and not isinstance(v, bool):
                        # libxlsxwriter writes 16 significant digits: a 17-digit number may move in its last.
                        assert math.isclose(float(text), v, rel_tol=1e-15, abs_tol=0), f"{ws.title}!{cell.coordinate}: {v!r} for {text!r}"
                    else:
                        assert v == text, f"{ws.title}!{cell.coordinate}: {v!r} for {text!r}"
            assert ws.freeze_panes == "A2", f"{ws.title}: frozen at {ws.freeze_panes}"
            last = f"{get_column_letter(len(rows[0]))}{len(rows)}"
            assert ws.auto_filter.ref == f"A1:{last}", f"{ws.title}: filter {ws.auto_filter.ref}, not A1:{last}"
            return shown, rows

        def column(ws, name):
            header = [c.value for c in next(ws.iter_rows(max_row=1))]
            i = header.index(name)
            return [row[i] for row in ws.iter_rows(min_row=2)]

        def check_run(wb, d, run):
            # Money and shares: formats and the unit in the header.
            summary = wb["summary"]
            means = column(summary, "mean (万元)")
            assert means and all(c.number_format == "#,##0.00" for c in means), {c.number_format for c in means}
            shares = [c for c in column(summary, "p_over_budget") if c.value is not None]
            assert shares and all(c.number_format == "0.0%" for c in shares), {c.number_format for c in shares}
            names = {c.value for c in column(summary, "funder_name")}
            assert set(run["funders"]) <= names, names
            programs = column(summary, "program_name")
            guarded = [c for c in programs if c.value == run["program"]]
            assert guarded and all(c.data_type == "s" for c in guarded), {(c.value, c.data_type) for c in programs}
            manifest = {r[0].value: r[1] for r in wb["manifest"].iter_rows(min_row=2)}
            with open(os.path.join(d, "manifest.json"), encoding="utf-8") as f:
                keys = list(json.load(f))
            assert sorted(manifest) == sorted(keys), f"manifest sheet keys {list(manifest)}, manifest.json {keys}"
            assert manifest["seed"].value == "11" and manifest["paths"].value == 300, (manifest["seed"].value, manifest["paths"].value)
            assert wb.properties.title == run["title"] + " (workbook-test)" and wb.properties.creator.startswith("cofund "), wb.properties
            assert wb["manifest"].freeze_panes == "A2" and wb["manifest"].auto_filter.ref == f"A1:B{len(keys) + 1}"
            assert manifest["scenario_title"].value == run["title"] and manifest["scenario_title"].data_type == "s", manifest["scenario_title"].value

            # Overview: each funder by year, the same figures as totals.csv.
            ov = wb["Overview"]
            header = [c.value for c in ov[1]]
            assert header == ["kind", "id", "name", "funder", "level", "statistic", "2024", "2025", "2026", "total", "after"], header
            assert ov.freeze_panes == "D2", ov.freeze_panes
            rows = {(r[1].value, r[5].value): r for r in ov.iter_rows(min_row=2)}
            with open(os.path.join(d, "totals.csv"), encoding="utf-8-sig", newline="") as f:
                totals = list(csv.DictReader(f))
            compared = 0
            for t in totals:
                figure = rows[(t["funder"], t["statistic"] + " (万元)")]
                for year, cell in zip(["2024", "2025", "2026", "total", "after"], figure[6:]):
                    if t[year] == "":
                        continue
                    assert abs(cell.value - float(t[year])) <= 5e-5, f"Overview {t['funder']} {t['statistic']} {year}: {cell.value} vs {t[year]}"
                    assert cell.number_format == "#,##0.00", cell.number_format
                    compared += 1
            assert compared >= 4 * 3 * 5, compared
            kinds = {r[0].value for r in ov.iter_rows(min_row=2)}
            assert kinds == {"funder", "government", "all", "budget line"}, kinds
            assert set(run["funders"]) <= {r[2].value for r in ov.iter_rows(min_row=2)}
            chances = [c for (_, s), r in rows.items() if s == "p_over" for c in r[6:] if c.value is not None]
            assert chances and all(c.number_format == "0.0%" for c in chances), {c.number_format for c in chances}

            # Charts: stacked column charts of the funders' means (the fiscal funders, then the bank), one
            # line chart of p05/p50/p95 per funder and for the government total, every series drawn from
            # the Overview's rows.
            charts = wb["Charts"]._charts
            bars = [c for c in charts if isinstance(c, BarChart)]
            lines = [c for c in charts if isinstance(c, LineChart)]
            assert [c.grouping for c in bars] == ["stacked", "stacked"], [(type(c).__name__, getattr(c, "grouping", None)) for c in charts]
            assert [len(c.series) for c in bars] == [run["fiscal"], len(run["funders"]) - run["fiscal"]], [len(c.series) for c in bars]
            assert len(lines) == len(run["funders"]) + 1, len(lines)
            assert all(len(c.series) == 3 for c in lines), [len(c.series) for c in lines]
            for c in charts:
                for s in c.series:
                    assert s.val.numRef.f.startswith("Overview!$G$"), s.val.numRef.f
                    assert s.cat.strRef.f == "Overview!$G$1:$I$1" if s.cat.strRef else s.cat.numRef.f == "Overview!$G$1:$I$1"

        def check_compare(wb, d, funders):
            # Overview: the change by funder and year, the same figures as delta.csv's rows over all programs.
            ov = wb["Overview"]
            header = [c.value for c in ov[1]]
            assert header == ["kind", "id", "name", "statistic", "2024", "2025", "2026", "total", "after"], header
            rows = {(r[1].value, r[3].value): r for r in ov.iter_rows(min_row=2)}
            with open(os.path.join(d, "delta.csv"), encoding="utf-8-sig", newline="") as f:
                delta = [r for r in csv.DictReader(f) if r["program"] == "all"]
            compared = 0
            for t in delta:
                for column, label in [("base_mean", "base mean"), ("delta_mean", "change in mean"), ("reform_p95", "reform p95")]:
                    slot = t["year"] if t["period"] == "year" else t["period"]
                    cell = rows[(t["funder"], label + " (万元)")][header.index(slot)]
                    assert abs(cell.value - float(t[column])) <= 5e-5, f"Overview {t['funder']} {label} {slot}: {cell.value} vs {t[column]}"
                    assert cell.number_format == "#,##0.00", cell.number_format
                    compared += 1
            assert compared >= 3 * (funders + 2) * 5, compared
            charts = wb["Charts"]._charts
            bars = [c for c in charts if isinstance(c, BarChart)]
            lines = [c for c in charts if isinstance(c, LineChart)]
            assert [c.grouping for c in bars] == ["clustered"] and len(bars[0].series) == funders, [(c.grouping, len(c.series)) for c in bars]
            assert len(lines) == funders + 1 and all(len(c.series) == 4 for c in lines), [len(c.series) for c in lines]

        for job in json.loads(sys.argv[1]):
            d = job["dir"]
            wb = openpyxl.load_workbook(os.path.join(d, "report.xlsx"))
            assert wb.sheetnames == job["sheets"], f"{d}: {wb.sheetnames}"
            for name in job["sheets"]:
                if os.path.exists(os.path.join(d, name + ".csv")):
                    same_as_csv(wb[name], os.path.join(d, name + ".csv"))
            if job.get("run"):
                check_run(wb, d, job["run"])
            if job.get("compare"):
                check_compare(wb, d, job["compare"])
            print(f"{os.path.basename(d)}: workbook ok")
        """#

    struct Job: Encodable {
        struct Run: Encodable {
            var funders: [String]
            var program: String
            var title: String
            /// How many of `funders` are fiscal: they come first.
            var fiscal: Int
        }
        var dir: String
        var sheets: [String]
        var run: Run?
        /// For `compare`: how many paying funders the Overview shows.
        var compare: Int?
    }

    private func cofund(_ arguments: [String], environment: [String: String] = [:]) throws -> CLIResult {
        let r = try CofundCLI.run(arguments + ["--quiet"], in: dir.url, environment: environment)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        return r
    }

    private func readBack(_ jobs: [Job]) throws {
        let json = String(decoding: try JSONEncoder().encode(jobs), as: UTF8.self)
        let r = try ProjectPython.run(["-c", Self.readBack, json], in: dir.url)
        XCTAssertEqual(r.status, 0, "openpyxl read-back failed:\n\(r.stdout)\n\(r.stderr)")
        XCTAssertEqual(r.stdout.components(separatedBy: "workbook ok").count - 1, jobs.count, r.stdout)
    }

    static let runSheets = ["Overview", "Charts", "summary", "totals", "budgets", "contributions", "assumptions", "parameters", "checks", "manifest"]

    func testARunsWorkbookHoldsItsTablesOverviewAndCharts() throws {
        let file = try dir.write("workbook.yaml", Self.scenario)
        let r = try cofund(["run", file, "--out", dir.path("run")])
        XCTAssertTrue(r.stdout.contains("report.html and report.xlsx"), r.stdout)
        let run = Job.Run(funders: Self.funderNames, program: Self.programName, title: Self.title, fiscal: 3)
        try readBack([Job(dir: dir.path("run"), sheets: Self.runSheets, run: run)])
    }

    func testMergedShardsWriteTheSameWorkbookAsARun() throws {
        let file = try dir.write("workbook.yaml", Self.scenario)
        _ = try cofund(["run", file, "--shard", "1/2", "--out", dir.path("s1")])
        _ = try cofund(["run", file, "--shard", "2/2", "--out", dir.path("s2")])
        XCTAssertFalse(dir.exists("s1/report.xlsx"), "a shard's directory holds a partial result, not a report")
        let r = try CofundCLI.run(["merge", dir.path("s1"), dir.path("s2"), "--out", dir.path("merged")], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        let run = Job.Run(funders: Self.funderNames, program: Self.programName, title: Self.title, fiscal: 3)
        try readBack([Job(dir: dir.path("merged"), sheets: Self.runSheets, run: run)])
    }

    func testEveryOtherCommandsWorkbookHoldsItsCSVFiles() throws {
        let file = try dir.write("workbook.yaml", Self.scenario)
        let small = ["--paths", "200"]
        _ = try cofund(["compare", file, "--set", "programs.rd.cap_per_claim=50", "--out", dir.path("compare")] + small)
        _ = try cofund(["sweep", file, "--set", "programs.rd.rate=0.02,0.03", "--out", dir.path("sweep")] + small)
        _ = try cofund(["sensitivity", file, "--out", dir.path("sensitivity")] + small)
        _ = try cofund(["stress", "city", file, "--out", dir.path("stress")] + small)
        _ = try cofund(
            [
                "solve", file, "--lever", "programs.rd.budget.province", "--range", "0,2000", "--target", "lines.rd.p_over<=0.10",
                "--tolerance", "500", "--out", dir.path("solve"),
            ] + small)
        try readBack([
            Job(dir: dir.path("compare"), sheets: ["Overview", "Charts", "delta", "delta-budgets", "manifest"], compare: 4),
            Job(dir: dir.path("sweep"), sheets: ["sweep", "sweep-budgets", "manifest"]),
            Job(dir: dir.path("sensitivity"), sheets: ["sensitivity", "variance-split", "manifest"]),
            Job(dir: dir.path("stress"), sheets: ["Overview", "Charts", "stress", "manifest"]),
            Job(dir: dir.path("solve"), sheets: ["solve", "manifest"]),
        ])
    }

    /// libxlsxwriter writes into a temporary directory of cofund's own, which is gone afterwards;
    /// when it cannot be made, the command fails and writes no run directory.
    func testTheWorkbooksTemporaryFilesAreRemovedAndAFailureWritesNothing() throws {
        let file = try dir.write("workbook.yaml", Self.scenario)
        let tmp = dir.path("tmp")
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        _ = try cofund(["run", file, "--out", dir.path("run"), "--paths", "100"], environment: ["TMPDIR": tmp])
        XCTAssertTrue(dir.exists("run/report.xlsx"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp), [], "temporary files left behind")

        let r = try CofundCLI.run(
            ["run", file, "--out", dir.path("failed"), "--paths", "100", "--quiet"], in: dir.url, environment: ["TMPDIR": dir.path("missing")])
        XCTAssertNotEqual(r.status, 0, r.stdout)
        XCTAssertTrue(r.stderr.contains("cannot make report.xlsx"), r.stderr)
        XCTAssertFalse(dir.exists("failed"))
        XCTAssertEqual(try dir.entries().filter { $0.contains("failed") }, [], "a partial run directory was left")
    }
}
