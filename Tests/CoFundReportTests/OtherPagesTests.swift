import CoFundEngine
import CoFundModel
import XCTest

@testable import CoFundReport

/// The pages of `compare`, `sweep` and `sensitivity`: self-contained, with their charts, sections,
/// names and unit.
final class OtherPagesTests: XCTestCase {
    func testComparePageChartsEachFundersChangeWithItsInterval() async throws {
        let base = try await ReportTest.run(try ReportTest.scenario(cap: 250))
        let reform = try await ReportTest.run(try ReportTest.scenario(cap: 50))
        let c = try PairedComparison(base: XCTUnwrap(base.keptPaths), reform: XCTUnwrap(reform.keptPaths))
        let change = "programs.rd.cap_per_claim: 250 → 50"
        let html = ComparePage.render(c, changes: [change], manifest: ReportTest.manifest(base))
        ReportTest.assertSelfContained(html)
        XCTAssertTrue(html.contains("<meta name=\"cofund-report\" content=\"compare\">"))
        XCTAssertGreaterThanOrEqual(ReportTest.count("<svg", in: html), 2)
        for h in ComparePage.headings { XCTAssertTrue(html.contains("<h2>\(h)</h2>"), "missing section \(h)") }
        for name in ["山东省财政", "济南市财政", "研发补助 &lt;b&gt;&amp;&quot;"] { XCTAssertTrue(html.contains(name), name) }
        XCTAssertTrue(html.contains(change))
        for chart in ReportTest.elements("svg", in: html) { XCTAssertTrue(chart.contains("万元")) }
        // The province's change and its interval are written as computed.
        let row = try XCTUnwrap(c.row(SeriesKey(program: nil, funder: "province", year: .total)))
        XCTAssertLessThan(row.delta.mean, 0, "a lower cap lowers the province's bill")
        XCTAssertTrue(html.contains("[\(ReportNumber.signed(row.interval95.lowerBound)), \(ReportNumber.signed(row.interval95.upperBound))]"))
        XCTAssertEqual(html, ComparePage.render(c, changes: [change], manifest: ReportTest.manifest(base)))
    }

    func testComparePageOfANullReform() async throws {
        let r = try await ReportTest.run(try ReportTest.scenario(), paths: 100)
        let html = ComparePage.render(
            try PairedComparison(base: XCTUnwrap(r.keptPaths), reform: XCTUnwrap(r.keptPaths)), changes: [], manifest: ReportTest.manifest(r))
        ReportTest.assertSelfContained(html)
        XCTAssertTrue(html.contains("a null reform"))
        XCTAssertTrue(html.contains("No program"))
        for h in ComparePage.headings { XCTAssertTrue(html.contains("<h2>\(h)</h2>"), "missing section \(h)") }
    }

    func testSweepPageDrawsMeanAndP95AgainstTheSweptValue() async throws {
        var points: [SweepCSV.Point] = []
        for cap in [50.0, 150, 250] {
            points.append(.init(values: [Formatting.trimmed(cap)], result: try await ReportTest.run(try ReportTest.scenario(cap: cap), paths: 200)))
        }
        let parameter = "programs.rd.cap_per_claim"
        var m = ReportTest.manifest(points[0].result)
        m.reforms = ["sweep \(parameter)=50,150,250"]
        let html = SweepPage.render(parameters: [parameter], points: points, manifest: m)
        ReportTest.assertSelfContained(html)
        XCTAssertTrue(html.contains("<meta name=\"cofund-report\" content=\"sweep\">"))
        // One chart per funder and one for all funders, each with a mean and a p95 line.
        let charts = ReportTest.elements("svg", in: html)
        XCTAssertEqual(charts.count, points[0].result.plan.layout.funders.count + 1)
        for chart in charts {
            XCTAssertTrue(chart.contains("万元"))
            XCTAssertEqual(ReportTest.count("<polyline", in: String(chart)), 2)
            XCTAssertTrue(chart.contains("stroke-dasharray"), "the p95 line is dashed")
        }
        for h in SweepPage.headings { XCTAssertTrue(html.contains("<h2>\(h)</h2>"), "missing section \(h)") }
        for name in ReportTest.funderNames { XCTAssertTrue(html.contains(name), name) }
        let province = try XCTUnwrap(points[2].result.statistics(program: nil, funder: "province", year: .total))
        XCTAssertTrue(html.contains("\(ReportNumber.amount(province.mean)) / \(ReportNumber.amount(province.p95))"))
        // Two parameters: one line pair per value of the second.
        let grid = points.flatMap { p in ["0.3", "0.5"].map { SweepCSV.Point(values: p.values + [$0], result: p.result) } }
        let two = SweepPage.render(parameters: [parameter, "programs.risk.rho"], points: grid, manifest: m)
        for chart in ReportTest.elements("svg", in: two) { XCTAssertEqual(ReportTest.count("<polyline", in: String(chart)), 4) }
        XCTAssertTrue(two.contains("programs.risk.rho = 0.5"))
    }

    func testSweepOfNonNumericValuesUsesCategories() async throws {
        let r = try await ReportTest.run(try ReportTest.scenario(), paths: 50)
        let points = ["{dist: beta, mean: 0.02, sd: 0.01}", "{dist: beta, mean: 0.04, sd: 0.01}"].map { SweepCSV.Point(values: [$0], result: r) }
        let html = SweepPage.render(parameters: ["programs.risk.pd"], points: points, manifest: ReportTest.manifest(r))
        ReportTest.assertSelfContained(html)
        XCTAssertTrue(html.contains("{dist: beta, mean: 0.02"))
    }

    func testSensitivityPageDrawsATornadoPerFunder() async throws {
        let s = try ReportTest.scenario()
        let swings = try await SensitivityAnalysis.run(SimulationPlan(s), options: SimulationOptions(paths: 300, seed: 1, threads: 2))
        XCTAssertFalse(swings.isEmpty)
        var m = Manifest(
            scenario: s, options: SimulationOptions(paths: 300, seed: 1, threads: 2), scenarioFile: "report-test.yaml", scenarioSHA256: "00")
        m.reforms = ["sensitivity: each uncertain parameter at its p10 and p90"]
        let html = SensitivityPage.render(swings, scenario: s, paths: 300, manifest: m)
        ReportTest.assertSelfContained(html)
        XCTAssertTrue(html.contains("<meta name=\"cofund-report\" content=\"sensitivity\">"))
        let charts = ReportTest.elements("svg", in: html)
        let funders = Set(swings.filter { $0.scope == .funder && ($0.meanSwing != 0 || $0.p95Swing != 0) }.map(\.id))
        XCTAssertEqual(charts.count, funders.count)
        XCTAssertGreaterThanOrEqual(charts.count, 2)
        for chart in charts { XCTAssertTrue(chart.contains("万元")) }
        for h in SensitivityPage.headings { XCTAssertTrue(html.contains("<h2>\(h)</h2>"), "missing section \(h)") }
        for p in ["programs.rd.claims.approval", "programs.risk.pd", "programs.risk.loss_shares.city"]
        where swings.contains(where: { $0.driver.path == p }) {
            XCTAssertTrue(html.contains(p), p)
        }
        XCTAssertTrue(html.contains("山东省财政"))
        XCTAssertEqual(html, SensitivityPage.render(swings, scenario: s, paths: 300, manifest: m))
    }
}
