import CoFundEngine
import CoFundModel
import XCTest

@testable import CoFundReport

/// `report.html` of a run: self-contained, with every section, the scenario's names, the unit,
/// escaped text, numbers equal to the statistics, and the same bytes every time.
final class RunPageTests: XCTestCase {
    func testPageIsSelfContainedWithChartsSectionsNamesAndUnit() async throws {
        let (html, _) = try await ReportTest.runPage()
        ReportTest.assertSelfContained(html)
        XCTAssertGreaterThanOrEqual(ReportTest.count("<svg", in: html), 4)
        XCTAssertEqual(RunPage.headings.count, 10)
        for h in RunPage.headings { XCTAssertTrue(html.contains("<h2>\(h)</h2>"), "missing section \(h)") }
        for name in ReportTest.funderNames + ReportTest.programNames + ["济政字〔2020〕20号 第8条", "申请数量为假设"] {
            XCTAssertTrue(html.contains(name), "missing \(name)")
        }
        XCTAssertTrue(html.contains("万元"))
        XCTAssertTrue(html.contains("<meta name=\"cofund-report\" content=\"run\">"))
    }

    func testEveryChartAndTableCarriesTheUnit() async throws {
        let (html, _) = try await ReportTest.runPage()
        let charts = ReportTest.elements("svg", in: html)
        let tables = ReportTest.elements("table", in: html)
        XCTAssertGreaterThanOrEqual(charts.count, 4)
        XCTAssertGreaterThanOrEqual(tables.count, 3)
        for chart in charts { XCTAssertTrue(chart.contains("万元"), "a chart without its unit: \(chart.prefix(200))") }
        for table in tables { XCTAssertTrue(table.contains("万元"), "a table without its unit: \(table.prefix(200))") }
    }

    func testTextIsEscaped() async throws {
        let (html, _) = try await ReportTest.runPage()
        XCTAssertTrue(html.contains("研发补助 &lt;b&gt;&amp;&quot;"))
        XCTAssertFalse(html.contains(ReportTest.programName), "a program name written raw")
        XCTAssertFalse(html.contains("<b>&"))
        XCTAssertTrue(html.contains("报告测试 &lt;场景&gt; &amp; &quot;引号&quot;"))
        XCTAssertFalse(html.contains("<场景>"))
        XCTAssertEqual(HTML.escape("a<b>&\"c'd"), "a&lt;b&gt;&amp;&quot;c&#39;d")
        XCTAssertEqual(HTML.escape("山东省财政"), "山东省财政")
    }

    func testHeadlineNumbersAreTheStatisticsOfTheResult() async throws {
        let (html, r) = try await ReportTest.runPage()
        let section = html[html.range(of: "<section id=\"headline\">")!.lowerBound...]
        for f in r.plan.layout.funders + [Funder.governmentID, nil] as [String?] {
            let st = try XCTUnwrap(r.statistics(program: nil, funder: f, year: .total))
            let card = try XCTUnwrap(section.range(of: "data-funder=\"\(f ?? "all")\"").map { section[$0.lowerBound...] })
            XCTAssertEqual(ReportTest.text(after: "", open: "<span class=\"mean\">", close: "<", in: card), ReportNumber.amount(st.mean))
            XCTAssertEqual(ReportTest.text(after: "", open: "<span class=\"se\">", close: "<", in: card), ReportNumber.amount(st.se))
            // p95 and CVaR95 carry their 95% interval and standard error as hover text.
            let p95Title = "95% interval \(ReportNumber.amount(st.intervals.p95.lowerBound)) – \(ReportNumber.amount(st.intervals.p95.upperBound))"
            let cvarTitle = "± \(ReportNumber.amount(try XCTUnwrap(st.intervals.cvar95SE))) standard error"
            XCTAssertEqual(
                ReportTest.text(after: "", open: "<dd class=\"p95\" title=\"\(p95Title)\">", close: "<", in: card), ReportNumber.amount(st.p95))
            XCTAssertEqual(
                ReportTest.text(after: "", open: "<dd class=\"cvar95\" title=\"\(cvarTitle)\">", close: "<", in: card),
                ReportNumber.amount(st.cvar95))
            if let f { XCTAssertTrue(card.prefix(400).contains(r.scenario.reportedFunderName(f))) }
        }
        // The figures are the statistics, formatted with thousands separators.
        let figures = HeadlineSection.figures(r)
        // The fiscal funders, the government total, the bank apart, then all funders.
        XCTAssertEqual(figures.map(\.funder), r.plan.layout.funders.filter { $0 != "bank" } + [Funder.governmentID, "bank", nil])
        XCTAssertTrue(r.plan.layout.funders.contains("bank"))
        let grand = try XCTUnwrap(r.statistics(program: nil, funder: nil, year: .total))
        XCTAssertEqual(figures.last?.mean, Formatting.amount(grand.mean, decimals: abs(grand.mean) >= 100 ? 0 : 1))
        XCTAssertEqual(ReportNumber.amount(1_234_567.4), "1,234,567")
        XCTAssertEqual(ReportNumber.amount(12.345), "12.3")
        XCTAssertEqual(ReportNumber.amount(0.126), "0.13")
    }

