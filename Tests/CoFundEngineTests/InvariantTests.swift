import CoFundEngine
import CoFundModel
import XCTest

/// Exact identities (VALIDATION.md): every sum in the reports is the path-by-path sum of its parts.
final class InvariantTests: XCTestCase {
    /// A scenario with every kind of program, lags, a schedule, a match and a rationed budget.
    static let mixed = """
          - id: rd
            name: R&D
            source: test
            kind: rate
            claims: {count: {dist: poisson, mean: 40}, approval: 0.8}
            base: {dist: lognormal, median: 500, p90: 3000}
            rate: 0.025
            cap_per_claim: 250
            share: {province: 0.5, city: 0.25, district: 0.25}
            budget: {city: 150}
            rationing: pro_rata
            payment_lag: 1
          - id: match
            name: match
            source: test
            kind: matching
            matches: rd
            of: city
            ratio: 1
            fraction: {dist: uniform, low: 0.1, high: 0.3}
            share: {district: 1}
            payment_lag: 1
          - id: awards
            name: awards
            source: test
            kind: award
            claims: {count: {dist: negative_binomial, mean: 10, dispersion: 3}}
            tiers: [{amount: 10, probability: 0.3}, {amount: {dist: uniform, low: 3, high: 5}, probability: 0.7}]
            share: {city: 0.4, district: 0.6}
            payment_schedule: [0.5, 0.5]
          - id: pool
            name: pool
            source: test
            kind: risk_compensation
            loans: {count: {dist: poisson, mean: 60}, principal: {dist: lognormal, median: 300, p90: 1500}, term: 2}
            cap_per_borrower: 1000
            pd: {dist: beta, mean: 0.05, sd: 0.02}
            rho: 0.2
            recovery: {rate: {dist: beta, mean: 0.4, sd: 0.2}, lag: 1}
            loss_shares: {province: 0.35, city: 0.35}
            residual: bank
            segments: [{id: std, weight: 0.8}, {id: early, weight: 0.2, pd: 0.08, loss_shares: {province: 0.45, city: 0.45}}]
          - id: interest
            name: interest
            source: test
            kind: interest_subsidy
            loans: {count: 30, principal: {dist: gamma, mean: 400, sd: 200}, term: 3}
            pd: 0.03
            rho: 0.1
            interest_rate: 0.04
            fee_rate: 0.01
            fraction: 0.5
            cap_per_claim: 8
            share: {province: 1}
        """

    func testFundersAddUpToEveryProgramAndEverySumOnEveryPath() async throws {
        let s = try EngineTest.scenario(years: 3, programs: Self.mixed)
        let r = try await EngineTest.run(s, paths: 600)
        let layout = r.plan.layout
        let slots: [SeriesLayout.YearSlot] = (0..<3).map { .year($0) } + [.after, .total]
        func values(_ p: Int?, _ f: String?, _ y: SeriesLayout.YearSlot) -> [Double]? {
            layout.index(program: p, funder: f, year: y).map { r.keptValues.series[$0] }
        }
        func assertSum(_ parts: [[Double]], _ whole: [Double], _ what: String) {
            for i in whole.indices {
                let sum = parts.reduce(0) { $0 + $1[i] }
                XCTAssertEqual(sum, whole[i], accuracy: 1e-9 * max(1, abs(whole[i])), "\(what), path \(i)")
            }
        }
        for y in slots {
            for (p, program) in s.programs.enumerated() {
                let parts = program.funderIDs.compactMap { values(p, $0, y) }
                assertSum(parts, try XCTUnwrap(values(p, nil, y)), "program \(program.id) \(y)")
            }
            for f in layout.funders {
                let parts = s.programs.indices.compactMap { values($0, f, y) }
                assertSum(parts, try XCTUnwrap(values(nil, f, y)), "funder \(f) \(y)")
            }
            assertSum(layout.funders.compactMap { values(nil, $0, y) }, try XCTUnwrap(values(nil, nil, y)), "grand total \(y)")
        }
        // The horizon total is the sum of the years; `after` is reported apart.
        for f in layout.funders + [nil] as [String?] {
            assertSum((0..<3).compactMap { values(nil, f, .year($0)) }, try XCTUnwrap(values(nil, f, .total)), "total of \(f ?? "all")")
        }
        // The scenario exercises every part: nothing is identically zero.
        for p in s.programs.indices { XCTAssertGreaterThan(r.statistics(program: s.programs[p].id, funder: nil, year: .total)?.mean ?? 0, 0) }
    }

    func testProRataRationingKeepsEveryPathWithinTheBudgetAndRecordsDemand() async throws {
        let s = try EngineTest.scenario(years: 3, programs: Self.mixed)
        let r = try await EngineTest.run(s, paths: 600)
        for y in 0..<3 {
            let paid = try XCTUnwrap(r.pathValues(program: "rd", funder: "city", year: .year(y)))
            XCTAssertTrue(paid.allSatisfy { $0 <= 150 * (1 + 1e-12) }, "city paid above its budget in year \(y)")
        }
        // Year 2026 (the first paid year) has demand above the budget on some paths.
        let b = try XCTUnwrap(r.budget(line: 0, year: 1))
        XCTAssertGreaterThan(b.probabilityOver, 0)
        XCTAssertGreaterThan(b.expectedExcess, 0)
    }

    func testResultsAreBitIdenticalForAnyThreadCountAndBlockSize() async throws {
        let s = try EngineTest.scenario(years: 3, programs: Self.mixed)
        let one = try await EngineTest.run(s, paths: 700, threads: 1, blockSize: 1024)
        let two = try await EngineTest.run(s, paths: 700, threads: 2, blockSize: 64)
        let three = try await EngineTest.run(s, paths: 700, threads: 3, blockSize: 100)
        XCTAssertEqual(one.keptValues.series, two.keptValues.series)
        XCTAssertEqual(one.keptValues.series, three.keptValues.series)
        XCTAssertEqual(one.statistics, three.statistics)
        XCTAssertEqual(one.budgets, two.budgets)
    }

    func testPaymentsAfterTheLastYearAreReportedAsAfterNotDropped() async throws {
        let s = try EngineTest.scenario(
            years: 2, historyFrom: 2025,
            programs: """
                  - {id: g, name: g, source: t, kind: award, claims: {count: 3}, amount: 10, share: {city: 1}, payment_lag: 1}
                """)
        let r = try await EngineTest.run(s, paths: 10)
        // Claims from 2025 only: those of 2025 are paid in 2026, those of 2026 after the horizon.
        XCTAssertEqual(r.statistics(program: "g", funder: "city", year: .year(0))?.max, 0)
        XCTAssertEqual(r.statistics(program: "g", funder: "city", year: .year(1))?.mean, 30)
        XCTAssertEqual(r.statistics(program: "g", funder: "city", year: .after)?.mean, 30)
        XCTAssertEqual(r.statistics(program: "g", funder: "city", year: .total)?.mean, 30)
    }
}
