import CoFundEngine
import CoFundModel
import XCTest

/// The government total: the fiscal funders' payments summed path by path, for each program and
/// for all programs, in every year slot.
final class GovernmentTotalTests: XCTestCase {
    /// Oracle: the exact identity government = Σ fiscal funders on every kept path. A program's year
    /// cell holds one payment per funder, added into the government row in the program's funder
    /// order, so the sum in that order is equal to the last bit. `after`, `total` and the sums over
    /// programs add the same payments in another order (year by year, program by program); there
    /// the tolerance is 1e-12 relative: recursive summation of n nonnegative terms is within
    /// (n − 1)·2⁻⁵³ of the exact sum relatively, about 1.3e-14 for the ≤ 120 terms of this scenario.
    func testTheGovernmentIsTheSumOfTheFiscalFundersOnEveryKeptPath() async throws {
        let s = try EngineTest.scenario(years: 3, programs: InvariantTests.mixed)
        let r = try await EngineTest.run(s, paths: 600)
        let layout = r.plan.layout
        let fiscal = Set(s.fiscalFunderIDs)
        XCTAssertEqual(fiscal, ["province", "city", "district"])
        func values(_ p: Int?, _ f: String?, _ y: SeriesLayout.YearSlot) -> [Double]? {
            layout.index(program: p, funder: f, year: y).map { r.keptValues.series[$0] }
        }
        let slots: [SeriesLayout.YearSlot] = (0..<3).map { .year($0) } + [.after, .total]
        for y in slots {
            for (p, program) in s.programs.enumerated() {
                let parts = program.funderIDs.filter(fiscal.contains).compactMap { values(p, $0, y) }
                let government = try XCTUnwrap(values(p, Funder.governmentID, y), "program \(program.id)")
                for i in 0..<r.paths {
                    let sum = parts.reduce(0) { $0 + $1[i] }
                    if case .year = y {
                        XCTAssertEqual(government[i].bitPattern, sum.bitPattern, "\(program.id) \(y), path \(i)")
                    } else {
                        XCTAssertEqual(government[i], sum, accuracy: 1e-12 * max(1, abs(sum)), "\(program.id) \(y), path \(i)")
                    }
                }
            }
            let parts = layout.funders.filter(fiscal.contains).compactMap { values(nil, $0, y) }
            let government = try XCTUnwrap(values(nil, Funder.governmentID, y))
            for i in 0..<r.paths {
                let sum = parts.reduce(0) { $0 + $1[i] }
                XCTAssertEqual(government[i], sum, accuracy: 1e-12 * max(1, abs(sum)), "all programs \(y), path \(i)")
            }
        }
        // The bank (the pool's residual) is in `all` and not in the government: their difference is
        // the bank's payment on every path.
        let all = try XCTUnwrap(values(nil, nil, .total)), gov = try XCTUnwrap(values(nil, Funder.governmentID, .total))
        let bank = try XCTUnwrap(values(nil, "bank", .total))
        XCTAssertGreaterThan(bank.reduce(0, +), 0)
        for i in 0..<r.paths { XCTAssertEqual(all[i] - gov[i], bank[i], accuracy: 1e-9 * max(1, abs(all[i])), "path \(i)") }
    }

    /// Four claims of 10 a year, paid a year late, shared province ½, city ¼, bank ¼, and a program
    /// the bank pays alone (two claims of 10): every amount is a whole number of 万元 or a half,
    /// so every sum is exact in any order. Oracle: the shares by hand.
    static func scenario(province: String = "", bank: String = "") throws -> Scenario {
        let text = """
            scenario: {id: fiscal-test, title: t, unit: wan, years: [2025, 2026], seed: 1, paths: 10}
            funders:
              - {id: province, name: 省财政, level: province\(province)}
              - {id: city, name: 市财政, level: city}
              - {id: bank, name: 银行, level: bank\(bank)}
            programs:
              - {id: grant, name: g, source: t, kind: award, claims: {count: 4}, amount: 10, share: {province: 0.5, city: 0.25, bank: 0.25}, payment_lag: 1}
              - {id: fee, name: f, source: t, kind: award, claims: {count: 2}, amount: 10, share: {bank: 1}}
            """
        return try ScenarioDecoder.decode(text, file: "fiscal-test.yaml")
    }

