import CoFundEngine
import CoFundModel
import XCTest

@testable import CoFundReport

/// The numbers the terminal tables print are the statistics they summarise.
final class TerminalTableTests: XCTestCase {
    /// Each budget line shows the year with the highest P(over) (ties broken by the expected
    /// excess), that probability, the chance of
    /// exceeding it in some year, and the mean over the years of the expected excess.
    func testBudgetLinesShowTheWorstYearAndTheMeanExcess() async throws {
        let r = try await ReportTest.run(try ReportTest.scenario())
        let text = ExposureTable.render(r)
        let cells = r.plan.budgetCells.indices.filter { r.plan.budgetCells[$0].funder == "province" }
        let worst = try XCTUnwrap(
            cells.max {
                (r.budgets[$0].probabilityOver, r.budgets[$0].expectedExcess) < (r.budgets[$1].probabilityOver, r.budgets[$1].expectedExcess)
            })
        let excess = cells.reduce(0) { $0 + r.budgets[$1].expectedExcess } / Double(cells.count)
        let line = try XCTUnwrap(text.split(separator: "\n").first { $0.contains(ReportTest.programName) && $0.contains("province") })
        XCTAssertTrue(line.contains(String(2025 + r.plan.budgetCells[worst].year)), String(line))
        XCTAssertTrue(line.contains(Formatting.rate(r.budgets[worst].probabilityOver)), String(line))
        XCTAssertTrue(line.contains(Formatting.amount(excess, decimals: 1)), String(line))
        let l = try XCTUnwrap(r.plan.lines.firstIndex { $0.funder == "province" })
        XCTAssertTrue(line.contains(Formatting.rate(r.lineBudgets[l].probabilityOver)), String(line))
    }

    /// Every funder's and the government's mean over the horizon appears, and the title states the
    /// years once.
    func testExposureTableShowsEachFundersHorizonMean() async throws {
        let r = try await ReportTest.run(try ReportTest.scenario())
        let text = ExposureTable.render(r)
        for f in r.plan.layout.funders + [Funder.governmentID] {
            let mean = try XCTUnwrap(r.statistics(program: nil, funder: f, year: .total)).mean
            XCTAssertTrue(text.contains(Formatting.amount(mean, decimals: 0)), "\(f): \(mean)")
        }
        XCTAssertEqual(text.components(separatedBy: "2025–2027").count - 1, 2, "the years: once in the title line, once in the legend")
    }

    /// The comparison's closing line turns Var(Δ)/(Var(R)+Var(B)) into a percentage and an error
    /// bar 1/√ratio times narrower.
    func testComparisonStatesTheVarianceRatioAndTheNarrowerErrorBar() async throws {
        let base = try await ReportTest.run(try ReportTest.scenario())
        let reform = try await ReportTest.run(try ReportTest.scenario(cap: 500))
        let c = try PairedComparison(base: XCTUnwrap(base.keptPaths), reform: XCTUnwrap(reform.keptPaths))
        let ratio = try XCTUnwrap(c.row(SeriesKey(program: nil, funder: nil, year: .total))?.varianceRatio)
        let text = ComparisonTable.render(c, changes: ["programs.rd.cap_per_claim: 250 → 500"])
        XCTAssertTrue(text.contains("\(Formatting.trimmed((ratio * 10000).rounded() / 100))%"), text)
        XCTAssertTrue(text.contains("\(Formatting.trimmed((1 / ratio.squareRoot() * 10).rounded() / 10))× narrower"), text)
        XCTAssertTrue(text.contains("programs.rd.cap_per_claim: 250 → 500"))
    }
}
