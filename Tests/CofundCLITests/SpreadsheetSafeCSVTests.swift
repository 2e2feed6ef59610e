import CoFundTestSupport
import Foundation
import XCTest

/// The eight CSV files of `run`, `compare`, `sweep` and `sensitivity` for a scenario whose names and
/// sources a spreadsheet would run as formulas (`=1+1`, `+cmd|' /C calc'!A0`, `@SUM(1)`, TAB then
/// `-2`, `-2`), read back by the project venv's Python twice: with the standard `csv` module (the
/// oracle for the bytes: every text cell is safe, the names come back with one leading `'`) and with
/// pandas' defaults (the oracle for a data user: the numeric columns are float64, negative changes
/// and swept values negative numbers).
final class SpreadsheetSafeCSVTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let scenario = """
        scenario:
          id: csv-safe
          title: spreadsheet-safe CSV
          unit: wan
          years: [2024, 2026]
          seed: 5
          paths: 300
        funders:
          - {id: province, name: "=1+1", level: province}
          - {id: city, name: "\\t-2", level: city}
          - {id: district, name: "-2", level: district}
        programs:
          - id: rd
            name: "+cmd|' /C calc'!A0"
            source: "@SUM(1)"
            kind: rate
            assumption: "-10% of the applications are refused"
            claims: {count: {dist: poisson, mean: 20, growth: 0.1}, approval: {dist: uniform, low: 0.5, high: 0.9}}
            base: {dist: lognormal, median: 500, p90: 3000}
            rate: 0.025
            cap_per_claim: 250
            share: {province: 0.5, city: 0.25, district: 0.25}
            budget: {province: 100}

        """

    /// The funder names as the CSV files must hold them: each behind one `'`.
    static let funderNames = ["'=1+1", "'\t-2", "'-2"]
    static let programName = "'+cmd|' /C calc'!A0"

    /// For each file: its numeric columns (float64 in pandas; `rank` is an integer), the text cells
    /// expected in some columns, and the columns that must hold a negative number.
    struct Expectation: Encodable {
        var path: String
        var numeric: [String]
        var integer: [String] = []
        var text: [String: [String]]
        var negative: [String] = []
    }

    /// Reads each file with `csv` and with pandas and asserts the expectations; argv[1] is the JSON list.
    static let readBack = #"""
        import csv, json, sys
        import pandas as pd

        FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

        def is_number(cell):
            try:
                float(cell)
                return True
            except ValueError:
                return False

        for e in json.loads(sys.argv[1]):
            path = e["path"]
            with open(path, encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f))
            header, body = rows[0], rows[1:]
            assert body, f"{path}: no rows"
            columns = {name: [r[i] for r in body] for i, name in enumerate(header)}
            numbers = set(e["numeric"]) | set(e["integer"])
            assert numbers <= set(header), f"{path}: no column {numbers - set(header)}"
            for name in header:
                assert not name.startswith(FORMULA_START), f"{path}: header cell {name!r}"
            for name, cells in columns.items():
                if name in numbers:
                    for c in cells:
                        assert c == "" or is_number(c), f"{path}: {name} holds {c!r}"
                else:
                    for c in cells:
                        assert not c.startswith(FORMULA_START), f"{path}: {name} holds the formula {c!r}"
            for name, expected in e["text"].items():
                missing = set(expected) - set(columns[name])
                assert not missing, f"{path}: {name} lacks {missing}; it holds {sorted(set(columns[name]))}"
            for name in e["negative"]:
                assert any(c.startswith("-") for c in columns[name]), f"{path}: no negative {name} in the file"

            frame = pd.read_csv(path, encoding="utf-8-sig")
            for name in e["numeric"]:
                assert frame[name].dtype == "float64", f"{path}: pandas reads {name} as {frame[name].dtype}"
            for name in e["integer"]:
                assert frame[name].dtype == "int64", f"{path}: pandas reads {name} as {frame[name].dtype}"
            for name in e["negative"]:
                assert (frame[name] < 0).any(), f"{path}: pandas finds no negative {name}"
            for name, expected in e["text"].items():
                assert set(expected) <= set(frame[name].astype(str)), f"{path}: pandas reads {name} as {sorted(set(frame[name]))}"
            print(f"{path.rsplit('/', 1)[-1]}: {len(body)} rows, safe")
        """#

    private func cofund(_ arguments: [String]) throws {
        let r = try CofundCLI.run(arguments + ["--paths", "200", "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
    }

    func testEveryCSVFileGuardsItsTextAndKeepsItsNumbersNumeric() throws {
        let file = try dir.write("csv-safe.yaml", Self.scenario)
        try cofund(["run", file, "--out", dir.path("run")])
        try cofund(["compare", file, "--set", "programs.rd.cap_per_claim=50", "--out", dir.path("compare")])
        try cofund(["sweep", file, "--set", "programs.rd.claims.count.growth=-0.2,0.1", "--out", dir.path("sweep")])
        try cofund(["sensitivity", file, "--out", dir.path("sensitivity")])

        let names = ["funder_name": Self.funderNames, "program_name": [Self.programName]]
        let stats =
            ["mean", "sd", "se", "p05", "p50", "p90", "p95", "p99", "cvar95", "cvar99", "max", "budget", "p_over_budget", "expected_overrun"]
            + ["p05", "p50", "p90", "p95", "p99"].flatMap { ["\($0)_low", "\($0)_high"] } + ["cvar95_se", "cvar99_se"]
        let expectations = [
            Expectation(path: dir.path("run/summary.csv"), numeric: stats, text: names),
            Expectation(
                path: dir.path("run/totals.csv"), numeric: ["2024", "2025", "2026", "total", "after"],
                text: ["funder_name": Self.funderNames]),
            Expectation(
                path: dir.path("run/assumptions.csv"), numeric: [],
                text: ["program_name": [Self.programName], "source": ["'@SUM(1)"], "assumption": ["'-10% of the applications are refused"]]),
            Expectation(
                path: dir.path("compare/delta.csv"),
                numeric: [
                    "base_mean", "reform_mean", "delta_mean", "delta_se", "delta_ci95_low", "delta_ci95_high",
                    "base_p95", "reform_p95", "delta_p95", "delta_p95_ci95_low", "delta_p95_ci95_high", "base_cvar95", "reform_cvar95",
                    "variance_ratio",
                ],
                text: names, negative: ["delta_mean", "delta_ci95_low", "delta_ci95_high", "delta_p95"]),
            Expectation(
                path: dir.path("compare/delta-budgets.csv"),
                numeric: [
                    "base_budget", "reform_budget", "base_p_over", "reform_p_over", "delta_p_over", "delta_p_over_se",
                    "delta_p_over_ci95_low", "delta_p_over_ci95_high", "base_expected_excess", "reform_expected_excess",
                    "delta_expected_excess", "delta_expected_excess_se", "delta_expected_excess_ci95_low", "delta_expected_excess_ci95_high",
                ],
                text: ["funder_name": ["'=1+1"], "line_name": [Self.programName]], negative: ["delta_expected_excess"]),
            Expectation(
                path: dir.path("sweep/sweep.csv"),
                numeric: [
                    "programs.rd.claims.count.growth", "mean", "se", "p95", "p95_ci95_low", "p95_ci95_high", "cvar95", "p_over_budget",
                    "expected_excess",
                ],
                text: names, negative: ["programs.rd.claims.count.growth"]),
            Expectation(
                path: dir.path("sweep/sweep-budgets.csv"),
                numeric: ["programs.rd.claims.count.growth", "budget", "p_over", "se", "ci95_low", "ci95_high"],
                text: ["funder_name": ["'=1+1"], "line_name": [Self.programName]], negative: ["programs.rd.claims.count.growth"]),
            Expectation(
                path: dir.path("sensitivity/sensitivity.csv"),
                numeric: [
                    "value_low", "value_high", "mean_at_low", "mean_at_high", "mean_swing", "p95_at_low", "p95_at_high", "p95_swing",
                    "p_over_at_low", "p_over_at_high", "p_over_swing",
                ],
                integer: ["rank"], text: ["name": Self.funderNames]),
        ]
        let json = String(decoding: try JSONEncoder().encode(expectations), as: UTF8.self)
        let r = try ProjectPython.run(["-c", Self.readBack, json], in: dir.url)
        XCTAssertEqual(r.status, 0, "csv/pandas read-back failed:\n\(r.stdout)\n\(r.stderr)")
        XCTAssertEqual(r.stdout.components(separatedBy: ", safe").count - 1, expectations.count, r.stdout)
    }
}
