import CoFundModel
import XCTest

@testable import CoFundReport

/// The rules report.xlsx lays its sheets out by: column kinds and headers, widths counting a CJK
/// character double, sheet names Excel accepts.
final class WorkbookLayoutTests: XCTestCase {
    func testColumnsAreMoneySharesCountsOrPlainByName() {
        let cases: [(String, String, Bool, WorkbookColumn)] = [
            ("mean", "summary.csv", true, .money),
            ("p95_high", "summary.csv", true, .money),
            ("cvar99_se", "summary.csv", true, .money),
            ("p_over_budget", "summary.csv", true, .share),
            ("2025", "totals.csv", true, .money),
            ("after", "totals.csv", true, .money),
            ("share_of_cvar95", "contributions.csv", true, .share),
            ("delta_p_over_ci95_low", "delta-budgets.csv", true, .share),
            ("delta_mean", "delta.csv", true, .money),
            ("variance_ratio", "delta.csv", true, .plain),
            ("se", "sweep-budgets.csv", true, .share),
            ("se", "sweep.csv", true, .money),
            ("programs.rd.rate", "sweep.csv", true, .plain),
            ("rank", "sensitivity.csv", true, .count),
            ("value_low", "sensitivity.csv", true, .plain),
            ("variance_parameters", "variance-split.csv", true, .plain),
            ("sd_total", "variance-split.csv", true, .money),
            ("tail", "stress.csv", true, .share),
            ("mean", "stress.csv", true, .plain),
            ("value", "parameters.csv", false, .plain),
            ("closed_form", "checks.csv", true, .money),
            ("controlled_se", "checks.csv", true, .money),
            ("z", "checks.csv", true, .plain),
            ("plain_ci95_low", "importance.csv", true, .money),
            ("estimate", "importance.csv", true, .money),
            ("r_squared", "importance.csv", true, .plain),
            ("paths", "importance.csv", true, .count),
            ("mean", "other.csv", false, .plain),
        ]
        for (name, file, hasUnit, kind) in cases {
            XCTAssertEqual(WorkbookColumn.kind(of: name, in: file, hasUnit: hasUnit), kind, "\(file) \(name)")
        }
        XCTAssertEqual(WorkbookColumn.money.header("mean", unit: "万元"), "mean (万元)")
        XCTAssertEqual(WorkbookColumn.share.header("p_over", unit: "万元"), "p_over")
    }

    func testACJKCharacterIsTwoColumnsWide() {
        XCTAssertEqual(WorkbookWidth.displayWidth("山东省财政"), 10)
        XCTAssertEqual(WorkbookWidth.displayWidth("ab（2.5%）"), 10)
        XCTAssertEqual(WorkbookWidth.displayWidth("province"), 8)
        XCTAssertEqual(WorkbookWidth.columnWidth(WorkbookWidth.displayWidth("企业研究开发财政补助")), 22)
        XCTAssertEqual(WorkbookWidth.columnWidth(200), 60)
        XCTAssertEqual(WorkbookWidth.columnWidth(1), 8)
        XCTAssertEqual(WorkbookWidth.numberWidth(1_234_567.891, .money, decimals: 2), 12)  // 1,234,567.89
    }

    func testSheetsAreNamedAfterTheirFilesAsExcelAllows() {
        XCTAssertEqual(WorkbookTable(file: "delta-budgets.csv", records: []).sheetName, "delta-budgets")
        XCTAssertEqual(WorkbookTable(file: "a/b:c?.csv", records: []).sheetName, "a_b_c_")
        XCTAssertEqual(WorkbookTable(file: String(repeating: "x", count: 40) + ".csv", records: []).sheetName.count, 31)
    }

    func testATablesUnitIsReadFromItsUnitColumn() {
        let records: [[CSVWriter.Cell]] = [[.text("x"), .text("unit")], [.number("1"), .text("yuan")]]
        XCTAssertEqual(WorkbookTable(file: "t.csv", records: records).unit, .yuan)
        XCTAssertNil(WorkbookTable(file: "t.csv", records: [[.text("x")], [.number("1")]]).unit)
    }

    /// The workbook's records are the CSV file's: the same rows, typed.
    func testATableKeepsTheRecordsItsCSVFileWrites() {
        var csv = CSVWriter()
        csv.header(["name", "mean"])
        csv.row([.text("=1+1"), .number("-2.5")])
        XCTAssertEqual(csv.records, [[.text("name"), .text("mean")], [.text("=1+1"), .number("-2.5")]])
        XCTAssertEqual(csv.text, "\u{FEFF}name,mean\r\n'=1+1,-2.5\r\n")
    }
}
