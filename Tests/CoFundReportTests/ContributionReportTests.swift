import CoFundEngine
import CoFundModel
import CoFundReport
import XCTest

/// `contributions.csv` and the report's "What makes the bad year" section, with every path kept
/// and with sketches only.
final class ContributionReportTests: XCTestCase {
    /// A run that kept sketches has no contribution rows: the file holds its header only, and the
    /// report says why in one line.
    func testASketchRunWritesNoContributionRowsAndSaysWhy() async throws {
        let s = try ReportTest.scenario()
        let plan = SimulationPlan(s)
        let options = SimulationOptions(paths: 400, seed: 1, threads: 2)
        let a = try await Simulation.aggregate(plan, paths: 0..<400, options: options)
        let r = SimulationResult(plan: plan, options: options, aggregate: a, converged: nil, wallSeconds: 0)
        XCTAssertFalse(r.keepsPathValues)
        let csv = ContributionsCSV.render(r)
        XCTAssertEqual(csv, "\u{FEFF}" + ContributionsCSV.columns.joined(separator: ",") + "\r\n")
        let html = RunPage.render(r, manifest: ReportTest.manifest(r))
        XCTAssertTrue(html.contains("<h2>What makes the bad year</h2>"))
        XCTAssertTrue(html.contains("risk contributions not computed: this run of 400 paths kept quantile sketches"), html)
    }

    /// With every path kept: a chart per funder, the government and each line, the program names
    /// escaped.
    func testTheSectionHasAChartPerScopeWithEscapedNames() async throws {
        let r = try await ReportTest.run(try ReportTest.scenario(), paths: 300)
        let html = RunPage.render(r, manifest: ReportTest.manifest(r))
        ReportTest.assertSelfContained(html)
        let start = try XCTUnwrap(html.range(of: "<h2>What makes the bad year</h2>"))
        let section = html[start.upperBound...].prefix { _ in true }
        let end = section.range(of: "<h2>")?.lowerBound ?? section.endIndex
        let body = String(section[..<end])
        let scopes = RiskContributions.all(r).filter { !$0.parts.isEmpty }
        XCTAssertGreaterThan(scopes.count, 2)
        XCTAssertEqual(ReportTest.count("<figure", in: body), scopes.count)
        XCTAssertFalse(body.contains(ReportTest.programName), "a program name is not escaped")
        XCTAssertTrue(body.contains("CVaR95 contribution"))
    }
}
