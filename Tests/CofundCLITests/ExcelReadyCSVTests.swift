import CoFundTestSupport
import Foundation
import XCTest

/// The CSV files open right where analysts open them. In Excel: every file starts with UTF-8's
/// byte-order mark EF BB BF, without which Excel reads the bytes in the machine's code page and
/// shows 山东省财政 as mojibake. In pandas and Python's `csv`: the first column is named `scenario`
/// (pandas drops the mark itself; `csv` with `encoding="utf-8-sig"`), the `year` column is numeric
/// so that `s[s.year == 2027]` finds the year's rows, and `period` tells a year's rows from the
/// horizon's `total` and the `after` rows, whose `year` is empty.
final class ExcelReadyCSVTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let scenario = """
        scenario:
          id: excel-ready
          title: 山东省 CSV
          unit: wan
          years: [2025, 2029]
          seed: 3
          paths: 300
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: city}
        programs:
          - id: rd
            name: 研发补助
            source: 济政字〔2020〕20号
            kind: rate
            claims: {count: {dist: poisson, mean: 20}, approval: 0.8}
            base: {dist: lognormal, median: 500, p90: 3000}
            rate: 0.05
            cap_per_claim: 250
            payment_lag: 1
            share: {province: 0.5, city: 0.5}
            budget: {province: 400}

        """

    private func cofund(_ arguments: [String]) throws {
        let r = try CofundCLI.run(arguments + ["--paths", "300", "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
    }

    /// Every CSV file of the run directories of `run`, `compare`, `sweep`, `sensitivity` and `stress`.
    private func writeEveryCommand(_ extra: [String] = [], suffix: String = "") throws -> [String] {
        let file = try dir.write("excel-ready.yaml", Self.scenario)
        let runs = [
            ["run", file], ["compare", file, "--set", "programs.rd.cap_per_claim=100"],
            ["sweep", file, "--set", "programs.rd.rate=0.02,0.05"], ["sensitivity", file], ["stress", "province", file],
        ]
        var files: [String] = []
        for command in runs {
            let out = command[0] + suffix
            try cofund(command + ["--out", dir.path(out)] + extra)
            let names = try FileManager.default.contentsOfDirectory(atPath: dir.path(out)).filter { $0.hasSuffix(".csv") }
            XCTAssertFalse(names.isEmpty, "\(command[0]) wrote no CSV file")
            files += names.sorted().map { "\(out)/\($0)" }
        }
        return files
    }

    func testEveryCSVFileStartsWithTheUTF8ByteOrderMarkUnlessNoBOM() throws {
        let files = try writeEveryCommand()
        XCTAssertGreaterThanOrEqual(files.count, 9, "\(files)")
        for name in files {
            let bytes = try dir.bytes(name)
            XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], name)
            // After the mark, the header's first byte: no second mark, no blank line.
            XCTAssertNotEqual(bytes.dropFirst(3).first, 0xEF, name)
        }
        let plain = try writeEveryCommand(["--no-bom"], suffix: "-plain")
        XCTAssertEqual(plain.count, files.count)
        for name in plain {
            let bytes = try dir.bytes(name)
            XCTAssertNotEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF], name)
            XCTAssertTrue(bytes.first.map { (0x61...0x7A).contains($0) } ?? false, "\(name) starts with \(bytes.prefix(3))")
        }
    }

    func testExcelAndNoBOMTogetherAreRefusedWithAMessage() throws {
        let file = try dir.write("excel-ready.yaml", Self.scenario)
        let r = try CofundCLI.run(["run", file, "--excel", "--no-bom", "--out", dir.path("out")], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("--excel and --no-bom"), r.stderr)
        XCTAssertFalse(dir.exists("out"))
    }

    /// argv[1]: a JSON list of `{"path", "periods"}`; each file is read as an analyst would.
    static let readBack = #"""
        import csv, json, sys
        import pandas as pd

        for e in json.loads(sys.argv[1]):
            path = e["path"]
            # Python's csv: utf-8-sig drops the mark, so the first column is "scenario".
            with open(path, encoding="utf-8-sig", newline="") as f:
                header = next(csv.reader(f))
            assert header[0] == "scenario", f"{path}: csv reads {header[0]!r}"
            assert header[header.index("period") + 1] == "year", f"{path}: period is not next to year: {header}"
            # pandas with its defaults drops the mark and reads year as numbers.
            s = pd.read_csv(path)
            assert s.columns[0] == "scenario", f"{path}: pandas reads {s.columns[0]!r}"
            assert pd.api.types.is_numeric_dtype(s.year), f"{path}: pandas reads year as {s.year.dtype}"
            assert not s[s.year == 2027].empty, f"{path}: s[s.year == 2027] is empty"
            assert set(s[s.year == 2027].period) == {"year"}, f"{path}: 2027's rows are {set(s[s.year == 2027].period)}"
            assert set(s.period) == set(e["periods"]), f"{path}: periods {set(s.period)}"
            # The horizon's rows and the after rows have no year; every year row has one.
            assert s[s.period != "year"].year.isna().all(), f"{path}: a total or after row has a year"
            assert s[s.period == "year"].year.notna().all(), f"{path}: a year row has no year"
            assert sorted(s[s.period == "year"].year.unique()) == list(range(2025, 2030)), f"{path}: years {s.year.unique()}"
            # With dtype Int64 the years are integers.
            n = pd.read_csv(path, dtype={"year": "Int64"})
            assert str(n.year.dtype) == "Int64", f"{path}: {n.year.dtype}"
            assert len(n[n.year == 2027]) == len(s[s.year == 2027])
            print(f"{path.rsplit('/', 1)[-1]}: {len(s)} rows, year numeric")
        """#

    func testPandasReadsYearAsNumbersAndPeriodTellsTheTotalFromAfter() throws {
        let file = try dir.write("excel-ready.yaml", Self.scenario)
        try cofund(["run", file, "--out", dir.path("run")])
        try cofund(["compare", file, "--set", "programs.rd.cap_per_claim=100", "--out", dir.path("compare")])
        let jobs: [[String: Any]] = [
            ["path": dir.path("run/summary.csv"), "periods": ["year", "total", "after"]],
            ["path": dir.path("run/budgets.csv"), "periods": ["year", "total"]],
            ["path": dir.path("compare/delta.csv"), "periods": ["year", "total", "after"]],
            ["path": dir.path("compare/delta-budgets.csv"), "periods": ["year", "total"]],
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: jobs), as: UTF8.self)
        let r = try ProjectPython.run(["-c", Self.readBack, json], in: dir.url)
        XCTAssertEqual(r.status, 0, "pandas read-back failed:\n\(r.stdout)\n\(r.stderr)")
        XCTAssertEqual(r.stdout.components(separatedBy: ", year numeric").count - 1, jobs.count, r.stdout)
    }
}
