import CoFundEngine
import CoFundModel
import XCTest

@testable import CoFundReport

/// CSV cells a spreadsheet would run as formulas: the writer's rule cell by cell (oracle: OWASP's
/// list of formula starts, `= + - @ TAB CR`, and RFC 4180 quoting), and every renderer writing the
/// names and sources of a scenario through the guarded text path.
final class GuardedCSVCellTests: XCTestCase {
    func testATextCellStartingAFormulaGetsALeadingQuote() {
        let cases: [(String, String)] = [
            ("=1+1", "'=1+1"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("@SUM(1)", "'@SUM(1)"),
            ("-2", "'-2"),
            ("\t-2", "'\t-2"),
            ("\r=1", "\"'\r=1\""),  // guarded, then quoted for the CR
            ("=a,\"b\"", "\"'=a,\"\"b\"\"\""),  // guarded, then quoted and its quotes doubled
            ("'=x", "''=x"),  // a quote already there is kept: the rule stays reversible
            ("''+x", "'''+x"),
            ("'plain", "'plain"),  // no formula after the quotes: nothing to guard
            ("山东省财政", "山东省财政"),
            ("a-b=c", "a-b=c"),  // a formula character inside is harmless
            (" =1", " =1"),
            ("", ""),
        ]
        for (text, written) in cases {
            XCTAssertEqual(CSVWriter.field(.text(text)), written, text.debugDescription)
        }
    }

    func testANumberCellIsWrittenAsItIsAndAnythingElseInItAsGuardedText() {
        for n in ["-12.5", "0", "12", "-0.2", "1e-3", "-2.5E+10", ".5", "5.", ""] {
            XCTAssertEqual(CSVWriter.field(.number(n)), n, n)
        }
        for (notNumber, written) in [("=1+1", "'=1+1"), ("-", "'-"), ("-inf", "'-inf"), ("+1", "'+1"), ("1e", "1e"), ("1,5", "\"1,5\""), (".", ".")] {
            XCTAssertEqual(CSVWriter.field(.number(notNumber)), written, notNumber)
        }
    }

    /// The report test's scenario with a funder named `=1+1`, one named TAB `-2`, a program named
    /// `+cmd|' /C calc'!A0` and a source `@SUM(1)`.
    static func hostileScenario(cap: Double = 250) throws -> Scenario {
        let yaml = ReportTest.yaml(cap: cap)
            .replacingOccurrences(of: "name: 山东省财政", with: "name: \"=1+1\"")
            .replacingOccurrences(of: "name: 济南市财政", with: "name: \"\\t-2\"")
            .replacingOccurrences(of: "name: 量子项目配套", with: "name: \"+cmd|' /C calc'!A0\"")
            .replacingOccurrences(of: "source: 济南量子 第3条", with: "source: \"@SUM(1)\"")
        return try ScenarioDecoder.decode(yaml, file: "hostile.yaml")
    }

    /// Cells as a CSV line holds them: after a comma (never first: the scenario id comes first).
    static let guarded = [",'=1+1,", ",'\t-2,", ",'+cmd|' /C calc'!A0,"]
    static let unguarded = [",=1+1,", ",\t-2,", ",+cmd|' /C calc'!A0,", ",@SUM(1),"]

    func testEveryRendererWritesNamesAndSourcesGuarded() async throws {
        let base = try await ReportTest.run(try Self.hostileScenario(), paths: 200)
        let reform = try await ReportTest.run(try Self.hostileScenario(cap: 50), paths: 200)
        let swings = try await SensitivityAnalysis.run(SimulationPlan(base.scenario), options: SimulationOptions(paths: 200, seed: 1, threads: 2))
        let files = [
            "summary": SummaryCSV.render(base),
            "totals": TotalsCSV.render(base),
            "delta": DeltaCSV.render(try PairedComparison(base: XCTUnwrap(base.keptPaths), reform: XCTUnwrap(reform.keptPaths))),
            "sweep": SweepCSV.render(parameters: ["programs.rd.cap_per_claim"], points: [.init(values: ["-250"], result: base)]),
            "sensitivity": SensitivityCSV.render(swings, scenario: base.scenario),
        ]
        for (name, csv) in files {
            for cell in Self.guarded.prefix(name == "totals" || name == "sensitivity" ? 2 : 3) {
                XCTAssertTrue(csv.contains(cell), "\(name) lacks \(cell.debugDescription)")
            }
            for cell in Self.unguarded { XCTAssertFalse(csv.contains(cell), "\(name) holds \(cell.debugDescription)") }
        }
        // stress.csv names programs, not funders: the program's name is guarded.
        let stress = StressCSV.render(try await StressTest.run(base, id: "government", tail: 0.05), plan: base.plan)
        XCTAssertTrue(stress.contains(Self.guarded[2]), stress)
        for cell in Self.unguarded { XCTAssertFalse(stress.contains(cell), "stress holds \(cell.debugDescription)") }
        let assumptions = AssumptionsCSV.render(base.scenario)
        XCTAssertTrue(assumptions.contains(",'+cmd|' /C calc'!A0,award,'@SUM(1),"), assumptions)

        // Numbers stay bare: the reform lowers the province's bill, and its change is written "-…".
        let c = try PairedComparison(base: XCTUnwrap(base.keptPaths), reform: XCTUnwrap(reform.keptPaths))
        let delta = try XCTUnwrap(c.row(SeriesKey(program: nil, funder: "province", year: .total))).delta.mean
        XCTAssertLessThan(delta, 0)
        XCTAssertTrue(files["delta"]!.contains(",\(NumberText.fixed(delta, 4)),"), "the negative change is a bare number")
        XCTAssertTrue(files["sweep"]!.contains("\r\n-250,"), "a negative swept value is a bare number")
    }
}
