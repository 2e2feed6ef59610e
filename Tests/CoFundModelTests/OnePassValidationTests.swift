import XCTest

@testable import CoFundModel

/// Validation reports every problem of a file in one pass — field errors and references between
/// funders and programs together — sorted by line; ids the reports use for sums are refused; the
/// yearly limits hold in every year; distributions the samplers cannot draw are refused at their line.
final class OnePassValidationTests: XCTestCase {
    /// Six mistakes of different sorts; two are references (an undeclared funder in a share, a match
    /// of an undeclared program), each in a program that also has a field error.
    static let sixMistakes = """
        scenario:
          id: six
          title: six mistakes
          unit: wan
          years: [2025, 2027]
        funders:
          - {id: province, name: 省, level: province}
          - {id: city, name: 市, level: metropolis}
        programs:
          - id: rd
            name: 研发
            source: s
            kind: rate
            claims: {count: {dist: poisson, mean: 10}, approval: 0.9}
            base: {dist: lognormal, median: 500, p90: 3000}
            rate: -0.025
            share: {province: 0.5, county: 0.5}
          - id: match
            name: 配套
            source: s
            kind: matching
            matches: rd_subsidy
            ratio: one
            share: {city: 1}
          - id: total
            name: 奖励
            source: s
            kind: award
            claims: {count: 5}
            amount: 10
            share: {city: 1}

        """

    func testSixMistakesGiveSixLocatedMessagesInLineOrder() {
        let issues = issuesOf(Self.sixMistakes)
        XCTAssertEqual(
            issues.map(\.field),
            [
                "funders[1].level", "programs[0].rate", "programs[0].share.county",
                "programs[1].matches", "programs[1].ratio", "programs[2].id",
            ],
            issues.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(issues.map(\.line), [8, 16, 17, 22, 23, 25])
        XCTAssertTrue(issues[2].message.contains("`county`, which is not a declared funder"), issues[2].description)
        XCTAssertTrue(issues[3].message.contains("`rd_subsidy` is not a program"), issues[3].description)
    }

    func testAMatchOfAProgramThatHasMistakesOfItsOwnIsNotReportedAsUnknown() {
        let text = Self.sixMistakes.replacingOccurrences(of: "matches: rd_subsidy", with: "matches: rd")
        let issues = issuesOf(text)
        XCTAssertFalse(issues.contains { $0.field == "programs[1].matches" }, issues.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(issues.count, 5)
    }

    func testReservedIdsAreRefusedForFundersAndPrograms() {
        for id in ["all", "total", "after", "government"] {
            let program = Fixture.scenario(Fixture.rate(id: id))
            assertIssue(issuesOf(program), field: "programs[0].id", line: lineOf("- id: \(id)", in: program), mentions: "reserved")
            let funder = Fixture.scenario(Fixture.rate()).replacingOccurrences(
                of: "{id: bank, name: 合作银行, level: bank}",
                with: "{id: \(id), name: x, level: bank}")
            assertIssue(issuesOf(funder), field: "funders[4].id", line: lineOf("{id: \(id),", in: funder), mentions: "reserved")
        }
    }

    func testTheYearlyClaimLimitIsCheckedInTheFirstYearWhenCountsShrink() {
        let text = Fixture.scenario(Fixture.rate()).replacingOccurrences(
            of: "claims: {count: 10}", with: "claims: {count: {dist: fixed, value: 5e8, growth: -0.99}}")
        assertIssue(issuesOf(text), field: "programs[0].claims.count", line: lineOf("5e8", in: text), mentions: "(in 2024)", "too many")
    }

    func testDuplicateSegmentIdsAreRefused() {
        let text = Fixture.scenario(
            """
              - id: risk
                name: 风险补偿
                source: 威海 第15条
                kind: risk_compensation
                loans: {count: 100, principal: 300}
                pd: 0.03
                recovery: {rate: 0, lag: 0}
                loss_shares: {province: 0.35, city: 0.35}
                residual: bank
                segments:
                  - {id: standard, weight: 0.8}
                  - {id: standard, weight: 0.2, pd: 0.05}

            """)
        assertIssue(
            issuesOf(text), field: "programs[0].segments[1].id", line: lineOf("{id: standard, weight: 0.2", in: text),
            mentions: "used twice")
    }

    // MARK: - What the samplers can draw

    func rate(_ field: String, _ value: String) -> (issues: [ScenarioIssue], line: Int) {
        let text = Fixture.scenario(Fixture.rate()).replacingOccurrences(of: field, with: value)
        return (issuesOf(text), lineOf(value, in: text))
    }

    func testALognormalThatOverflowsIsRefusedAtItsLine() {
        let (issues, line) = rate("base: 1000", "base: {dist: lognormal, median: 1e-300, p90: 1}")
        assertIssue(issues, field: "programs[0].base", line: line, mentions: "too large to add up", "p90 at most")
    }

    func testABetaTooNarrowForItsDistributionFunctionIsRefusedWithTheSdRange() {
        let (issues, line) = rate("claims: {count: 10}", "claims: {count: 10, approval: {dist: beta, mean: 0.5, sd: 0.0003}}")
        assertIssue(issues, field: "programs[0].claims.approval", line: line, mentions: "shapes", "sd from")
    }

    func testGammasWithExtremeShapesAreRefused() {
        for sd in ["1e-300", "1e-9", "1e6"] {
            let (issues, line) = rate("rate: 0.025", "rate: {dist: gamma, mean: 0.1, sd: \(sd)}")
            assertIssue(issues, field: "programs[0].rate", line: line, mentions: "shape", "sd from")
        }
    }

    func testDistributionsInsideTheSamplersRangeDecode() {
        for value in ["{dist: beta, mean: 0.1, sd: 0.01}", "{dist: gamma, mean: 0.1, sd: 0.05}", "{dist: lognormal, median: 0.01, p90: 0.05}"] {
            let text = Fixture.scenario(Fixture.rate()).replacingOccurrences(of: "rate: 0.025", with: "rate: \(value)")
            XCTAssertNotNil(decodeOK(text), value)
        }
    }

    func testEveryLimitMessageNamesTheRangeThatWouldBeAccepted() throws {
        // The suggested sd range, fed back, is accepted: the hint is an answer, not a guess.
        let problem = try XCTUnwrap(Distribution.beta(mean: 0.5, sd: 0.0003).samplingProblem)
        XCTAssertTrue(problem.hint.contains("0.001118"), problem.hint)
        XCTAssertNil(Distribution.beta(mean: 0.5, sd: 0.00112).samplingProblem)
        XCTAssertNotNil(Distribution.beta(mean: 0.5, sd: 0.00111).samplingProblem)
    }
}

extension OnePassValidationTests {
    /// p90/median overflows a double (1e12/1e-300): the limit is computed from the logarithms.
    func testALognormalWhoseRatioOverflowsIsRefusedNotCrashed() {
        let (issues, line) = rate("base: 1000", "base: {dist: lognormal, median: 1e-300, p90: 1e12}")
        assertIssue(issues, field: "programs[0].base", line: line, mentions: "too large to add up")
    }
}
