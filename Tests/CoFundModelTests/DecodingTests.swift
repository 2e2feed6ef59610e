import XCTest

@testable import CoFundModel

/// Each program kind, distribution and count decodes into the values written, and omitted fields
/// take their documented defaults.
final class DecodingTests: XCTestCase {
    private func onlyProgram(_ programs: String, file: StaticString = #filePath, line: UInt = #line) -> Program? {
        guard let s = decodeOK(Fixture.scenario(programs), file: file, line: line) else { return nil }
        XCTAssertEqual(s.programs.count, 1, file: file, line: line)
        return s.programs.first
    }

    func testHeaderAndFundersDecodeIntoTheScenario() throws {
        let text = """
            scenario:
              id: jinan-rd_2025
              title: 济南市企业研发投入后补助
              unit: yuan
              years: [2024, 2028]
              seed: 20_251_122
              paths: 2000
              description: free text
            funders:
              - {id: national, name: 中央财政, level: national}
              - {id: zone, level: zone}
            programs:

            """ + Fixture.rate().replacingOccurrences(of: "{province: 0.5, city: 0.25, district: 0.25}", with: "{national: 1}")
        let s = try XCTUnwrap(decodeOK(text))
        XCTAssertEqual([s.id, s.title, s.description], ["jinan-rd_2025", "济南市企业研发投入后补助", "free text"])
        XCTAssertEqual(s.unit, .yuan)
        XCTAssertEqual(s.years, 2024...2028)
        XCTAssertEqual([s.seed, UInt64(s.paths)], [20_251_122, 2000])
        XCTAssertEqual(s.funders, [Funder(id: "national", name: "中央财政", level: .national), Funder(id: "zone", name: "zone", level: .zone)])
    }

    func testRateProgramDecodesClaimsBaseRateFloorCapAndMinBase() throws {
        let p = try XCTUnwrap(
            onlyProgram(
                """
                  - id: rd
                    name: 研发补助
                    source: 济政字〔2020〕20号 第8条
                    kind: rate
                    assumption: one note
                    years: [2025, 2026]
                    claims: {count: {dist: poisson, mean: 3000, growth: 0.10}, approval: 0.85}
                    base: {dist: lognormal, median: 500, p90: 3000}
                    rate: 2.5%
                    floor: 5
                    cap_per_claim: 250
                    min_base: 300
                    share: {province: 0.5, city: 0.25, district: 0.25}
                    budget: {province: 20000, city: 10000}
                    rationing: pro_rata
                    payment_lag: 1
                    payment_schedule: [0.4, 0.3, 0.3]
                """))
        XCTAssertEqual([p.id, p.name, p.source], ["rd", "研发补助", "济政字〔2020〕20号 第8条"])
        XCTAssertEqual(p.assumptions, ["one note"])
        XCTAssertEqual(p.activeYears, 2025...2026)
        XCTAssertEqual(p.share.parts.map(\.funder), ["province", "city", "district"])
        XCTAssertEqual(p.share.parts.map(\.fraction), [0.5, 0.25, 0.25])
        XCTAssertEqual(p.budget, ["province": 20000, "city": 10000])
        XCTAssertEqual(p.rationing, .proRata)
        XCTAssertEqual(p.paymentLag, 1)
        XCTAssertEqual(p.paymentSchedule, [0.4, 0.3, 0.3])
        guard case let .rate(r) = p.rule else { return XCTFail("not a rate: \(p.rule)") }
        XCTAssertEqual(r.claims.count, CountDistribution(family: .poisson, mean: 3000, growth: 0.10))
        XCTAssertEqual(r.claims.approval, .value(0.85))
        XCTAssertEqual(r.base, .lognormal(median: 500, p90: 3000))
        XCTAssertEqual(r.rate, .value(0.025))
        XCTAssertEqual(r.brackets, [])
        XCTAssertEqual(r.floor, .value(5))
        XCTAssertEqual(r.capPerClaim, .value(250))
        XCTAssertEqual(r.minBase, .value(300))
    }

    func testRateProgramWithBracketsDecodesProgressiveBands() throws {
        let p = try XCTUnwrap(
            onlyProgram(
                """
                  - id: tc
                    name: 技术合同
                    source: s
                    kind: rate
                    claims: {count: 5}
                    base: 2000
                    brackets:
                      - {up_to: 1000, rate: 0.05}
                      - {up_to: 5000, rate: 3%}
                      - {rate: 1.5‰}
                    share: {city: 1}
                """))
        guard case let .rate(r) = p.rule else { return XCTFail("not a rate") }
        XCTAssertEqual(r.brackets, [.init(upTo: 1000, rate: 0.05), .init(upTo: 5000, rate: 0.03), .init(upTo: nil, rate: 0.0015)])
        XCTAssertTrue(r.capPerClaim == nil && r.floor == nil && r.minBase == nil)
    }

