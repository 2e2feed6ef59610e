import CGSL
import CoFundEngine
import CoFundModel
import XCTest

/// Budget lines: one appropriation covering several programs, and rationing that holds along
/// chains of matches.
final class BudgetLineTests: XCTestCase {
    /// Two award programs paying 1 per claim, Poisson(30) and Poisson(20) claims a year, both paid
    /// by the city, under one line of 55 a year for two years.
    static func twoPrograms(rationing: String) throws -> Scenario {
        try EngineTest.scenario(
            funders: ["city"], years: 2,
            programs: """
                  - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 30}, approval: 1}, amount: 1, share: {city: 1}}
                  - {id: b, name: b, source: t, kind: award, claims: {count: {dist: poisson, mean: 20}, approval: 1}, amount: 1, share: {city: 1}}
                """,
            lines: """
                  - {id: awards, name: awards, funder: city, programs: [a, b], amount: 55, rationing: \(rationing)}
                """)
    }

    /// Oracle: the line's demand is the sum of the two counts, N ~ Poisson(50) each year, independent
    /// between years. P(over) = P(N > 55) = Q(55; 50); E[(N − 55)⁺] = Σₖ₌₅₆ (k − 55)·P(N = k);
    /// the horizon: P(over in some year) = 1 − (1 − Q)²; the demand's mean 50 and its 95th
    /// percentile q = min{k : P(N ≤ k) ≥ 0.95}. Tolerances: 4 standard errors (binomial for the
    /// chances, √(Var/n) for the means); the sample percentile must bracket 0.95 within 4 se.
    func testALineOverTwoProgramsHasTheExactRiskOfAPoissonSum() async throws {
        let paths = 20000
        let r = try await EngineTest.run(try Self.twoPrograms(rationing: "none"), paths: paths)
        XCTAssertEqual(r.plan.lines.count, 1)
        XCTAssertEqual(r.plan.budgetCells.count, 2)
        let q = gsl_cdf_poisson_Q(55, 50)
        let excess = (56...200).reduce(0.0) { $0 + Double($1 - 55) * gsl_ran_poisson_pdf(UInt32($1), 50) }
        let excessSquared = (56...200).reduce(0.0) { $0 + pow(Double($1 - 55), 2) * gsl_ran_poisson_pdf(UInt32($1), 50) }
        let n = Double(paths)
        let p95 = (0...200).first { gsl_cdf_poisson_P(UInt32($0), 50) >= 0.95 }!
        for y in 0..<2 {
            let b = try XCTUnwrap(r.budget(line: 0, year: y))
            XCTAssertEqual(b.budget, 55)
            XCTAssertEqual(b.probabilityOver, q, accuracy: 4 * (q * (1 - q) / n).squareRoot())
            XCTAssertEqual(b.expectedExcess, excess, accuracy: 4 * ((excessSquared - excess * excess) / n).squareRoot())
            XCTAssertEqual(b.demand.mean, 50, accuracy: 4 * (50 / n).squareRoot())
            XCTAssertEqual(b.demand.p95, Double(p95), accuracy: 1, "a Poisson(50) 95th percentile within one count")
            let se = (0.95 * 0.05 / n).squareRoot()
            XCTAssertGreaterThanOrEqual(gsl_cdf_poisson_P(UInt32(b.demand.p95), 50), 0.95 - 4 * se)
            XCTAssertLessThanOrEqual(gsl_cdf_poisson_P(UInt32(b.demand.p95 - 1), 50), 0.95 + 4 * se)
            XCTAssertEqual(b.expectedUnpaid, 0, "without rationing everything is paid")
        }
        let any = r.lineBudgets[0]
        let pAny = 1 - (1 - q) * (1 - q)
        XCTAssertEqual(any.budget, 110)
        XCTAssertEqual(any.probabilityOver, pAny, accuracy: 4 * (pAny * (1 - pAny) / n).squareRoot())
        XCTAssertEqual(any.demand.mean, 100, accuracy: 4 * (100 / n).squareRoot())
        XCTAssertEqual(any.expectedExcess, 2 * excess, accuracy: 4 * (2 * (excessSquared - excess * excess) / n).squareRoot())
    }

    /// Exact identities of pro-rata rationing on every path: the line's funder is paid
    /// min(demand, budget), both programs are cut by the same factor, and the unpaid demand is
    /// max(demand − budget, 0), so E[unpaid] = E[excess].
    func testProRataPaysEachPathMinOfDemandAndBudgetAcrossTheLinesPrograms() async throws {
        let r = try await EngineTest.run(try Self.twoPrograms(rationing: "pro_rata"), paths: 3000)
        let rows = r.plan.budgetRows
        let v = r.keptValues.series
        for y in 0..<2 {
            let a = try XCTUnwrap(r.pathValues(program: "a", funder: "city", year: .year(y)))
            let b = try XCTUnwrap(r.pathValues(program: "b", funder: "city", year: .year(y)))
            let demand = v[rows.demand(cell: y)]
            let unpaid = v[rows.unpaid(cell: y)]
            var cut = 0
            for i in 0..<a.count {
                XCTAssertEqual(a[i] + b[i], min(demand[i], 55), accuracy: 1e-9, "path \(i) year \(y)")
                XCTAssertEqual(unpaid[i], max(demand[i] - 55, 0), accuracy: 1e-9, "path \(i) year \(y)")
                if demand[i] > 55 { cut += 1 }
            }
            XCTAssertGreaterThan(cut, 100, "the line binds on some paths")
            let stats = try XCTUnwrap(r.budget(line: 0, year: y))
            XCTAssertEqual(stats.expectedUnpaid, stats.expectedExcess, accuracy: 1e-9 * max(1, stats.expectedExcess))
        }
    }

