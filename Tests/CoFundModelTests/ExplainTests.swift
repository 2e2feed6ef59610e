import XCTest

@testable import CoFundModel

/// Hand calculations from the policy documents, each worked by `Explainer` on a small scenario.
final class ExplainTests: XCTestCase {
    private func explain(
        _ programs: String, _ id: String, _ inputs: ClaimInputs = ClaimInputs(),
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> Explanation {
        let scenario = try XCTUnwrap(decodeOK(Fixture.scenario(programs), file: file, line: line), file: file, line: line)
        do {
            return try Explainer(scenario).explain(program: id, inputs)
        } catch {
            XCTFail("explain failed: \(error)", file: file, line: line)
            throw error
        }
    }

    private func assertAmounts(_ e: Explanation, _ expected: [(String, Double)], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(e.amounts.map(\.funder), expected.map(\.0), file: file, line: line)
        for (funder, amount) in expected {
            XCTAssertEqual(e.amount(of: funder), amount, accuracy: 1e-9, funder, file: file, line: line)
        }
    }

    // MARK: - The documents' examples

    /// 济政字〔2020〕20号: 2.5% of R&D spend, at most 250 万元; province 50%, city 25%, district 25%.
    func testRDPostSubsidyOn20000WanIsCappedAt250AndSplit50_25_25() throws {
        let e = try explain(Fixture.rate("    cap_per_claim: 250\n"), "rd", ClaimInputs(base: 20_000))
        XCTAssertEqual(e.payout, 250)
        assertAmounts(e, [("province", 125), ("city", 62.5), ("district", 62.5)])
        XCTAssertEqual(e.payments.map(\.year), [2024])
        XCTAssertEqual(e.payments.map(\.fraction), [1])
        XCTAssertTrue(e.text.contains("Source: 济政字〔2020〕20号 第8条"), e.text)
        XCTAssertTrue(e.text.contains("2.5% × 20,000 = 500"), e.text)
        XCTAssertTrue(e.text.contains("cap_per_claim = 250: binds — 500 > 250, so the claim pays 250"), e.text)
        XCTAssertTrue(e.text.contains("province 50% → 125; city 25% → 62.5; district 25% → 62.5 万元"), e.text)
    }

    /// 济政发〔2019〕15号 第14条: 85% of the national funds received, city 4 : high-tech zone 6.
    func testQuantumNationalMatchOn1000WanPaysCity340AndZone510() throws {
        let e = try explain(
            """
              - id: q_national_match
                name: 国家重点研发项目配套资助
                source: 济政发〔2019〕15号 第14条
                kind: rate
                claims: {count: {dist: poisson, mean: 12}, approval: 0.9}
                base: {dist: lognormal, median: 300, p90: 1500}
                rate: 85%
                share: {city: 0.4, hitech_zone: 0.6}
                payment_lag: 1
            """, "q_national_match", ClaimInputs(base: 1_000, year: 2025))
        XCTAssertEqual(e.payout, 850, accuracy: 1e-9)
        assertAmounts(e, [("city", 340), ("hitech_zone", 510)])
        XCTAssertEqual(e.payments.map(\.year), [2026])
        XCTAssertTrue(e.text.contains("济政发〔2019〕15号 第14条"), e.text)
        XCTAssertTrue(e.text.contains("no cap per claim"), e.text)
    }

    /// 历下政发〔2023〕4号: the district matches the city's grant 1:1, after the city has paid.
    func testLixiaOneToOneMatchOfA30WanCityGrantPaysTheDistrict30AYearAfterTheCity() throws {
        let programs = """
              - id: tc_city
                name: 技术合同市级补助
                source: 济科发〔2021〕27号
                kind: award
                claims: {count: 10}
                amount: 50
                share: {city: 0.6, province: 0.4}
                payment_lag: 1
              - id: lx_match
                name: 历下区配套
                source: 历下政发〔2023〕4号 四（六）
                kind: matching
                matches: tc_city
                of: city
                ratio: 1
                fraction: {dist: beta, mean: 0.12, sd: 0.03}
                share: {district: 1.0}
                payment_lag: 1
            """
        let parent = try explain(programs, "tc_city", ClaimInputs(year: 2024))
        XCTAssertEqual(parent.amount(of: "city"), 30, accuracy: 1e-9)
        let parentYear = try XCTUnwrap(parent.payments.first?.year)
        XCTAssertEqual(parentYear, 2025)

        let e = try explain(programs, "lx_match", ClaimInputs(year: 2024))
        XCTAssertEqual(e.payout, 30, accuracy: 1e-9)
        assertAmounts(e, [("district", 30)])
        XCTAssertEqual(e.payments.map(\.year), [parentYear + 1])
        XCTAssertTrue(e.text.contains("matched amount = 30 万元 (what city paid), paid in 2025"), e.text)
        XCTAssertTrue(e.text.contains("历下政发〔2023〕4号 四（六）"), e.text)
        XCTAssertTrue(e.text.contains("First the matched claim of 技术合同市级补助 (tc_city), 济科发〔2021〕27号"), e.text)
    }

    private static let weihaiRisk = """
          - id: risk
            name: 科技成果转化贷款风险补偿
            source: 威海《关于促进科技成果转化的若干措施(试行)(征求意见稿)》 第15条
            kind: risk_compensation
            loans: {count: 100, principal: {dist: lognormal, median: 300, p90: 1500}}
            cap_per_borrower: 2000
            pd: {dist: beta, mean: 0.03, sd: 0.01}
            rho: 0.15
            recovery: {rate: {dist: beta, mean: 0.4, sd: 0.2}, lag: 1}
            loss_shares: {province: 0.35, city: 0.35}
            residual: bank
            segments:
              - {id: standard, weight: 0.8}
              - {id: early_stage, weight: 0.2, pd: 0.05, loss_shares: {province: 0.45, city: 0.45}}

        """

    /// 威海 draft 第15条: province and city 70% of the non-performing principal on at most 2,000 万元
    /// per borrower; nothing recovered.
    func testDefaulted2500WanLoanUnderA2000CapCostsGovernment1400AndBank1100() throws {
        let e = try explain(Self.weihaiRisk, "risk", ClaimInputs(principal: 2_500, recoveryRate: 0))
        XCTAssertEqual(e.payout, 2_500)
        assertAmounts(e, [("province", 700), ("city", 700), ("bank", 1_100)])
        XCTAssertEqual(e.amount(of: "province") + e.amount(of: "city"), 1_400, accuracy: 1e-9)
        XCTAssertTrue(e.text.contains("cap_per_borrower = 2,000: binds — only 2,000 of the 2,500 is compensated"), e.text)
        XCTAssertTrue(
            e.text.contains("bank (residual) bears the non-performing principal minus what the funders paid: 2,500 − 1,400 = 1,100 万元"), e.text)
        XCTAssertTrue(e.text.contains("第15条"), e.text)
    }

    func testEarlyStageSegmentUsesItsOwnLossShares() throws {
        let e = try explain(Self.weihaiRisk, "risk", ClaimInputs(principal: 2_500, recoveryRate: 0, segment: "early_stage"))
        assertAmounts(e, [("province", 900), ("city", 900), ("bank", 700)])
        XCTAssertTrue(e.text.contains("segment early_stage (weight 20% of the loans)"), e.text)
        XCTAssertThrowsError(try Explainer(decodeOK(Fixture.scenario(Self.weihaiRisk))!).explain(program: "risk", ClaimInputs(segment: "late")))
    }

    func testRiskWithoutGivenInputsUsesTheMedianPrincipalAndMeanRecoveryRate() throws {
        let e = try explain(Self.weihaiRisk, "risk")
        // 300 non-performing, below the cap: the funders pay 35% each of it, the bank 30%; a year
        // later 40% of 300 = 120 is recovered: 0.4 × 105 = 42 back to each funder, 36 to the bank.
        XCTAssertEqual(e.payout, 300, accuracy: 1e-9)
        assertAmounts(e, [("province", 105), ("city", 105), ("bank", 90)])
        XCTAssertEqual(e.recoveries.map(\.funder), ["province", "city", "bank"])
        for (got, want) in zip(e.recoveries.map(\.amount), [-42.0, -42, -36]) { XCTAssertEqual(got, want, accuracy: 1e-9) }
        XCTAssertEqual(e.payments.map(\.year), [2024])
        XCTAssertEqual(e.recoveryPayments.map(\.year), [2025])
        XCTAssertTrue(e.text.contains("the median of its lognormal distribution"), e.text)
        XCTAssertTrue(e.text.contains("cap_per_borrower = 2,000: does not bind"), e.text)
    }

    // MARK: - Rules

    func testFloorBindingRaisesTheClaimToTheFloor() throws {
        let e = try explain(Fixture.rate("    floor: 5\n    cap_per_claim: 250\n"), "rd", ClaimInputs(base: 80))
        XCTAssertEqual(e.payout, 5)
        assertAmounts(e, [("province", 2.5), ("city", 1.25), ("district", 1.25)])
        XCTAssertTrue(e.text.contains("floor = 5: binds, raising 2 to 5"), e.text)
        let above = try explain(Fixture.rate("    floor: 5\n"), "rd", ClaimInputs(base: 400))
        XCTAssertEqual(above.payout, 10)
        XCTAssertTrue(above.text.contains("floor = 5: does not bind"), above.text)
    }

    func testABaseBelowMinBasePaysNothing() throws {
        let e = try explain(Fixture.rate("    min_base: 300\n    floor: 5\n"), "rd", ClaimInputs(base: 299))
        XCTAssertEqual(e.payout, 0)
        assertAmounts(e, [("province", 0), ("city", 0), ("district", 0)])
        XCTAssertTrue(e.text.contains("min_base = 300: the base is below it, so the claim pays nothing"), e.text)
        let at = try explain(Fixture.rate("    min_base: 300\n"), "rd", ClaimInputs(base: 300))
        XCTAssertEqual(at.payout, 7.5, accuracy: 1e-12)
        XCTAssertTrue(at.text.contains("the base reaches it"), at.text)
    }

    func testProgressiveBracketsChargeEachBandItsOwnRate() throws {
        let programs = """
              - id: tc
                name: 技术合同
                source: s
                kind: rate
                claims: {count: 5}
                base: 2000
                brackets:
                  - {up_to: 1000, rate: 0.05}
                  - {up_to: 5000, rate: 0.03}
                  - {rate: 0.01}
                cap_per_claim: 1000
                share: {city: 1}
            """
        let e = try explain(programs, "tc", ClaimInputs(base: 7_000))
        XCTAssertEqual(e.payout, 50 + 120 + 20, accuracy: 1e-9)
        XCTAssertTrue(e.text.contains("progressive brackets → 5% × 1,000 + 3% × 4,000 + 1% × 2,000 = 190"), e.text)
        let low = try explain(programs, "tc", ClaimInputs(base: 600))
        XCTAssertEqual(low.payout, 30, accuracy: 1e-9)
        XCTAssertTrue(low.text.contains("progressive brackets → 5% × 600 = 30"), low.text)
        // Without --base the fixed base of the file is used.
        XCTAssertEqual(try explain(programs, "tc").payout, 50 + 30, accuracy: 1e-9)
    }

    func testAwardTiersPayTheChosenTier() throws {
        let programs = """
              - id: prize
                name: 科技进步奖
                source: 奖励办法 第9条
                kind: award
                claims: {count: 12, approval: {dist: beta, mean: 0.5, sd: 0.1}}
                tiers:
                  - {amount: 10, probability: 0.2}
                  - {amount: 5, probability: 0.8}
                share: {city: 0.6, district: 0.4}
            """
        let first = try explain(programs, "prize")
        XCTAssertEqual(first.payout, 10)
        assertAmounts(first, [("city", 6), ("district", 4)])
        XCTAssertTrue(first.text.contains("(choose another tier with --tier)"), first.text)
        XCTAssertTrue(first.text.contains("expected award over the tiers: 6 万元"), first.text)
        XCTAssertTrue(first.text.contains("approval is uncertain (beta)"), first.text)
        let second = try explain(programs, "prize", ClaimInputs(tier: 2))
        XCTAssertEqual(second.payout, 5)
        assertAmounts(second, [("city", 3), ("district", 2)])
        let scenario = try XCTUnwrap(decodeOK(Fixture.scenario(programs)))
        XCTAssertThrowsError(try Explainer(scenario).explain(program: "prize", ClaimInputs(tier: 3))) { error in
            XCTAssertEqual((error as? ExplainError)?.description, "--tier must be from 1 to 2")
        }
    }

    func testAnAwardAmountDistributionUsesItsMean() throws {
        let e = try explain(
            """
              - id: hte
                name: 高企首次认定
                source: s
                kind: award
                claims: {count: 40}
                amount: {dist: uniform, low: 20, high: 30}
                share: {city: 1}
            """, "hte")
        XCTAssertEqual(e.payout, 25)
        XCTAssertTrue(e.text.contains("award = 25 万元 (the mean of its uniform distribution"), e.text)
    }

    func testInterestSubsidyIsCappedPerFirmPerYear() throws {
        let programs = """
              - id: interest
                name: 贴息
                source: 贴息办法 第3条
                kind: interest_subsidy
                loans: {count: 500, principal: {dist: lognormal, median: 500, p90: 1500}, term: 2}
                pd: 0.02
                interest_rate: 0.04
                fee_rate: 0.01
                fraction: 0.5
                cap_per_claim: 30
                share: {province: 1.0}
            """
        let capped = try explain(programs, "interest", ClaimInputs(principal: 2_000))
        XCTAssertEqual(capped.payout, 30)
        XCTAssertTrue(capped.text.contains("fraction = 50% → 50"), capped.text)
        XCTAssertTrue(capped.text.contains("binds, so the year pays 30"), capped.text)
        XCTAssertTrue(capped.text.contains("of the 2-year term"), capped.text)
        let median = try explain(programs, "interest")
        XCTAssertEqual(median.payout, 12.5, accuracy: 1e-12)
        assertAmounts(median, [("province", 12.5)])
        XCTAssertTrue(median.text.contains("does not bind"), median.text)
    }

    func testAPaymentScheduleSpreadsThePayoutFromTheLagOn() throws {
        let e = try explain(Fixture.rate("    payment_lag: 1\n    payment_schedule: [0.4, 0.3, 0.3]\n"), "rd", ClaimInputs(base: 4_000, year: 2025))
        XCTAssertEqual(e.payout, 100)
        XCTAssertEqual(e.payments.map(\.year), [2026, 2027, 2028])
        XCTAssertEqual(e.payments.map(\.fraction), [0.4, 0.3, 0.3])
        XCTAssertTrue(e.text.contains("payment_schedule: 40% in 2026, 30% in 2027, 30% in 2028"), e.text)
        let late = try explain(Fixture.rate("    payment_lag: 2\n"), "rd", ClaimInputs(year: 2026))
        XCTAssertEqual(late.payments.map(\.year), [2028])
        XCTAssertTrue(late.text.contains("payment_lag = 2: paid 2 years later, in 2028 (after the horizon)"), late.text)
    }

    func testAnUncertainRateIsQuotedWithItsMean() throws {
        let e = try explain(Fixture.rate().replacingOccurrences(of: "rate: 0.025", with: "rate: {dist: uniform, low: 0.02, high: 0.03}"), "rd")
        XCTAssertEqual(e.payout, 25, accuracy: 1e-9)
        XCTAssertTrue(e.text.contains("rate = 2.5% (uncertain, uniform; its mean is used here)"), e.text)
    }

    func testTheClaimYearDefaultsToTheProgramsFirstYear() throws {
        let e = try explain(Fixture.rate("    years: [2025, 2026]\n"), "rd")
        XCTAssertEqual(e.payments.map(\.year), [2025])
        XCTAssertTrue(e.text.contains("One claim made in 2025; amounts in 万元."), e.text)
    }

    func testUnknownProgramsAndYearsOutsideTheScenarioAreExplainErrors() throws {
        let scenario = try XCTUnwrap(decodeOK(Fixture.scenario(Fixture.rate())))
        XCTAssertThrowsError(try Explainer(scenario).explain(program: "nope", ClaimInputs())) { error in
            XCTAssertTrue("\(error)".contains("no program `nope`"), "\(error)")
        }
        XCTAssertThrowsError(try Explainer(scenario).explain(program: "rd", ClaimInputs(year: 2030))) { error in
            XCTAssertTrue("\(error)".contains("2030"), "\(error)")
        }
    }
}