    func testPercentAndPermilleParseAsFractions() {
        XCTAssertEqual(YAMLReader.parseNumber("2.5%"), 0.025)
        XCTAssertEqual(YAMLReader.parseNumber("1.5‰")!, 0.0015, accuracy: 1e-18)
        XCTAssertEqual(YAMLReader.parseNumber(" 85% "), 0.85)
        XCTAssertEqual(YAMLReader.parseNumber("1_000"), 1000)
        XCTAssertEqual(YAMLReader.parseNumber("1e3"), 1000)
        XCTAssertNil(YAMLReader.parseNumber("twelve"))
        XCTAssertNil(YAMLReader.parseNumber("%"))
        XCTAssertNil(YAMLReader.parseNumber("0x10"))
        XCTAssertTrue(YAMLReader.parseNumber(".nan")!.isNaN)
        XCTAssertEqual(YAMLReader.parseNumber("-.inf"), -.infinity)
    }

    func testPercentAndPermilleInAFileDecodeAsFractions() throws {
        let p = try XCTUnwrap(
            onlyProgram(
                Fixture.rate().replacingOccurrences(of: "rate: 0.025", with: "rate: 1.5‰")
                    .replacingOccurrences(of: "{count: 10}", with: "{count: 10, approval: 2.5%}")))
        guard case let .rate(r) = p.rule else { return XCTFail("not a rate") }
        XCTAssertEqual(r.rate.central, 0.0015, accuracy: 1e-18)
        XCTAssertEqual(r.claims.approval, .value(0.025))
    }

    func testOmittedFieldsTakeTheirDefaults() throws {
        let s = try XCTUnwrap(decodeOK(Fixture.scenario(Fixture.rate())))
        XCTAssertEqual(s.seed, 1)
        XCTAssertEqual(s.paths, 10_000)
        let p = s.programs[0]
        XCTAssertEqual(p.paymentLag, 0)
        XCTAssertEqual(p.paymentSchedule, [1])
        XCTAssertEqual(p.rationing, .none)
        XCTAssertEqual(p.budget, [:])
        XCTAssertNil(p.activeYears)
        guard case let .rate(r) = p.rule else { return XCTFail("not a rate") }
        XCTAssertEqual(r.claims.approval, .value(1))
        XCTAssertEqual(r.claims.count, CountDistribution(family: .fixed, mean: 10))
        XCTAssertEqual(r.base, .fixed(1000))
    }

    func testAwardWithAnAmountDecodes() throws {
        let p = try XCTUnwrap(
            onlyProgram(
                """
                  - id: hte
                    name: 高企首次认定
                    source: s
                    kind: award
                    assumption: [first note, second note]
                    claims: {count: {dist: poisson, mean: 40}}
                    amount: {dist: uniform, low: 20, high: 30}
                    share: {city: 0.6, district: 0.4}
                """))
        XCTAssertEqual(p.assumptions, ["first note", "second note"])
        guard case let .award(a) = p.rule else { return XCTFail("not an award") }
        XCTAssertEqual(a.amount, .uniform(low: 20, high: 30))
        XCTAssertEqual(a.tiers, [])
        XCTAssertEqual(a.meanAmount, 25)
        XCTAssertEqual(a.claims.count, CountDistribution(family: .poisson, mean: 40))
    }

    func testAwardWithTiersDecodesEachTier() throws {
        let p = try XCTUnwrap(
            onlyProgram(
                """
                  - id: prize
                    name: 科技进步奖
                    source: s
                    kind: award
                    claims: {count: 12}
                    tiers:
                      - {amount: 10, probability: 0.2, name: 一等}
                      - {amount: {dist: triangular, low: 3, mode: 5, high: 7}, probability: 0.8}
                    share: {city: 1.0}
                """))
        guard case let .award(a) = p.rule else { return XCTFail("not an award") }
        XCTAssertEqual(
            a.tiers, [.init(amount: .fixed(10), probability: 0.2), .init(amount: .triangular(low: 3, mode: 5, high: 7), probability: 0.8)])
        XCTAssertEqual(a.meanAmount, 6, accuracy: 1e-12)
    }

    func testMatchingWithOfDecodes() throws {
        let s = try XCTUnwrap(
            decodeOK(
                Fixture.scenario(
                    Fixture.rate(id: "city_grant") + """
                          - id: lx_match
                            name: 历下配套
                            source: 历下政发〔2023〕4号
                            kind: matching
                            matches: city_grant
                            of: city
                            ratio: 1.0
                            fraction: {dist: beta, mean: 0.12, sd: 0.03}
                            cap_per_claim: 100
                            share: {district: 1.0}
                            payment_lag: 1
                        """)))
        guard case let .matching(m) = s.programs[1].rule else { return XCTFail("not a matching") }
        XCTAssertEqual(
            m,
            MatchingRule(
                matches: "city_grant", of: "city", ratio: .value(1), fraction: .uncertain(.beta(mean: 0.12, sd: 0.03)), capPerClaim: .value(100)))
        XCTAssertEqual(ScenarioValidator.paymentOrder(s.programs), [0, 1])
    }