    /// A program's own `budget:` is a line covering that program alone: the same figures, bit for bit.
    func testAProgramsOwnBudgetIsTheLineOfThatProgramAlone() async throws {
        let program =
            "{id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 30}, approval: 0.8}, amount: 1, share: {city: 0.5, district: 0.5}, rationing: pro_rata"
        let own = try EngineTest.scenario(funders: ["city", "district"], years: 2, programs: "  - \(program), budget: {city: 10}}")
        let line = try EngineTest.scenario(
            funders: ["city", "district"], years: 2, programs: "  - \(program)}",
            lines: "  - {id: a-line, name: a, funder: city, programs: [a], amount: 10, rationing: pro_rata}")
        let x = try await EngineTest.run(own, paths: 500)
        let y = try await EngineTest.run(line, paths: 500)
        XCTAssertEqual(x.keptValues.series, y.keptValues.series)
        XCTAssertEqual(x.budgets, y.budgets)
        XCTAssertEqual(x.lineBudgets, y.lineBudgets)
    }

    // MARK: - Matches follow what their parent actually paid

    /// 10 claims of 100 a year, all approved, paid by the city.
    static let parent = "  - {id: p, name: p, source: t, kind: award, claims: {count: 10, approval: 1}, amount: 100, share: {city: 1}}"

    static func onlyPath(_ s: Scenario) async throws -> SimulationResult { try await EngineTest.run(s, paths: 1) }

    /// Rationing before the cap: 10 claims of 100 rationed to 50 each by a city line of 500; a 1:1
    /// district match capped at 80 per claim pays 10 × min(50, 80) = 500, not 0.5 × 10 × min(100, 80) = 400.
    func testACappedMatchOfARationedParentIsCappedAfterTheRationing() async throws {
        let s = try EngineTest.scenario(
            funders: ["city", "district"],
            programs: Self.parent + "\n"
                + "  - {id: m, name: m, source: t, kind: matching, matches: p, ratio: 1, cap_per_claim: 80, share: {district: 1}}",
            lines: "  - {id: city-line, name: c, funder: city, programs: [p], amount: 500, rationing: pro_rata}")
        let r = try await Self.onlyPath(s)
        XCTAssertEqual(r.pathValues(program: "p", funder: "city", year: .year(0)), [500])
        XCTAssertEqual(r.pathValues(program: "m", funder: "district", year: .year(0)), [500])
    }

    /// Rationing upstream reaches every depth: a parent rationed from 1000 to 500, its 1:1 match
    /// pays 500 and the match of that match 500, not 1000.
    func testAMatchOfAMatchFollowsTheRationingUpstream() async throws {
        let s = try EngineTest.scenario(
            funders: ["city", "district", "zone"],
            programs: Self.parent + "\n"
                + "  - {id: m, name: m, source: t, kind: matching, matches: p, ratio: 1, share: {district: 1}}\n"
                + "  - {id: g, name: g, source: t, kind: matching, matches: m, ratio: 1, share: {zone: 1}}",
            lines: "  - {id: city-line, name: c, funder: city, programs: [p], amount: 500, rationing: pro_rata}")
        let r = try await Self.onlyPath(s)
        XCTAssertEqual(r.pathValues(program: "m", funder: "district", year: .year(0)), [500])
        XCTAssertEqual(r.pathValues(program: "g", funder: "zone", year: .year(0)), [500])
    }

    /// A chain of three matches, two links rationed (exact arithmetic):
    /// the parent asks 10 × 100 and its line pays 500 (50 a claim);
    /// m1 (1:1, cap 80) asks 10 × min(50, 80) = 500 and its line pays 300 (30 a claim);
    /// m2 (2:1, cap 45) pays 10 × min(2 × 30, 45) = 450; m3 (1:1 of m2) pays 450.
    func testAChainOfThreeMatchesUnderRationingPaysWhatEachLinkActuallyReceived() async throws {
        let s = try EngineTest.scenario(
            funders: ["city", "district", "zone", "county"],
            programs: Self.parent + "\n"
                + "  - {id: m1, name: m1, source: t, kind: matching, matches: p, ratio: 1, cap_per_claim: 80, share: {district: 1}}\n"
                + "  - {id: m2, name: m2, source: t, kind: matching, matches: m1, ratio: 2, cap_per_claim: 45, share: {zone: 1}}\n"
                + "  - {id: m3, name: m3, source: t, kind: matching, matches: m2, ratio: 1, share: {county: 1}}",
            lines: """
                  - {id: city-line, name: c, funder: city, programs: [p], amount: 500, rationing: pro_rata}
                  - {id: district-line, name: d, funder: district, programs: [m1], amount: 300, rationing: pro_rata}
                """)
        let r = try await Self.onlyPath(s)
        XCTAssertEqual(r.pathValues(program: "p", funder: "city", year: .year(0)), [500])
        XCTAssertEqual(r.pathValues(program: "m1", funder: "district", year: .year(0)), [300])
        XCTAssertEqual(r.pathValues(program: "m2", funder: "zone", year: .year(0)), [450])
        XCTAssertEqual(r.pathValues(program: "m3", funder: "county", year: .year(0)), [450])
        let rows = r.plan.budgetRows
        XCTAssertEqual(r.keptValues.series[rows.demand(cell: 1)], [500], "m1's demand follows what the parent paid")
        XCTAssertEqual(r.keptValues.series[rows.unpaid(cell: 1)], [200])
    }
}