    func testHistogramCountsEveryPathAndMarksP95InsideTheAxis() async throws {
        let (html, r) = try await ReportTest.runPage()
        let chart = try XCTUnwrap(DistributionSection.chart(r, ReportContext(r.scenario)))
        XCTAssertEqual(chart.histogram.counts.count, DistributionSection.bins)
        XCTAssertEqual(chart.histogram.counts.reduce(0, +), r.paths)
        let st = try XCTUnwrap(r.statistics(program: nil, funder: nil, year: .total))
        for (name, value) in [("p95", st.p95), ("CVaR95", st.cvar95)] {
            let x = try XCTUnwrap(chart.markerX(name))
            XCTAssertGreaterThan(x, chart.plot.left, name)
            XCTAssertLessThan(x, chart.plot.right, name)
            XCTAssertEqual(chart.x.map(chart.x.scale.lower), chart.plot.left)
            XCTAssertEqual(chart.x.map(chart.x.scale.upper), chart.plot.right)
            XCTAssertTrue(html.contains("\(name) \(ReportNumber.amount(value))"), "the \(name) label")
            // The marker line in the page is the one computed.
            let marker = try XCTUnwrap(html.range(of: "data-marker=\"\(name)\""))
            let line = try XCTUnwrap(html[..<marker.lowerBound].components(separatedBy: "<line").last)
            XCTAssertTrue(line.contains("x1=\"\(ReportNumber.coordinate(x))\""), line)
        }
    }

    func testARunTooLargeToKeepItsPathsDrawsTheHistogramFromItsSketch() async throws {
        let s = try ReportTest.scenario()
        let plan = SimulationPlan(s)
        let options = SimulationOptions(paths: 700, seed: 1, threads: 2)
        let a = try await Simulation.aggregate(plan, paths: 0..<700, options: options)
        let r = SimulationResult(plan: plan, options: options, aggregate: a, converged: nil, wallSeconds: 0)
        XCTAssertFalse(r.keepsPathValues)
        let html = RunPage.render(r, manifest: ReportTest.manifest(r))
        ReportTest.assertSelfContained(html)
        for h in RunPage.headings { XCTAssertTrue(html.contains("<h2>\(h)</h2>"), "missing section \(h)") }
        XCTAssertTrue(html.contains("quantile sketch"))
        let (h, exact) = try XCTUnwrap(DistributionSection.histogram(r))
        XCTAssertFalse(exact)
        XCTAssertEqual(h.counts.count, DistributionSection.bins)
        XCTAssertEqual(h.counts.reduce(0, +), 700)
        // The sketch's histogram is close to the exact one of the same paths.
        let exactRun = try await Simulation.run(plan, options: options)
        let (e, isExact) = try XCTUnwrap(DistributionSection.histogram(exactRun))
        XCTAssertTrue(isExact)
        XCTAssertEqual(h.lower, e.lower, accuracy: 1e-9 * abs(e.lower) + 1e-9)
        XCTAssertEqual(h.upper, e.upper, accuracy: 1e-9 * abs(e.upper) + 1e-9)
        let shifted = zip(h.counts, e.counts).reduce(0) { $0 + abs($1.0 - $1.1) }
        XCTAssertLessThan(shifted, 70, "paths in other bins: \(shifted) of 700")
        let chart = try XCTUnwrap(DistributionSection.chart(r, ReportContext(s)))
        let p95 = try XCTUnwrap(chart.markerX("p95"))
        XCTAssertTrue((chart.plot.left...chart.plot.right).contains(p95))
    }

