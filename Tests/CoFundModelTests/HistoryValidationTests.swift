import XCTest

@testable import CoFundModel

/// `scenario.history_from` and the years in which programs take claims: the default, the allowed
/// range and the located messages (the fixture's years are 2024–2026).
final class HistoryValidationTests: XCTestCase {
    private func withHistory(_ year: String, _ programs: String = Fixture.rate()) -> String {
        Fixture.scenario(programs).replacingOccurrences(of: "  years: [2024, 2026]", with: "  years: [2024, 2026]\n  history_from: \(year)")
    }

    /// The default is the first year minus the longest reach: a rate program paid 3 years late
    /// (3), a match of it paid 2 years after it (3 + 2) and a 4-year loan book (4 − 1) — the
    /// match's 5 wins.
    func testTheDefaultIsTheFirstYearMinusTheLongestReach() throws {
        let text = Fixture.scenario(
            Fixture.rate("    payment_lag: 3\n")
                + """
                  - {id: m, name: m, source: t, kind: matching, matches: rd, ratio: 1, payment_lag: 2, share: {city: 1}}
                  - {id: l, name: l, source: t, kind: interest_subsidy, loans: {count: 1, principal: 10, term: 4},
                     pd: 0, rho: 0, interest_rate: 0.05, fraction: 1, share: {city: 1}}

                """)
        let s = try XCTUnwrap(decodeOK(text))
        XCTAssertEqual(s.programReach, [3, 5, 3])
        XCTAssertEqual(s.claimsFrom, 2019)
        XCTAssertNil(s.historyFrom)
        XCTAssertEqual(try XCTUnwrap(decodeOK(Fixture.scenario(Fixture.rate()))).claimsFrom, 2024)
        XCTAssertEqual(try XCTUnwrap(decodeOK(withHistory("2020"))).claimsFrom, 2020)
    }

    func testHistoryFromAfterTheFirstYearIsReportedWithTheAllowedRange() {
        let text = withHistory("2025")
        assertIssue(
            issuesOf(text), field: "scenario.history_from", line: lineOf("history_from", in: text), mentions: "after the first year", "1977 to 2024")
    }

    /// 2026 − 50 + 1 = 1977 is the earliest year: 1976 would simulate 51 years.
    func testHistoryFromSpanningMoreThanFiftyYearsIsReportedWithTheAllowedRange() {
        XCTAssertNotNil(decodeOK(withHistory("1977")))
        let text = withHistory("1976")
        assertIssue(issuesOf(text), field: "scenario.history_from", line: lineOf("history_from", in: text), mentions: "51 years", "1977 to 2024")
    }

    /// A program may take claims from history_from on, before the horizon.
    func testProgramYearsFromHistoryFromOnAreAllowed() throws {
        let s = try XCTUnwrap(decodeOK(withHistory("2021", Fixture.rate("    years: [2022, 2025]\n"))))
        XCTAssertEqual(s.claimYears(of: s.programs[0]), 2022...2025)
        XCTAssertEqual(s.growthAnchor(of: s.programs[0]), 2022)
    }

    func testProgramYearsBeforeHistoryFromAreReportedWithTheFix() {
        let text = withHistory("2022", Fixture.rate("    years: [2021, 2025]\n"))
        assertIssue(
            issuesOf(text), field: "programs[0].years", line: lineOf("years: [2021, 2025]", in: text), mentions: "2021–2025", "2022–2026",
            "history_from")
    }

    func testProgramYearsAfterTheLastYearAreReported() {
        let text = Fixture.scenario(Fixture.rate("    years: [2025, 2027]\n"))
        assertIssue(issuesOf(text), field: "programs[0].years", line: lineOf("years: [2025, 2027]", in: text), mentions: "2025–2027", "2026")
    }

    /// A count shrinking by half a year has twice its mean the year before its anchor: 1.5 million
    /// in 2024 (the anchor, the first year) is 3 million in 2023, simulated for the lag of 1.
    func testTheYearlyLimitCountsTheYearsBeforeTheAnchor() {
        let program = Fixture.rate("    payment_lag: 1\n").replacingOccurrences(
            of: "{count: 10}", with: "{count: {dist: poisson, mean: 1500000, growth: -0.5}}")
        let text = Fixture.scenario(program)
        assertIssue(issuesOf(text), field: "programs[0].claims.count", line: lineOf("count:", in: text), mentions: "3000000", "2023")
        XCTAssertNotNil(decodeOK(withHistory("2024", program)))
    }
}
