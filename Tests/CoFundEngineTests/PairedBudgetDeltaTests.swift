import CGSL
import CoFundEngine
import CoFundModel
import XCTest

/// The paired change in a budget line's risk: on common random numbers each path gives the pair
/// (baseline exceeded, reform exceeded), and the change in `p_over` is the mean of their difference.
final class PairedBudgetDeltaTests: XCTestCase {
    /// Awards of 1 per claim, N ~ Poisson(50) claims a year for two years, paid by the city under
    /// one line of `budget` a year.
    static func line(budget: Int) throws -> Scenario {
        try EngineTest.scenario(
            funders: ["city"], years: 2,
            programs:
                "  - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 50}, approval: 1}, amount: 1, share: {city: 1}}",
            lines: "  - {id: awards, name: awards, funder: city, programs: [a], amount: \(budget)}")
    }

    static func compare(_ base: Scenario, _ reform: Scenario, paths: Int) async throws -> PairedComparison {
        let b = try await EngineTest.run(base, paths: paths)
        let r = try await EngineTest.run(reform, paths: paths)
        return try PairedComparison(base: XCTUnwrap(b.keptPaths), reform: XCTUnwrap(r.keptPaths))
    }

    /// Oracle: raising the budget from b1 = 52 to b2 = 58 leaves every path's demand N where it was
    /// (no rationing, common random numbers), so d = I(N > b2) − I(N > b1) = −I(b1 < N ≤ b2): per year
    /// the change is −q with q = F(b2) − F(b1) (F the Poisson(50) distribution function) and the
    /// standard error √(q(1 − q)/n); over the two independent years the chance of exceeding in at
    /// least one year falls from 1 − F(b1)² to 1 − F(b2)², a change of F(b1)² − F(b2)². The change in the
    /// expected excess is −E[min((N − b1)⁺, b2 − b1)] a year. Tolerance: 4 standard errors of the
    /// closed form; the reported se against its closed form within the delta method's 4 se,
    /// |1 − 2q|/(2√(q(1 − q)n)) · 4√(q(1 − q)/n) = 2|1 − 2q|/n, plus the n/(n − 1) of the sample sd.
    func testRaisingAFixedBudgetLowersPOverByTheExactPoissonMassBetweenTheTwoBudgets() async throws {
        let n = 20000
        let c = try await Self.compare(try Self.line(budget: 52), try Self.line(budget: 58), paths: n)
        let f1 = gsl_cdf_poisson_P(52, 50), f2 = gsl_cdf_poisson_P(58, 50)
        let q = f2 - f1
        let se = (q * (1 - q) / Double(n)).squareRoot()
        let capped = (53...200).reduce(0.0) { $0 + Double(min($1 - 52, 6)) * gsl_ran_poisson_pdf(UInt32($1), 50) }
        let cappedSquared = (53...200).reduce(0.0) { $0 + pow(Double(min($1 - 52, 6)), 2) * gsl_ran_poisson_pdf(UInt32($1), 50) }
        let rows = c.lineRows("awards", funder: "city")
        XCTAssertEqual(rows.map(\.year), [0, 1, nil])
        for row in rows.prefix(2) {
            let d = try XCTUnwrap(row.deltaOver)
            XCTAssertEqual(d.mean, -q, accuracy: 4 * se, "year \(row.year!)")
            XCTAssertEqual(d.se, se, accuracy: 2 * abs(1 - 2 * q) / Double(n) + se / Double(n), "year \(row.year!)")
            XCTAssertEqual(try XCTUnwrap(row.base?.budget), 52)
            XCTAssertEqual(try XCTUnwrap(row.reform?.budget), 58)
            // The paired mean is the difference of the two runs' proportions.
            XCTAssertEqual(d.mean, row.reform!.probabilityOver - row.base!.probabilityOver, accuracy: 1e-12)
            let e = try XCTUnwrap(row.deltaExcess)
            XCTAssertEqual(e.mean, -capped, accuracy: 4 * ((cappedSquared - capped * capped) / Double(n)).squareRoot())
        }
        let any = try XCTUnwrap(rows.last?.deltaOver)
        let qAny = f2 * f2 - f1 * f1
        XCTAssertEqual(any.mean, -qAny, accuracy: 4 * (qAny * (1 - qAny) / Double(n)).squareRoot())
        XCTAssertEqual(any.interval95.lowerBound, any.mean - 1.96 * any.se)
    }

    /// Identity: a reform equal to its baseline gives d = 0 on every path, so every change and
    /// its standard error are exactly 0, and every batch's change in p95 is 0.
    func testANullReformGivesExactlyZeroChangesAndZeroStandardErrors() async throws {
        let s = try Self.line(budget: 52)
        let c = try await Self.compare(s, s, paths: 2000)
        XCTAssertEqual(c.lines.count, 3)
        for row in c.lines {
            XCTAssertEqual(row.deltaOver, PairedDifference(mean: 0, se: 0))
            XCTAssertEqual(row.deltaExcess, PairedDifference(mean: 0, se: 0))
        }
        for row in c.rows {
            XCTAssertEqual(row.p95Delta, 0)
            XCTAssertEqual(row.p95Interval95, 0...0, "\(row.key)")
        }
    }

    /// A line the reform adds has the reform's figures, none of the baseline's, and no change.
    func testALineOnOneSideOnlyKeepsThatSidesFiguresAndNoChange() async throws {
        let without = try EngineTest.scenario(
            funders: ["city"], years: 2,
            programs:
                "  - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 50}, approval: 1}, amount: 1, share: {city: 1}}")
        let c = try await Self.compare(without, try Self.line(budget: 52), paths: 500)
        let rows = c.lineRows("awards", funder: "city")
        XCTAssertEqual(rows.count, 3)
        for row in rows {
            XCTAssertNil(row.base)
            XCTAssertNotNil(row.reform)
            XCTAssertNil(row.deltaOver)
            XCTAssertNil(row.deltaExcess)
        }
    }
}
