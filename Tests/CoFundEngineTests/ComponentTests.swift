import CoFundEngine
import CoFundModel
import XCTest

/// Rate programs whose claimants have several claim types: a shared cap (sum) or 就高不重复 (max).
final class ComponentTests: XCTestCase {
    private func vouchers(combine: String, cap: String) throws -> Scenario {
        try EngineTest.scenario(
            funders: ["city"],
            programs: """
                  - id: v
                    name: 创新券
                    source: 济政字〔2020〕20号 二（二）5
                    kind: rate
                    claims: {count: 10}
                    components:
                      - {id: instrument, base: 100, rate: 0.4, cap_per_claim: 50}
                      - {id: service, base: 80, rate: 0.5, cap_per_claim: 50}
                    combine: \(combine)
                    \(cap)
                    share: {city: 1}
                """)
    }

    /// 40 + 40 under a shared cap of 50 pays 50 per claimant; explain and every path agree.
    func testSharedCapLimitsTheSumOfComponentsOnEveryPath() async throws {
        let s = try vouchers(combine: "sum", cap: "cap_per_claim: 50")
        let e = try Explainer(s).explain(program: "v", ClaimInputs())
        XCTAssertEqual(e.payout, 50)
        let r = try await EngineTest.run(s, paths: 20)
        let st = try XCTUnwrap(r.statistics(program: "v", funder: "city", year: .year(0)))
        XCTAssertEqual(st.mean, 500, accuracy: 1e-9)
        XCTAssertEqual(st.sd, 0, accuracy: 1e-9)
    }

    /// Without the shared cap each type keeps its own: 40 + 40.
    func testPerTypeCapsAloneAddUp() async throws {
        let s = try vouchers(combine: "sum", cap: "")
        XCTAssertEqual(try Explainer(s).explain(program: "v", ClaimInputs()).payout, 80)
        let r = try await EngineTest.run(s, paths: 5)
        XCTAssertEqual(r.statistics(program: "v", funder: "city", year: .year(0))?.mean ?? 0, 800, accuracy: 1e-9)
    }

    /// 就高不重复: only the higher of 40 and 40 is paid.
    func testMaxPaysOnlyTheHighestComponent() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"],
            programs: """
                  - {id: v, name: v, source: t, kind: rate, claims: {count: 10}, combine: max, share: {city: 1},
                     components: [{id: a, base: 100, rate: 0.3}, {id: b, base: 100, rate: 0.45}]}
                """)
        XCTAssertEqual(try Explainer(s).explain(program: "v", ClaimInputs()).payout, 45, accuracy: 1e-12)
        let r = try await EngineTest.run(s, paths: 5)
        XCTAssertEqual(r.statistics(program: "v", funder: "city", year: .year(0))?.mean ?? 0, 450, accuracy: 1e-9)
    }

    /// A claimant uses component k with probability pₖ, independently: with fixed amounts aₖ and
    /// no shared cap the mean per claimant is Σ pₖ·aₖ (compound sum, 4 standard errors).
    func testComponentUseProbabilitiesGiveTheExpectedMean() async throws {
        let s = try EngineTest.scenario(
            funders: ["city"],
            programs: """
                  - {id: v, name: v, source: t, kind: rate, claims: {count: 50}, share: {city: 1},
                     components: [{id: a, probability: 0.7, base: 100, rate: 0.4}, {id: b, probability: 0.2, base: 100, rate: 0.1}]}
                """)
        let r = try await EngineTest.run(s, paths: 4000)
        let m = EngineTest.moments(try XCTUnwrap(r.pathValues(program: "v", funder: "city", year: .year(0))))
        XCTAssertEqual(m.mean, 50 * (0.7 * 40 + 0.2 * 10), accuracy: 4 * m.seMean)
        // Var = n·Σ aₖ² pₖ(1 − pₖ) for independent uses.
        XCTAssertEqual(m.variance, 50 * (1600 * 0.21 + 100 * 0.16), accuracy: 4 * m.seVariance)
    }

    func testComponentsRejectAProgramLevelBase() throws {
        XCTAssertThrowsError(
            try ScenarioDecoder.decode(
                """
                scenario: {id: t, title: t, unit: wan, years: [2025, 2025]}
                funders: [{id: city, name: c, level: city}]
                programs:
                  - {id: v, name: v, source: t, kind: rate, claims: {count: 1}, base: 10, share: {city: 1},
                     components: [{id: a, base: 100, rate: 0.3}]}
                """, file: "t.yaml")
        ) { error in
            let issues = (error as? ScenarioIssues)?.issues ?? []
            XCTAssertTrue(issues.contains { $0.field == "programs[0].base" && $0.line == 4 }, "\(issues)")
        }
    }
}