    func testRenderingIsDeterministic() async throws {
        let s = try ReportTest.scenario()
        let r = try await ReportTest.run(s)
        let m = ReportTest.manifest(r)
        XCTAssertEqual(RunPage.render(r, manifest: m), RunPage.render(r, manifest: m))
        // Another run of the same scenario and seed, on another thread count, gives the same page
        // once the manifest's thread count and timing are the same.
        let again = try await ReportTest.run(s, threads: 1)
        var m2 = ReportTest.manifest(again)
        m2.threads = m.threads
        m2.wallSeconds = m.wallSeconds
        XCTAssertEqual(RunPage.render(again, manifest: m2), RunPage.render(r, manifest: m))
    }

    func testRunDirectoryHoldsTheReport() async throws {
        let r = try await ReportTest.run(try ReportTest.scenario(), paths: 100)
        let files = RunReport.files(r, scenarioFile: "report-test.yaml", scenarioSHA256: "00")
        XCTAssertEqual(
            files.map(\.name),
            [
                "summary.csv", "totals.csv", "budgets.csv", "contributions.csv", "assumptions.csv", "parameters.csv", "checks.csv", "manifest.json",
                "report.html",
            ])
        let html = try XCTUnwrap(files.last?.text)
        XCTAssertTrue(html.contains("<h2>Run manifest</h2>"))
        XCTAssertTrue(html.contains(String(r.options.seed)))
    }

    func testManifestSectionListsTheRunAndItsReforms() async throws {
        let r = try await ReportTest.run(try ReportTest.scenario(), paths: 100)
        var m = ReportTest.manifest(r)
        m.reforms = ["programs.rd.cap_per_claim: 250 → 500"]
        let html = RunPage.render(r, manifest: m)
        let section = try XCTUnwrap(html.range(of: "<section id=\"manifest\">").map { html[$0.lowerBound...] })
        for text in [
            CofundVersion.current, String(repeating: "ab", count: 32), "report-test.yaml", "500", String(m.threads),
            String(format: "%.3f s", m.wallSeconds), "programs.rd.cap_per_claim: 250 → 500",
        ] {
            XCTAssertTrue(section.contains(text), "manifest lacks \(text)")
        }
        XCTAssertTrue(html.contains("Reformed:"), "the reform is listed under the title")
    }

    func testBudgetTableGivesEveryYearsRisk() async throws {
        let (html, r) = try await ReportTest.runPage()
        let section = try XCTUnwrap(
            html.range(of: "<section id=\"budgets\">").map { html[$0.lowerBound...] }.flatMap { s in
                s.range(of: "</section>").map { s[..<$0.upperBound] }
            })
        XCTAssertEqual(r.plan.budgetCells.count, 3)
        for (i, _) in r.plan.budgetCells.enumerated() {
            XCTAssertTrue(section.contains(ReportNumber.percent(r.budgets[i].probabilityOver)))
            XCTAssertTrue(section.contains(ReportNumber.amount(r.budgets[i].expectedExcess)))
        }
        XCTAssertTrue(section.contains("研发补助 &lt;b&gt;&amp;&quot;"))
        XCTAssertTrue(section.contains("山东省财政"))
        XCTAssertTrue(section.contains("150"))
        XCTAssertTrue(section.contains("illustrative"), "a program's own budget cites no text")
        XCTAssertTrue(section.contains(ReportNumber.percent(r.lineBudgets[0].probabilityOver)))
    }

    /// The self-check section shows each funder's total beside its closed form, and, with importance
    /// sampling, its estimates: the numbers of `SelfCheck` and `ImportanceSampling`, formatted.
    func testTheSelfCheckSectionShowsTheClosedFormsAndTheWeightedTail() async throws {
        let r = try await ReportTest.run(try ReportTest.scenario(), paths: 1000)
        let sampled = try await ImportanceSampling.run(r, target: Funder.governmentID)
        let i = try XCTUnwrap(sampled)
        let html = RunPage.render(r, manifest: ReportTest.manifest(r), importance: i)
        let section = try XCTUnwrap(html.range(of: "<h2>Self-check</h2>")).upperBound
        let rest = String(html[section...])
        let check = SelfCheck(r)
        let government = try XCTUnwrap(r.plan.layout.index(program: nil, funder: Funder.governmentID, year: .total))
        let row = try XCTUnwrap(check.rows.first { $0.series == government })
        XCTAssertTrue(rest.contains(Formatting.amount(try XCTUnwrap(row.closedForm), decimals: 0)), "no closed form of the government total")
        for e in i.estimates { XCTAssertTrue(rest.contains(Formatting.amount(e.value, decimals: 0)), "no weighted \(e.statistic)") }
        XCTAssertTrue(rest.contains("effective sample size"))
        XCTAssertFalse(RunPage.render(r, manifest: ReportTest.manifest(r)).contains("effective sample size"))
    }
}
