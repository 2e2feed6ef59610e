import CoFundModel
import CoFundTestSupport
import XCTest
import Yams

/// The headline numbers of the cited clauses appear as parameters of the shipped scenarios, so a
/// typo in a rate, a cap or a share fails here.
final class ScenarioClauseTests: XCTestCase {
    static let folder = PackageRoot.scenarios

    private func program(_ file: String, _ id: String, line: UInt = #line) throws -> Program {
        let s = try ScenarioDecoder.load(path: Self.folder.appendingPathComponent(file).path)
        return try XCTUnwrap(s.program(id), "\(file) has no program \(id)", line: line)
    }

    /// Checks a rate program's rate, cap, minimum base and cost share.
    private func assertRate(
        _ file: String, _ id: String, rate: Double, cap: Double?, minBase: Double? = nil,
        share: [String: Double], line: UInt = #line
    ) throws {
        let p = try program(file, id, line: line)
        guard case let .rate(r) = p.rule else { return XCTFail("\(id) is not a rate program", line: line) }
        XCTAssertEqual(r.rate, .value(rate), "\(file) \(id) rate", line: line)
        XCTAssertEqual(r.capPerClaim, cap.map(Parameter.value), "\(file) \(id) cap", line: line)
        if let minBase { XCTAssertEqual(r.minBase, .value(minBase), "\(file) \(id) min_base", line: line) }
        assertShare(p, share, line: line)
    }

