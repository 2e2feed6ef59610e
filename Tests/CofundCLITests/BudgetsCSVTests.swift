import CoFundTestSupport
import Foundation
import XCTest

/// `budgets.csv` read back with an RFC 4180 parser, every number against its oracle.
///
/// The scenario: two award programs paying 1 per claim with Poisson(30) and Poisson(20) claims a
/// year, both paid by the city under one pro-rata line of 55 a year for two years, so the line's
/// demand each year is N ~ Poisson(50), independent between years. Oracles (λ = 50, b = 55):
/// - `budget`: 55 a year; the `any` row 110;
/// - `demand_mean`: λ a year, 2λ over the horizon, within 4 standard errors √(λ/n);
/// - `demand_p95`: the smallest k with P(N ≤ k) ≥ 0.95, its distribution function within 4 se of 0.95;
/// - `p_over`: P(N > b); the `any` row 1 − (1 − P(N > b))²; within 4 binomial standard errors;
/// - `expected_excess`: Σₖ₌b₊₁ (k − b)·P(N = k), within 4 se (the excess's sd over √n); twice that for `any`;
/// - `expected_unpaid`: under pro-rata rationing the unpaid demand is the excess on every path, so
///   it equals `expected_excess` to the CSV's 4 decimals.
final class BudgetsCSVTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let scenario = """
        scenario: {id: lines, title: lines, unit: wan, years: [2025, 2026], seed: 1, paths: 100}
        funders:
          - {id: city, name: 济南市财政, level: city}
        programs:
          - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 30}, approval: 1}, amount: 1, share: {city: 1}}
          - {id: b, name: b, source: t, kind: award, claims: {count: {dist: poisson, mean: 20}, approval: 1}, amount: 1, share: {city: 1}}
        budget_lines:
          - {id: awards, name: 奖励资金, funder: city, programs: [a, b], amount: 55, rationing: pro_rata, source: 济政发〔2018〕14号}
        """

    static func pmf(_ k: Int, _ lambda: Double) -> Double { exp(-lambda + Double(k) * log(lambda) - lgamma(Double(k) + 1)) }
    static func cdf(_ k: Int, _ lambda: Double) -> Double { (0...max(k, 0)).reduce(0) { $0 + pmf($1, lambda) } }

    func testEveryNumberOfALineOverTwoPoissonProgramsMatchesItsClosedForm() throws {
        let paths = 20000
        let file = try dir.write("lines.yaml", Self.scenario)
        let r = try CofundCLI.run(["run", file, "--paths", "\(paths)", "--seed", "11", "--out", dir.path("out"), "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let table = try RFC4180.table(try dir.text("out/budgets.csv"))
        XCTAssertEqual(table.rows.map { $0["period"] }, ["year", "year", "total"])
        XCTAssertEqual(table.rows.map { $0["year"] }, ["2025", "2026", ""])
        let (lambda, budget, n) = (50.0, 55, Double(paths))
        let pOver = 1 - Self.cdf(budget, lambda)
        let excess = (budget + 1...200).reduce(0.0) { $0 + Double($1 - budget) * Self.pmf($1, lambda) }
        let excess2 = (budget + 1...200).reduce(0.0) { $0 + pow(Double($1 - budget), 2) * Self.pmf($1, lambda) }
        let seExcess = ((excess2 - excess * excess) / n).squareRoot()
        func number(_ row: [String: String], _ column: String) throws -> Double { try XCTUnwrap(Double(row[column] ?? ""), column) }
        for row in table.rows {
            XCTAssertEqual(row["line"], "awards")
            XCTAssertEqual(row["programs"], "a b")
            XCTAssertEqual(row["basis"], "cited")
            XCTAssertEqual(row["rationing"], "pro_rata")
            XCTAssertEqual(try number(row, "expected_unpaid"), try number(row, "expected_excess"), accuracy: 2e-4)
            guard row["period"] != "total" else { continue }
            XCTAssertEqual(try number(row, "budget"), 55)
            XCTAssertEqual(try number(row, "demand_mean"), lambda, accuracy: 4 * (lambda / n).squareRoot())
            let p95 = Int(try number(row, "demand_p95"))
            let se95 = (0.95 * 0.05 / n).squareRoot()
            XCTAssertGreaterThanOrEqual(Self.cdf(p95, lambda), 0.95 - 4 * se95)
            XCTAssertLessThanOrEqual(Self.cdf(p95 - 1, lambda), 0.95 + 4 * se95)
            XCTAssertEqual(try number(row, "p_over"), pOver, accuracy: 4 * (pOver * (1 - pOver) / n).squareRoot())
            XCTAssertEqual(try number(row, "expected_excess"), excess, accuracy: 4 * seExcess)
        }
        let any = try XCTUnwrap(table.rows.last)
        let pAny = 1 - (1 - pOver) * (1 - pOver)
        XCTAssertEqual(try number(any, "budget"), 110)
        XCTAssertEqual(try number(any, "demand_mean"), 2 * lambda, accuracy: 4 * (2 * lambda / n).squareRoot())
        XCTAssertEqual(try number(any, "p_over"), pAny, accuracy: 4 * (pAny * (1 - pAny) / n).squareRoot())
        XCTAssertEqual(try number(any, "expected_excess"), 2 * excess, accuracy: 4 * 2.squareRoot() * seExcess)
        let p95Any = Int(try number(any, "demand_p95"))
        let se95 = (0.95 * 0.05 / n).squareRoot()
        XCTAssertGreaterThanOrEqual(Self.cdf(p95Any, 2 * lambda), 0.95 - 4 * se95, "a sum of two years is Poisson(2λ)")
        XCTAssertLessThanOrEqual(Self.cdf(p95Any - 1, 2 * lambda), 0.95 + 4 * se95)
    }

    /// The terminal shows the line, not its programs, with its chance of being exceeded, and marks an
    /// illustrative amount.
    func testTheTerminalShowsLinesAndMarksIllustrativeAmounts() throws {
        let file = try dir.write("lines.yaml", Self.scenario.replacingOccurrences(of: ", source: 济政发〔2018〕14号", with: ""))
        let r = try CofundCLI.run(["run", file, "--paths", "500", "--seed", "11", "--out", dir.path("out")], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let row = try XCTUnwrap(r.stdout.split(separator: "\n").first { $0.contains("奖励资金") }, r.stdout)
        XCTAssertTrue(row.contains("illustrative, pro rata"), String(row))
        let csv = try RFC4180.table(try dir.text("out/budgets.csv"))
        XCTAssertEqual(Set(csv.rows.map { $0["basis"] }), ["illustrative"])
    }
}
