import CoFundEngine
import CoFundModel
import XCTest

@testable import CoFundReport

/// `report.html` of `cofund stress`: one section "The bad years" with a chart and a table per total,
/// self-contained, names escaped, and the table's numbers those of the stress test.
final class StressPageTests: XCTestCase {
    func testThePageHasTheBadYearsWithEveryRowEscaped() async throws {
        let r = try await ReportTest.run(try ReportTest.scenario(), paths: 400)
        let tests = try await StressTest.run(r, id: "government", tail: 0.05)
        let html = StressPage.render(tests, plan: r.plan, manifest: ReportTest.manifest(r))
        ReportTest.assertSelfContained(html)
        XCTAssertTrue(html.contains("<meta name=\"cofund-report\" content=\"stress\">"))
        XCTAssertEqual(ReportTest.elements("h2", in: html).map { String($0.dropFirst(4).dropLast(5)) }, StressPage.headings)
        XCTAssertTrue(html.contains("研发补助 &lt;b&gt;&amp;&quot;"))
        XCTAssertFalse(html.contains(ReportTest.programName), "a program name written raw")
        let t = try XCTUnwrap(tests.first)
        XCTAssertEqual(ReportTest.count("<svg", in: html), 1, "one chart of the programs' payments")
        for row in t.rows {
            XCTAssertTrue(html.contains("<code>\(HTML.escape(StressLabels.path(row, t, r.scenario)))</code>"), StressLabels.path(row, t, r.scenario))
        }
        XCTAssertTrue(html.contains(ReportNumber.amount(t.total.tailMean)), "the tail total")
        XCTAssertTrue(html.contains("CVaR95"))
    }
}
