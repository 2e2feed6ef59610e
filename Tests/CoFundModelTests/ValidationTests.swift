import XCTest

@testable import CoFundModel

/// One bad file per rule: each issue names the field, points at the line where it was written and
/// says what is wrong.
final class ValidationTests: XCTestCase {
    /// A scenario of one rate program with `old` replaced by `new`, its issues, and the line of `new`.
    private func mutatedRate(_ old: String, _ new: String, file: StaticString = #filePath, line: UInt = #line) -> (issues: [ScenarioIssue], line: Int)
    {
        let text = Fixture.scenario(Fixture.rate(extra(old)))
        let bad = text.replacingOccurrences(of: old, with: new)
        XCTAssertNotEqual(bad, text, "fixture has no `\(old)`", file: file, line: line)
        return (issuesOf(bad, file: file, line: line), lineOf(new, in: bad))
    }

    private func extra(_ old: String) -> String { old.hasPrefix("    ") ? old + "\n" : "" }

    private func riskProgram(_ lines: String = "") -> String {
        """
          - id: risk
            name: 风险补偿
            source: 威海 第15条
            kind: risk_compensation
            loans: {count: 100, principal: 300}
            cap_per_borrower: 2000
            pd: 0.03
            rho: 0.15
            recovery: {rate: 0, lag: 0}
            loss_shares: {province: 0.35, city: 0.35}
            residual: bank

        """ + lines
    }

    // MARK: - Shares

    func testSharesNotSummingToOneAreReportedAtTheShareLine() {
        for (bad, sum) in [("0.250000002", "1.000000002"), ("0.249999998", "0.999999998"), ("0.2", "0.95")] {
            let (issues, line) = mutatedRate("district: 0.25}", "district: \(bad)}")
            assertIssue(issues, field: "programs[0].share", line: line, mentions: "add up to \(sum), not 1")
        }
    }

    func testSharesSummingToOneWithinTenToTheMinusTenPass() {
        for near in ["0.25000000005", "0.24999999995"] {
            XCTAssertNotNil(decodeOK(Fixture.scenario(Fixture.rate()).replacingOccurrences(of: "district: 0.25}", with: "district: \(near)}")), near)
        }
    }

    func testShareNamingUndeclaredFunderIsReportedWithDidYouMean() {
        let (issues, line) = mutatedRate("{province: 0.5,", "{provnce: 0.5,")
        assertIssue(issues, field: "programs[0].share.provnce", line: line, mentions: "not a declared funder", "did you mean `province`?")
    }

    func testBudgetNamingUndeclaredFunderIsReportedWithDidYouMean() {
        let (issues, line) = mutatedRate("    budget: {city: 100}", "    budget: {cty: 100}")
        assertIssue(issues, field: "programs[0].budget.cty", line: line, mentions: "budget", "did you mean `city`?")
    }

    func testBudgetForAFunderWhoPaysNothingInTheProgramIsReported() {
        let (issues, line) = mutatedRate("    budget: {city: 100}", "    budget: {hitech_zone: 100}")
        assertIssue(issues, field: "programs[0].budget.hitech_zone", line: line, mentions: "pays nothing", "province, city, district")
    }

    func testLossShareNamingUndeclaredFunderIsReportedAtItsLine() {
        let text = Fixture.scenario(riskProgram()).replacingOccurrences(of: "{province: 0.35,", with: "{provinse: 0.35,")
        assertIssue(
            issuesOf(text), field: "programs[0].loss_shares.provinse", line: lineOf("provinse", in: text),
            mentions: "loss share", "did you mean `province`?")
    }

    func testSegmentLossShareNamingUndeclaredFunderIsReported() {
        let text = Fixture.scenario(riskProgram("    segments:\n      - {id: all, weight: 1, loss_shares: {citty: 0.5}}\n"))
        assertIssue(
            issuesOf(text), field: "programs[0].segments[0].loss_shares.citty", line: lineOf("citty", in: text), mentions: "did you mean `city`?")
    }

    func testResidualNamingUndeclaredFunderIsReported() {
        let text = Fixture.scenario(riskProgram()).replacingOccurrences(of: "residual: bank", with: "residual: banc")
        assertIssue(
            issuesOf(text), field: "programs[0].residual", line: lineOf("residual: banc", in: text), mentions: "residual", "did you mean `bank`?")
    }

    // MARK: - Ranges

    func testProbabilitiesOutsideZeroToOneAreReported() {
        let approval = mutatedRate("{count: 10}", "{count: 10, approval: 1.2}")
        assertIssue(approval.issues, field: "programs[0].claims.approval", line: approval.line, mentions: "1.2", "probability")
        let share = mutatedRate("{province: 0.5, city: 0.25, district: 0.25}", "{province: 1.5, city: -0.25, district: -0.25}")
        assertIssue(share.issues, field: "programs[0].share.province", line: share.line, mentions: "probability")
        assertIssue(share.issues, field: "programs[0].share.city", line: share.line, mentions: "probability")

        let pdText = Fixture.scenario(riskProgram()).replacingOccurrences(of: "pd: 0.03", with: "pd: 1.1")
        assertIssue(issuesOf(pdText), field: "programs[0].pd", line: lineOf("pd: 1.1", in: pdText), mentions: "probability")

        let tiers = Fixture.scenario(
            """
              - id: prize
                name: n
                source: s
                kind: award
                claims: {count: 3}
                tiers:
                  - {amount: 10, probability: 1.2}
                  - {amount: 5, probability: -0.2}
                share: {city: 1}
            """)
        assertIssue(issuesOf(tiers), field: "programs[0].tiers[0].probability", line: lineOf("1.2", in: tiers), mentions: "probability")

        let fraction = Fixture.scenario(Fixture.rate() + matching(parent: "rd", extra: "    fraction: 1.5\n"))
        assertIssue(issuesOf(fraction), field: "programs[1].fraction", line: lineOf("fraction: 1.5", in: fraction), mentions: "probability")
    }

    func testRhoOfOneIsReported() {
        let text = Fixture.scenario(riskProgram()).replacingOccurrences(of: "rho: 0.15", with: "rho: 1")
        assertIssue(issuesOf(text), field: "programs[0].rho", line: lineOf("rho: 1", in: text), mentions: "correlation", "not including")
    }

    func testNegativeAmountsRatesCapsAndCountsAreReported() {
        for (old, new, field) in [
            ("rate: 0.025", "rate: -0.025", "programs[0].rate"),
            ("base: 1000", "base: -1000", "programs[0].base"),
            ("{count: 10}", "{count: -3}", "programs[0].claims.count"),
            ("    cap_per_claim: 250", "    cap_per_claim: -250", "programs[0].cap_per_claim"),
            ("    budget: {city: 100}", "    budget: {city: -100}", "programs[0].budget.city"),
        ] {
            let (issues, line) = mutatedRate(old, new)
            assertIssue(issues, field: field, line: line, mentions: "not allowed", "0 or more")
        }
    }

    // MARK: - Distributions

    func testLognormalWithP90NotAboveTheMedianIsReported() {
        for p90 in ["500", "400"] {
            let (issues, line) = mutatedRate("base: 1000", "base: {dist: lognormal, median: 500, p90: \(p90)}")
            assertIssue(issues, field: "programs[0].base", line: line, mentions: "p90", "median")
        }
    }

    func testImpossibleBetaMeanAndSdIsReported() {
        let text = Fixture.scenario(riskProgram()).replacingOccurrences(
            of: "recovery: {rate: 0, lag: 0}", with: "recovery: {rate: {dist: beta, mean: 0.5, sd: 0.6}, lag: 0}")
        assertIssue(
            issuesOf(text), field: "programs[0].recovery.rate", line: lineOf("recovery:", in: text), mentions: "no beta distribution",
            "√(mean(1−mean))")
        let mean = text.replacingOccurrences(of: "mean: 0.5, sd: 0.6", with: "mean: 1.5, sd: 0.1")
        assertIssue(issuesOf(mean), field: "programs[0].recovery.rate", line: lineOf("recovery:", in: mean), mentions: "between 0 and 1")
    }

    func testAProbabilityGivenALognormalIsReported() {
        let (issues, line) = mutatedRate("{count: 10}", "{count: 10, approval: {dist: lognormal, median: 0.5, p90: 0.9}}")
        assertIssue(issues, field: "programs[0].claims.approval", line: line, mentions: "lognormal", "probability", "beta")
    }

    func testUnknownDistIsReportedWithDidYouMean() {
        let (issues, line) = mutatedRate("base: 1000", "base: {dist: lognormall, median: 5, p90: 9}")
        assertIssue(issues, field: "programs[0].base.dist", line: line, mentions: "unknown dist `lognormall`", "did you mean `lognormal`?")
    }

    func testACountDistUsedAsAPerClaimDistIsReported() {
        let (issues, line) = mutatedRate("base: 1000", "base: {dist: poisson, mean: 5}")
        assertIssue(issues, field: "programs[0].base.dist", line: line, mentions: "unknown dist `poisson`", "for counts")
        let count = mutatedRate("{count: 10}", "{count: {dist: lognormal, median: 5, p90: 9}}")
        assertIssue(count.issues, field: "programs[0].claims.count.dist", line: count.line, mentions: "unknown count dist")
    }

    func testUnknownKindIsReportedWithDidYouMean() {
        let (issues, line) = mutatedRate("kind: rate", "kind: rates")
        assertIssue(issues, field: "programs[0].kind", line: line, mentions: "unknown kind", "did you mean `rate`?")
    }

    // MARK: - Identity and references

    func testDuplicateFunderIdIsReportedAtTheSecondDeclaration() {
        let text = Fixture.scenario(Fixture.rate()).replacingOccurrences(of: "{id: bank, name: 合作银行", with: "{id: city, name: 合作银行")
        assertIssue(issuesOf(text), field: "funders[4].id", line: lineOf("合作银行", in: text), mentions: "declared twice")
    }

    func testDuplicateProgramIdIsReportedAtTheSecondProgram() {
        let text = Fixture.scenario(Fixture.rate() + Fixture.rate())
        assertIssue(issuesOf(text), field: "programs[1].id", line: lineOf("- id: rd", in: text, occurrence: 2), mentions: "used twice")
    }

    private func matching(id: String = "lx_match", parent: String, extra: String = "") -> String {
        """
          - id: \(id)
            name: 配套
            source: 历下政发〔2023〕4号
            kind: matching
            matches: \(parent)
            ratio: 1
            share: {district: 1}

        """ + extra
    }

    func testMatchesNamingAMissingProgramIsReportedWithDidYouMean() {
        let text = Fixture.scenario(Fixture.rate() + matching(parent: "rdd"))
        assertIssue(
            issuesOf(text), field: "programs[1].matches", line: lineOf("matches: rdd", in: text), mentions: "not a program", "did you mean `rd`?")
    }

    func testAMatchingCycleIsReportedOnEachProgramInIt() {
        let text = Fixture.scenario(matching(id: "a", parent: "b") + matching(id: "b", parent: "a"))
        let issues = issuesOf(text)
        assertIssue(issues, field: "programs[0].matches", line: lineOf("matches: b", in: text), mentions: "cycle", "a → b → a")
        assertIssue(issues, field: "programs[1].matches", line: lineOf("matches: a", in: text), mentions: "cycle", "b → a → b")
    }

    // MARK: - Years

    func testYearsOutOfOrderAreReportedWithTheFix() {
        let text = Fixture.scenario(Fixture.rate()).replacingOccurrences(of: "years: [2024, 2026]", with: "years: [2028, 2024]")
        assertIssue(issuesOf(text), field: "scenario.years", line: lineOf("[2028, 2024]", in: text), mentions: "out of order", "[2024, 2028]")
    }

    func testProgramYearsOutsideTheScenarioYearsAreReported() {
        let (issues, line) = mutatedRate("    years: [2024, 2025]", "    years: [2023, 2025]")
        assertIssue(issues, field: "programs[0].years", line: line, mentions: "2023–2025", "2024–2026")
    }

    // MARK: - Keys and numbers

    func testUnknownKeyIsReportedWithDidYouMean() {
        let (issues, line) = mutatedRate("    cap_per_claim: 250", "    cap_per_clam: 250")
        let issue = assertIssue(issues, field: "programs[0].cap_per_clam", line: line, mentions: "unknown key `cap_per_clam`")
        XCTAssertEqual(issue?.hint, "did you mean `cap_per_claim`?")
        XCTAssertEqual(issue?.column, 5)
    }

    func testNaNInfinityAndTooLargeNumbersAreReported() {
        for (value, words) in [(".nan", ["finite"]), (".inf", ["finite"]), ("-.inf", ["finite"]), ("1e13", ["too large", "1e12"])] {
            let (issues, line) = mutatedRate("    cap_per_claim: 250", "    cap_per_claim: \(value)")
            XCTAssertEqual(issues.count, 1, value)
            for w in words { assertIssue(issues, field: "programs[0].cap_per_claim", line: line, mentions: w) }
        }
    }

    func testAYearlyCountMeanAboveTwoMillionIsReported() {
        let flat = mutatedRate("{count: 10}", "{count: 2000001}")
        assertIssue(flat.issues, field: "programs[0].claims.count", line: flat.line, mentions: "too many", "2000000")
        XCTAssertNotNil(decodeOK(Fixture.scenario(Fixture.rate()).replacingOccurrences(of: "{count: 10}", with: "{count: 2000000}")))
        // 1.9 million growing 10% a year passes 2 million in the last year.
        let grown = mutatedRate("{count: 10}", "{count: {dist: poisson, mean: 1900000, growth: 0.1}}")
        assertIssue(grown.issues, field: "programs[0].claims.count", line: grown.line, mentions: "2299000", "2026")
    }

    func testAYearlyCountLimitCountsGrowthFromTheProgramsOwnFirstYear() {
        // 1.9 million growing 10% a year, taking claims in 2026 only: 1.9 million in its first year.
        let text = Fixture.scenario(Fixture.rate("    years: [2026, 2026]\n"))
            .replacingOccurrences(of: "{count: 10}", with: "{count: {dist: poisson, mean: 1900000, growth: 0.1}}")
        XCTAssertNotNil(decodeOK(text))
    }

    func testMixingOnACountWithoutAMixingVariableIsReportedWithWhereItBelongs() {
        for count in ["{dist: poisson, mean: 10, mixing: per_path}", "{dist: fixed, value: 10, mixing: per_year}"] {
            let (issues, line) = mutatedRate("{count: 10}", "{count: \(count)}")
            XCTAssertEqual(issues.count, 1, "\(issues)")
            assertIssue(issues, field: "programs[0].claims.count.mixing", line: line, mentions: "no mixing variable", "negative_binomial", "per_path")
        }
        let text = Fixture.scenario(riskProgram()).replacingOccurrences(
            of: "loans: {count: 100,", with: "loans: {count: {dist: poisson, mean: 100, mixing: per_path},")
        assertIssue(
            issuesOf(text), field: "programs[0].loans.count.mixing", line: lineOf("mixing: per_path", in: text), mentions: "negative_binomial")
    }

    func testAnUnknownMixingIsReportedWithDidYouMean() {
        let (issues, line) = mutatedRate("{count: 10}", "{count: {dist: negative_binomial, mean: 10, dispersion: 2, mixing: per-year}}")
        let issue = assertIssue(issues, field: "programs[0].claims.count.mixing", line: line, mentions: "unknown mixing `per-year`")
        XCTAssertEqual(issue?.hint, "did you mean `per_year`?")
    }

    // MARK: - YAML

    func testAYAMLSyntaxErrorIsReportedAtItsLine() {
        let text = Fixture.scenario(Fixture.rate()).replacingOccurrences(of: "base: 1000", with: "base: [1000")
        let issues = issuesOf(text)
        XCTAssertEqual(issues.count, 1)
        XCTAssertTrue(issues.first?.message.hasPrefix("YAML syntax") == true, "\(issues)")
        let written = lineOf("base: [1000", in: text)
        XCTAssertTrue((written...written + 1).contains(issues.first?.line ?? 0), "\(issues) vs line \(written)")

        let tab = Fixture.scenario(Fixture.rate()).replacingOccurrences(of: "    rate: 0.025", with: "\trate: 0.025")
        let tabIssues = issuesOf(tab)
        XCTAssertEqual(tabIssues.first?.line, lineOf("\trate", in: tab), "\(tabIssues)")
    }

    func testADuplicateKeyIsReported() {
        let text = Fixture.scenario(Fixture.rate("    rate: 0.03\n"))
        let issues = issuesOf(text)
        XCTAssertEqual(issues.count, 1)
        XCTAssertTrue(issues.first?.message.contains("`rate` is written twice") == true, "\(issues)")
        XCTAssertEqual(issues.first?.line, lineOf("rate: 0.025", in: text), "\(issues)")
    }

    func testAnEmptyFileIsReported() {
        XCTAssertEqual(issuesOf("").first?.message, "the file is empty")
        XCTAssertEqual(issuesOf("# only a comment\n").first?.message, "the file is empty")
    }

    func testAFileWithSeveralMistakesReportsEveryOne() {
        let text = """
            scenario:
              id: many-mistakes
              title: t
              unit: won
              years: [2024, 2026]
              sead: 1
            funders:
              - {id: city, name: 市, level: cty}
              - {id: district, name: 区, level: district}
            programs:
              - id: a
                name: n
                source: s
                kind: rate
                claims: {count: 10, approval: 1.5}
                base: {dist: lognormal, median: 500, p90: 100}
                rate: .nan
                share: {city: 0.5, district: 0.6}
              - id: b
                name: n
                source: s
                kind: awrd
                share: {city: 1}
            """
        let issues = issuesOf(text)
        let expected: [(field: String, needle: String)] = [
            ("scenario.unit", "unit: won"), ("scenario.sead", "sead:"), ("funders[0].level", "level: cty"),
            ("programs[0].claims.approval", "approval: 1.5"), ("programs[0].base", "p90: 100"), ("programs[0].rate", "rate: .nan"),
            ("programs[0].share", "district: 0.6"), ("programs[1].kind", "kind: awrd"),
        ]
        XCTAssertGreaterThanOrEqual(issues.count, 5)
        for (field, needle) in expected { assertIssue(issues, field: field, line: lineOf(needle, in: text)) }
        XCTAssertEqual(Set(issues.map(\.line)).count, issues.count, "each issue has its own line: \(issues)")
    }
}