    func testByDefaultTheProvinceAndCityAreInTheGovernmentAndTheBankIsNot() async throws {
        let r = try await EngineTest.run(try Self.scenario(), paths: 10)
        func mean(_ p: String?, _ f: String?, _ y: SeriesLayout.YearSlot) -> Double? { r.statistics(program: p, funder: f, year: y)?.mean }
        // Each year's claims are paid the next year (2024's, simulated for the lag, in 2025), and
        // 2026's after the horizon: 40 × (½ + ¼) = 30 a year.
        XCTAssertEqual(mean(nil, Funder.governmentID, .year(0)), 30)
        XCTAssertEqual(mean(nil, Funder.governmentID, .year(1)), 30)
        XCTAssertEqual(mean(nil, Funder.governmentID, .after), 30)
        XCTAssertEqual(mean(nil, Funder.governmentID, .total), 60)
        XCTAssertEqual(mean("grant", Funder.governmentID, .total), 60)
        // The bank's own program has no fiscal funder, so no government row; `all` still counts it.
        XCTAssertNil(r.plan.layout.index(program: 1, funder: Funder.governmentID, year: .total))
        XCTAssertEqual(mean(nil, nil, .total), 2 * 40 + 2 * 20)
    }

    func testABankMarkedFiscalEntersTheGovernmentAndAProvinceMarkedNotFiscalLeavesIt() async throws {
        let r = try await EngineTest.run(try Self.scenario(province: ", fiscal: false", bank: ", fiscal: true"), paths: 10)
        func mean(_ p: String?, _ y: SeriesLayout.YearSlot) -> Double? { r.statistics(program: p, funder: Funder.governmentID, year: y)?.mean }
        // City ¼ and bank ¼ of 40 paid each year (the claims of the year before), plus the bank's
        // own 20 in each year.
        XCTAssertEqual(mean(nil, .year(0)), 20 + 20)
        XCTAssertEqual(mean(nil, .year(1)), 20 + 20)
        XCTAssertEqual(mean(nil, .after), 20)
        XCTAssertEqual(mean(nil, .total), 80)
        XCTAssertEqual(mean("grant", .total), 40)
        XCTAssertEqual(mean("fee", .total), 40)
        // The province's payments are in `all` and not in the government.
        XCTAssertEqual(r.statistics(program: nil, funder: nil, year: .total)?.mean, 120)
        XCTAssertEqual(r.statistics(program: nil, funder: "province", year: .total)?.mean, 40)
    }

    func testWithoutAnyFiscalFunderThereIsNoGovernmentRow() async throws {
        let r = try await EngineTest.run(try Self.scenario(province: ", fiscal: false", bank: ""), paths: 10)
        XCTAssertTrue(r.plan.layout.hasGovernment)
        let none = try ScenarioDecoder.decode(
            """
            scenario: {id: t, title: t, unit: wan, years: [2025, 2025]}
            funders:
              - {id: bank, name: 银行, level: bank}
            programs:
              - {id: fee, name: f, source: t, kind: award, claims: {count: 2}, amount: 10, share: {bank: 1}}
            """, file: "t.yaml")
        let plan = SimulationPlan(none)
        XCTAssertFalse(plan.layout.hasGovernment)
        XCTAssertNil(plan.layout.index(program: nil, funder: Funder.governmentID, year: .total))
        XCTAssertEqual(plan.layout.series.count, SeriesLayout.count(scenario: none, programFunders: none.programs.map(\.funderIDs)))
    }

    /// The layout's size computed from the scenario alone equals the layout built.
    func testTheSeriesCountIncludesTheGovernmentRows() throws {
        let s = try EngineTest.scenario(years: 3, programs: InvariantTests.mixed)
        let plan = SimulationPlan(s)
        XCTAssertEqual(
            plan.layout.series.count,
            SeriesLayout.count(scenario: s, programFunders: s.programs.map(\.funderIDs), recovering: s.programs.map(\.hasRecoveries)))
        XCTAssertEqual(plan.layout.series.filter { $0.funder == Funder.governmentID }.count, (s.programs.count + 1) * 5)
    }
}
