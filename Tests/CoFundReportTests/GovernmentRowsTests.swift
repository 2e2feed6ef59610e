import CoFundEngine
import CoFundModel
import XCTest

@testable import CoFundReport

/// Where the government total (the fiscal funders, path by path) appears: the terminal table in
/// place of "all funders" with the bank apart below it, the CSV files beside `all`, the report's
/// stacked bars of fiscal funders only, and the comparison's rows.
final class GovernmentRowsTests: XCTestCase {
    func testTheExposureTableShowsTheGovernmentAfterTheFiscalFundersAndTheBankApartBelowIt() async throws {
        let r = try await ReportTest.run(try ReportTest.scenario())
        let lines = ExposureTable.render(r).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func row(_ start: String) throws -> Int { try XCTUnwrap(lines.firstIndex { $0.hasPrefix(start) }, start) }
        let government = try row("government ")
        for name in ["山东省财政 province", "济南市财政 city", "高新区财政 zone"] { XCTAssertLessThan(try row(name), government, name) }
        let bank = try row("合作银行 bank")
        XCTAssertGreaterThan(bank, government + 3)
        XCTAssertEqual(lines[bank - 1], "", "a blank line sets the bank apart")
        XCTAssertFalse(lines.contains { $0.hasPrefix("all funders") })
        let st = try XCTUnwrap(r.statistics(program: nil, funder: Funder.governmentID, year: .total))
        XCTAssertTrue(lines[government].contains(Formatting.amount(st.mean, decimals: 0)), lines[government])
        XCTAssertTrue(lines[government + 2].contains(Formatting.amount(st.p95, decimals: 0)), lines[government + 2])
        XCTAssertTrue(lines.contains { $0.contains("apart and not in it: bank") })
    }

    func testSummaryAndTotalsHaveGovernmentRowsBesideAll() async throws {
        let r = try await ReportTest.run(try ReportTest.scenario())
        let summary = SummaryCSV.render(r).components(separatedBy: "\r\n")
        let gov = summary.filter { $0.contains(",government,government (fiscal funders),") }
        // Every program has a fiscal funder: 3 programs and all programs, 3 years, after and total.
        XCTAssertEqual(gov.count, 4 * 5)
        for p in ["rd", "quantum", "risk", "all"] {
            XCTAssertEqual(gov.filter { $0.hasPrefix("report-test,\(p),") }.count, 5, p)
        }
        XCTAssertEqual(summary.filter { $0.contains(",all,all funders,") }.count, 4 * 5, "the all rows stay")
        let totals = TotalsCSV.render(r).components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let funders = totals.dropFirst().map { String($0.split(separator: ",")[1]) }
        XCTAssertEqual(funders.enumerated().filter { $0.offset % 3 == 0 }.map(\.element), ["province", "city", "zone", "bank", "government", "all"])
        let mean = try XCTUnwrap(r.statistics(program: nil, funder: Funder.governmentID, year: .total)).mean
        let row = try XCTUnwrap(totals.first { $0.hasPrefix("report-test,government,government (fiscal funders),,mean,") })
        XCTAssertTrue(row.contains("," + NumberText.fixed(mean, 4) + ","), row)
    }

    func testTheReportStacksFiscalFundersOnlyAndDrawsTheBankApart() async throws {
        let (html, _) = try await ReportTest.runPage()
        let section = try XCTUnwrap(html.range(of: "<section id=\"by-year\">").map { html[$0.lowerBound...] })
        let figures = ReportTest.elements("figure", in: String(section.prefix(while: { _ in true })))
        XCTAssertGreaterThanOrEqual(figures.count, 2)
        let stacked = figures[0], apart = figures[1]
        for name in ["山东省财政", "济南市财政", "高新区财政"] { XCTAssertTrue(stacked.contains(name), name) }
        XCTAssertFalse(stacked.contains("合作银行"))
        XCTAssertTrue(apart.contains("合作银行"))
        XCTAssertTrue(section.contains("government (fiscal funders)"))
    }

    func testTheComparisonHasGovernmentRowsWithAnInterval() async throws {
        let base = try await ReportTest.run(try ReportTest.scenario())
        let reform = try await ReportTest.run(try ReportTest.scenario(cap: 500))
        let c = try PairedComparison(base: XCTUnwrap(base.keptPaths), reform: XCTUnwrap(reform.keptPaths))
        let row = try XCTUnwrap(c.row(SeriesKey(program: nil, funder: Funder.governmentID, year: .total)))
        XCTAssertGreaterThan(row.delta.se, 0)
        let delta = DeltaCSV.render(c)
        XCTAssertTrue(delta.contains("report-test,all,all programs,government,government (fiscal funders),total,,"))
        XCTAssertTrue(ComparisonTable.render(c, changes: []).contains("government (fiscal funders)"))
    }
}