    func testRiskCompensationWithSegmentsDecodes() throws {
        let p = try XCTUnwrap(
            onlyProgram(
                """
                  - id: risk
                    name: 风险补偿
                    source: 威海 第15条
                    kind: risk_compensation
                    loans:
                      count: {dist: negative_binomial, mean: 800, dispersion: 15, growth: 0.05}
                      principal: {dist: lognormal, median: 300, p90: 1500}
                      term: 2
                    cap_per_borrower: 2000
                    pd: {dist: beta, mean: 0.03, sd: 0.01}
                    rho: 0.15
                    factor: own
                    recovery: {rate: {dist: beta, mean: 0.4, sd: 0.2}, lag: 1}
                    loss_shares: {province: 0.35, city: 0.35}
                    residual: bank
                    segments:
                      - {id: standard, weight: 0.8}
                      - {id: early_stage, weight: 0.2, pd: 0.05, loss_shares: {province: 0.45, city: 0.45}}
                """))
        XCTAssertEqual(p.share.parts.count, 0)
        XCTAssertEqual(p.funderIDs, ["province", "city", "bank"])
        guard case let .riskCompensation(r) = p.rule else { return XCTFail("not risk_compensation") }
        XCTAssertEqual(r.loans.count, CountDistribution(family: .negativeBinomial(dispersion: 15), mean: 800, growth: 0.05))
        XCTAssertEqual(r.loans.principal, .lognormal(median: 300, p90: 1500))
        XCTAssertEqual(r.loans.term, 2)
        XCTAssertEqual(r.loans.defaults, DefaultModel(pd: .uncertain(.beta(mean: 0.03, sd: 0.01)), rho: .value(0.15), factor: .own))
        XCTAssertEqual(r.capPerBorrower, .value(2000))
        XCTAssertEqual(r.recovery, Recovery(rate: .beta(mean: 0.4, sd: 0.2), lag: 1))
        XCTAssertEqual(r.loans.repayment, .bullet)
        XCTAssertEqual(r.lossShares, [.init(funder: "province", fraction: .value(0.35)), .init(funder: "city", fraction: .value(0.35))])
        XCTAssertEqual(r.residual, "bank")
        XCTAssertEqual(
            r.segments,
            [
                .init(id: "standard", weight: 0.8),
                .init(
                    id: "early_stage", weight: 0.2, pd: .value(0.05),
                    lossShares: [.init(funder: "province", fraction: .value(0.45)), .init(funder: "city", fraction: .value(0.45))]),
            ])
    }

    func testInterestSubsidyDecodesWithSharedFactorAndZeroRhoByDefault() throws {
        let p = try XCTUnwrap(
            onlyProgram(
                """
                  - id: interest
                    name: 贴息
                    source: s
                    kind: interest_subsidy
                    loans: {count: 500, principal: {dist: gamma, mean: 500, sd: 200}}
                    pd: 0.02
                    interest_rate: 4%
                    fee_rate: 0.01
                    fraction: 0.5
                    cap_per_claim: 50
                    share: {province: 1.0}
                """))
        guard case let .interestSubsidy(r) = p.rule else { return XCTFail("not interest_subsidy") }
        XCTAssertEqual(
            r.loans,
            LoanBook(
                count: CountDistribution(family: .fixed, mean: 500), principal: .gamma(mean: 500, sd: 200),
                term: 1, defaults: DefaultModel(pd: .value(0.02), rho: .value(0), factor: .shared)))
        XCTAssertEqual([r.interestRate, r.feeRate, r.fraction, r.capPerClaim], [.value(0.04), .value(0.01), .value(0.5), .value(50)])
    }

    private static let distributions: [(yaml: String, expected: Distribution)] = [
        ("7", .fixed(7)),
        ("{dist: fixed, value: 7}", .fixed(7)),
        ("{dist: uniform, low: 20, high: 30}", .uniform(low: 20, high: 30)),
        ("{dist: triangular, low: 0.2, mode: 0.35, high: 0.45}", .triangular(low: 0.2, mode: 0.35, high: 0.45)),
        ("{dist: lognormal, median: 500, p90: 3000}", .lognormal(median: 500, p90: 3000)),
        ("{dist: gamma, mean: 40, sd: 10}", .gamma(mean: 40, sd: 10)),
        ("{dist: beta, mean: 0.6, sd: 0.2}", .beta(mean: 0.6, sd: 0.2)),
    ]