    private func assertShare(_ p: Program, _ share: [String: Double], line: UInt = #line) {
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: p.share.parts.map { ($0.funder, $0.fraction) }), share, "\(p.id) share", line: line)
    }

    private func awardAmounts(_ file: String, _ id: String) throws -> [Distribution] {
        guard case let .award(a) = try program(file, id).rule else { XCTFail("\(id) is not an award"); return [] }
        return a.tiers.isEmpty ? [a.amount] : a.tiers.map(\.amount)
    }

    /// 济政字〔2020〕20号 第8条: 省50%、市25%、区县25%, ≤1000 万元 per firm per year; the 2023–2025
    /// plan: 2.5% of R&D spend, ≤250 万元.
    func testRAndDPostSubsidySharesAndCaps() throws {
        for id in ["rd_post_subsidy", "rd_post_subsidy_large"] {
            try assertRate("jinan-portfolio.yaml", id, rate: 0.025, cap: 250, share: ["province": 0.5, "city": 0.25, "district": 0.25])
            let p = try program("jinan-rd-subsidy.yaml", id)
            guard case let .rate(r) = p.rule else { return XCTFail() }
            XCTAssertEqual(r.capPerClaim, .value(1000))
            assertShare(p, ["province": 0.5, "city": 0.25, "district": 0.25])
        }
        let reform = try XCTUnwrap(
            try Yams.load(yaml: String(contentsOf: Self.folder.appendingPathComponent("jinan-rd-subsidy.plan-2023.reform.yaml"), encoding: .utf8))
                as? [String: Any])
        XCTAssertEqual(reform["parameters.rd_rate"] as? Double, 0.025)
        XCTAssertEqual(reform["parameters.rd_cap"] as? Int, 250)
    }

    /// 济科发〔2021〕27号; 三年行动计划 第17–18条: 1.5‰ ≤80, 1‰ ≤50, buyers 3% ≤100, agencies 1.5% ≤50
    /// above 300 万元 of turnover, registration bodies 0.1‰ ≤30.
    func testTechnologyContractRatesAndCaps() throws {
        let f = "jinan-tech-contracts.yaml"
        try assertRate(f, "tc_dev_transfer_license", rate: 0.0015, cap: 80, share: ["city": 1])
        try assertRate(f, "tc_consult_service", rate: 0.001, cap: 50, share: ["city": 1])
        try assertRate(f, "tc_sme_buyer", rate: 0.03, cap: 100, share: ["city": 1])
        try assertRate(f, "tc_agency", rate: 0.015, cap: 50, minBase: 300, share: ["city": 1])
        try assertRate(f, "tc_registration_body", rate: 0.0001, cap: 30, share: ["city": 1])
    }

    /// 历下政发〔2023〕4号 四（一）–（七）: awards 10/5 (national), 5/4/3 (provincial); 5 万 per R&D
    /// platform; ≤3 万 per key lab; 1:1 matches of the city's grants, paid after the city pays.
    func testLixiaAwardsAndMatches() throws {
        let f = "lixia-2024.yaml"
        XCTAssertEqual(try awardAmounts(f, "lx_sci_award"), [10, 5, 5, 4, 3].map(Distribution.fixed))
        XCTAssertEqual(try awardAmounts(f, "lx_rd_platform"), [.fixed(5)])
        XCTAssertEqual(try awardAmounts(f, "lx_city_key_lab"), [.fixed(3)])
        for (id, parent) in [
            ("lx_tc_match_dev", "tc_dev_transfer_license"), ("lx_tc_match_consult", "tc_consult_service"),
            ("lx_tc_match_buyer", "tc_sme_buyer"), ("lx_poc_match", "city_poc_center"), ("lx_pilot_match", "city_pilot_base"),
        ] {
            let p = try program(f, id)
            guard case let .matching(m) = p.rule else { return XCTFail("\(id) is not a match") }
            XCTAssertEqual(m.matches, parent)
            XCTAssertEqual(m.of, "city")
            XCTAssertEqual(m.ratio, .value(1))
            XCTAssertGreaterThanOrEqual(p.paymentLag, 1, "\(id) is paid after the city")
            assertShare(p, ["district": 1])
        }
        // 四（四） matches the city's grants on firms' and institutes' contracts: the sellers' (第四条) and
        // the SME buyers' (第五条), in the themed file and in the portfolio alike.
        try assertRate(f, "tc_sme_buyer", rate: 0.03, cap: 100, share: ["city": 1])
        for id in ["lx_tc_match_dev", "lx_tc_match_consult", "lx_tc_match_buyer"] {
            guard case let .matching(m) = try program("jinan-portfolio.yaml", id).rule else { return XCTFail("\(id) is not a match") }
            XCTAssertEqual(m.ratio, .value(1))
        }
    }

    /// 三年行动计划 第4条: the city pays 35% of non-performing principal, shared with the province and
    /// the bank; 济政字〔2020〕20号 第6条: ≤1000 万元 covered balance per firm.
    func testJinanRiskPoolCityShareAndBorrowerCap() throws {
        for f in ["jinan-risk-compensation.yaml", "jinan-portfolio.yaml"] {
            guard case let .riskCompensation(r) = try program(f, "loan_risk_comp").rule else { return XCTFail() }
            XCTAssertEqual(r.lossShares.first { $0.funder == "city" }?.fraction, .value(0.35))
            XCTAssertNotNil(r.lossShares.first { $0.funder == "province" })
            XCTAssertEqual(r.capPerBorrower, .value(1000))
            XCTAssertEqual(r.residual, "bank")
        }
    }

    /// 威海 第15条: province + city 70%, early-stage firms up to 90%, ≤2000 万元 per firm; 第4条: buyers
    /// 5% ≤30, universities 1% ≤200; 第5条: 揭榜 20% ≤50 after the fact, ≤200 by milestones;
    /// interest subsidy ≤50 per firm.
    func testWeihaiCompensationRatiosAndCaps() throws {
        let f = "weihai-2025.yaml"
        guard case let .riskCompensation(r) = try program(f, "wh_loan_risk_comp").rule else { return XCTFail() }
        XCTAssertEqual(r.capPerBorrower, .value(2000))
        func total(_ shares: [RiskCompensationRule.LossShare]) -> Double { shares.reduce(0) { $0 + $1.fraction.central } }
        XCTAssertEqual(total(r.lossShares), 0.70, accuracy: 1e-12)
        XCTAssertEqual(total(try XCTUnwrap(r.segments.last?.lossShares)), 0.90, accuracy: 1e-12)
        try assertRate(f, "wh_buyer_subsidy", rate: 0.05, cap: 30, share: ["city": 1])
        try assertRate(f, "wh_university_subsidy", rate: 0.01, cap: 200, share: ["city": 1])
        try assertRate(f, "wh_two_way_tech", rate: 0.2, cap: 50, share: ["city": 1])
        try assertRate(f, "wh_two_way_conversion", rate: 0.2, cap: 200, share: ["city": 1])
        XCTAssertGreaterThan(try program(f, "wh_two_way_conversion").paymentSchedule.count, 1, "milestone funding is paid in installments")
        guard case let .interestSubsidy(i) = try program(f, "wh_interest_subsidy").rule else { return XCTFail() }
        XCTAssertEqual(i.capPerClaim, .value(50))
    }

    /// 济政发〔2019〕15号: 85% of last year's national funds, city : high-tech zone 4:6; venture loss
    /// compensation 20% ≤200 万元 per deal.
    func testQuantumMatchSplitAndVentureLossCap() throws {
        for f in ["jinan-quantum.yaml", "jinan-portfolio.yaml"] {
            try assertRate(f, "q_national_match", rate: 0.85, cap: nil, share: ["city": 0.4, "hitech_zone": 0.6])
            try assertRate(f, "q_vc_loss_comp", rate: 0.2, cap: 200, share: ["hitech_zone": 1])
        }
    }

    /// Vouchers ≤50 per SME and ≤10 per team; instrument sharing 40%; first purchase 10% ≤200;
    /// high-tech certification 20–30 / 10–20 / 10; AI financing cost 40% (50% small firms) ≤30.
    func testVouchersAwardsAndFinancingSubsidy() throws {
        let f = "jinan-vouchers-and-platforms.yaml"
        for (id, cap) in [("voucher_sme", 50.0), ("voucher_team", 10.0)] {
            guard case let .rate(r) = try program(f, id).rule else { return XCTFail("\(id) is not a rate program") }
            XCTAssertEqual(r.components.map(\.id), ["instrument", "service"])
            XCTAssertEqual(r.components.first?.rate, .value(0.4), "instrument-sharing vouchers pay 40%")
            XCTAssertEqual(r.components.map(\.capPerClaim), [.value(cap), .value(cap)], "\(id): cap per voucher type")
            XCTAssertEqual(r.combine, .sum)
        }
        // 活动券: 50 元 a ticket, ≤200 tickets (1 万元) per event, ≤10 万元 per organiser a year.
        guard case let .rate(activity) = try program(f, "voucher_activity").rule else { return XCTFail("voucher_activity is not a rate program") }
        XCTAssertEqual(Set(activity.components.map(\.rate)), [.value(0.005)])
        XCTAssertEqual(Set(activity.components.map(\.capPerClaim)), [.value(1)], "200 tickets × 50 元 per event")
        XCTAssertEqual(activity.capPerClaim, .value(10))
        XCTAssertEqual(activity.combine, .sum)
        try assertRate(f, "first_purchase_buyer", rate: 0.1, cap: 200, share: ["city": 1])
        XCTAssertEqual(try awardAmounts(f, "hnte_first_cert_above"), [.uniform(low: 20, high: 30)])
        XCTAssertEqual(try awardAmounts(f, "hnte_first_cert_below"), [.uniform(low: 10, high: 20)])
        XCTAssertEqual(try awardAmounts(f, "hnte_recert"), [.fixed(10)])
        for (id, fraction) in [("ai_finance_subsidy", 0.4), ("ai_finance_subsidy_small", 0.5)] {
            guard case let .interestSubsidy(i) = try program(f, id).rule else { return XCTFail() }
            XCTAssertEqual(i.fraction, .value(fraction))
            XCTAssertEqual(i.capPerClaim, .value(30))
        }
    }

    /// No text sets an appropriation for 2025–2029: the R&D line of each level covers the R&D programs
    /// and the 1 亿元 of 济政发〔2018〕14号 (a 2020 target) is one line over the five turnover-based
    /// programs, all illustrative (no `source:`).
    func testBudgetLinesCoverTheirProgramsAndAreIllustrative() throws {
        for (file, rd) in [
            ("jinan-rd-subsidy.yaml", ["rd_post_subsidy", "rd_post_subsidy_large", "rd_post_subsidy_ic"]),
            ("jinan-portfolio.yaml", ["rd_post_subsidy", "rd_post_subsidy_large"]),
        ] {
            let s = try ScenarioDecoder.load(path: Self.folder.appendingPathComponent(file).path)
            let lines = s.budgetLines.filter { $0.programs == rd }
            let amounts = Dictionary(uniqueKeysWithValues: lines.map { ($0.funder, $0.amounts[2026]) })
            XCTAssertEqual(amounts, ["province": 12500, "city": 6250, "district": 6250], file)
            XCTAssertTrue(lines.allSatisfy(\.isIllustrative), file)
            for id in rd { XCTAssertTrue(try XCTUnwrap(s.program(id)).budget.isEmpty, "\(file) \(id): the line is the R&D appropriation") }
        }
        let tc = try ScenarioDecoder.load(path: Self.folder.appendingPathComponent("jinan-tech-contracts.yaml").path)
        let line = try XCTUnwrap(tc.budgetLines.first)
        XCTAssertEqual(tc.budgetLines.count, 1)
        XCTAssertEqual(line.programs, ["tc_dev_transfer_license", "tc_consult_service", "tc_sme_buyer", "tc_agency", "tc_registration_body"])
        XCTAssertEqual(Set(line.amounts.values), [10000])
        XCTAssertTrue(line.isIllustrative)
        XCTAssertTrue(tc.programs.allSatisfy { $0.budget.isEmpty })
    }
}