    func testEveryDistributionDecodesAsAPerClaimAmount() throws {
        for (yaml, expected) in Self.distributions {
            let p = try XCTUnwrap(
                onlyProgram(
                    """
                      - id: a
                        name: n
                        source: s
                        kind: award
                        claims: {count: 1}
                        amount: \(yaml)
                        share: {city: 1}
                    """), yaml)
            guard case let .award(a) = p.rule else { return XCTFail("not an award") }
            XCTAssertEqual(a.amount, expected, yaml)
        }
    }

    func testEveryDistributionDecodesAsAnUncertainParameter() throws {
        for (yaml, expected) in Self.distributions {
            let p = try XCTUnwrap(onlyProgram(Fixture.rate().replacingOccurrences(of: "rate: 0.025", with: "rate: \(yaml)")), yaml)
            guard case let .rate(r) = p.rule else { return XCTFail("not a rate") }
            if case let .fixed(v) = expected {
                XCTAssertEqual(r.rate, .value(v), yaml)
            } else {
                XCTAssertEqual(r.rate, .uncertain(expected), yaml)
                XCTAssertTrue(r.rate.isUncertain, yaml)
                XCTAssertEqual(r.rate.central, expected.mean, yaml)
            }
        }
    }

    func testProbabilityParametersTakeBoundedDistributions() throws {
        for (yaml, expected) in [
            ("{dist: beta, mean: 0.85, sd: 0.05}", Parameter.uncertain(.beta(mean: 0.85, sd: 0.05))),
            ("{dist: uniform, low: 0.8, high: 0.9}", .uncertain(.uniform(low: 0.8, high: 0.9))),
            ("{dist: triangular, low: 0.7, mode: 0.8, high: 1}", .uncertain(.triangular(low: 0.7, mode: 0.8, high: 1))),
        ] {
            let p = try XCTUnwrap(onlyProgram(Fixture.rate().replacingOccurrences(of: "{count: 10}", with: "{count: 10, approval: \(yaml)}")), yaml)
            guard case let .rate(r) = p.rule else { return XCTFail("not a rate") }
            XCTAssertEqual(r.claims.approval, expected, yaml)
        }
    }

    func testEveryCountDecodesWithItsGrowth() throws {
        let cases: [(String, CountDistribution)] = [
            ("12", .init(family: .fixed, mean: 12)),
            ("{dist: fixed, value: 12}", .init(family: .fixed, mean: 12)),
            ("{dist: fixed, value: 12, growth: 0.1}", .init(family: .fixed, mean: 12, growth: 0.1)),
            ("{dist: poisson, mean: 3000, growth: 0.10}", .init(family: .poisson, mean: 3000, growth: 0.1)),
            ("{dist: poisson, mean: 40}", .init(family: .poisson, mean: 40)),
            (
                "{dist: negative_binomial, mean: 4000, dispersion: 25, growth: 6%}",
                .init(family: .negativeBinomial(dispersion: 25), mean: 4000, growth: 0.06)
            ),
            (
                "{dist: negative_binomial, mean: 40, dispersion: 2, mixing: per_year}",
                .init(family: .negativeBinomial(dispersion: 2, mixing: .perYear), mean: 40)
            ),
            (
                "{dist: negative_binomial, mean: 40, dispersion: 2, mixing: per_path}",
                .init(family: .negativeBinomial(dispersion: 2, mixing: .perPath), mean: 40)
            ),
        ]
        for (yaml, expected) in cases {
            let p = try XCTUnwrap(onlyProgram(Fixture.rate().replacingOccurrences(of: "{count: 10}", with: "{count: \(yaml)}")), yaml)
            guard case let .rate(r) = p.rule else { return XCTFail("not a rate") }
            XCTAssertEqual(r.claims.count, expected, yaml)
        }
        // Without `mixing`, a negative binomial draws its mixing variable once per path.
        let p = try XCTUnwrap(
            onlyProgram(
                Fixture.rate().replacingOccurrences(of: "{count: 10}", with: "{count: {dist: negative_binomial, mean: 40, dispersion: 2}}")))
        XCTAssertEqual(p.rule.count?.mixing, .perPath)
        XCTAssertNil(CountDistribution(family: .poisson, mean: 40).mixing)
        let grown = CountDistribution(family: .poisson, mean: 3000, growth: 0.1)
        XCTAssertEqual(grown.mean(inProgramYear: 2), 3630, accuracy: 1e-9)
        XCTAssertEqual(CountDistribution(family: .negativeBinomial(dispersion: 25), mean: 100).variance(mean: 100), 500)
    }
}
