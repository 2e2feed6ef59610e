import XCTest

@testable import CoFundModel

/// `in_force` and `continue_after_expiry`: the year convention at boundary dates and the located
/// errors of bad dates, reversed dates and a continuation without an expiry or a reason.
final class InForceValidationTests: XCTestCase {
    private func scenario(_ extra: String) -> String { Fixture.scenario(Fixture.rate(extra)) }

    private func claimYears(_ force: String) throws -> ClosedRange<Int>? {
        let s = try XCTUnwrap(decodeOK(scenario("    in_force: \(force)\n")))
        return s.claimYears(of: s.programs[0])
    }

    /// The horizon is 2024–2026 and claims start in 2024. A year counts when the text is in
    /// force on at least one of its days.
    func testAYearCountsWhenTheTextIsInForceOnOneOfItsDays() throws {
        XCTAssertEqual(try claimYears("{until: 2024-12-31}"), 2024...2024)
        XCTAssertEqual(try claimYears("{until: 2025-01-01}"), 2024...2025)  // one day of 2025
        XCTAssertEqual(try claimYears("{from: 2025-12-31}"), 2025...2026)  // the last day of 2025
        XCTAssertEqual(try claimYears("{from: 2025-01-01, until: 2025-12-31}"), 2025...2025)
        XCTAssertEqual(try claimYears("{from: 2026-01-01}"), 2026...2026)
        XCTAssertEqual(try claimYears("{until: 2023-12-31}"), nil)
        XCTAssertEqual(try claimYears("{from: 2020-05-01, until: 2030-12-31}"), 2024...2026)
    }

    func testDatesDecode() throws {
        let s = try XCTUnwrap(
            decodeOK(
                scenario(
                    "    in_force: {from: 2020-02-29, until: '2024-09-30'}\n    continue_after_expiry: false\n")))
        let p = s.programs[0]
        XCTAssertEqual(p.inForce, InForce(from: CalendarDate(year: 2020, month: 2, day: 29), until: CalendarDate(year: 2024, month: 9, day: 30)))
        XCTAssertFalse(p.continuesAfterExpiry)
        XCTAssertEqual(p.inForce?.text, "2020-02-29 – 2024-09-30")
    }

    func testADateThatDoesNotParseIsLocated() {
        for bad in ["2022-13-01", "2023-02-29", "2022/12/31", "2022-1-5", "next year"] {
            let text = scenario("    in_force:\n      from: 2020-01-01\n      until: \(bad)\n")
            assertIssue(
                issuesOf(text), field: "programs[0].in_force.until", line: lineOf("until:", in: text), mentions: "is not a date", "YYYY-MM-DD")
        }
    }

    func testFromAfterUntilIsLocated() {
        let text = scenario("    in_force:\n      from: 2023-01-01\n      until: 2022-12-31\n")
        assertIssue(
            issuesOf(text), field: "programs[0].in_force.from", line: lineOf("from: 2023", in: text), mentions: "2023-01-01", "2022-12-31",
            "`from` must be on or before `until`")
    }

    func testAnUnknownKeyInInForceGetsADidYouMean() {
        let text = scenario("    in_force: {from: 2020-01-01, untill: 2022-12-31}\n")
        assertIssue(issuesOf(text), field: "programs[0].in_force.untill", line: lineOf("untill", in: text), mentions: "did you mean `until`?")
    }

    func testContinueAfterExpiryWithoutUntilIsLocated() {
        let noForce = scenario("    continue_after_expiry: true\n    assumption: renewed after expiry\n")
        assertIssue(
            issuesOf(noForce), field: "programs[0].continue_after_expiry", line: lineOf("continue_after_expiry", in: noForce),
            mentions: "needs the date the text expires", "in_force: {until:")
        let noUntil = scenario("    in_force: {from: 2020-01-01}\n    continue_after_expiry: true\n    assumption: renewed after expiry\n")
        assertIssue(
            issuesOf(noUntil), field: "programs[0].continue_after_expiry", line: lineOf("continue_after_expiry", in: noUntil),
            mentions: "needs `in_force.until`")
    }

    func testContinueAfterExpiryWithoutAReasonIsLocated() {
        let text = scenario(
            "    in_force: {until: 2024-12-31}\n    continue_after_expiry: true\n    assumption: 3,000 applications a year\n")
        assertIssue(
            issuesOf(text), field: "programs[0].continue_after_expiry", line: lineOf("continue_after_expiry", in: text),
            mentions: "2024-12-31", "without an assumption saying why", "有效期")
        XCTAssertNotNil(
            decodeOK(scenario("    in_force: {until: 2024-12-31}\n    continue_after_expiry: true\n    assumption: [3,000 a year, 有效期届满后假定延续]\n")))
    }

    func testContinueAfterExpiryMustBeABoolean() {
        let text = scenario("    in_force: {until: 2024-12-31}\n    continue_after_expiry: yes\n")
        assertIssue(
            issuesOf(text), field: "programs[0].continue_after_expiry", line: lineOf("continue_after_expiry", in: text), mentions: "true or false")
    }

    /// A reform may continue a program past its expiry or move its dates; a misspelt field gets a
    /// did-you-mean.
    func testAReformSetsInForce() throws {
        let text = scenario("    in_force: {until: 2024-12-31}\n")
        let base = try XCTUnwrap(decodeOK(text))
        XCTAssertEqual(base.claimYears(of: base.programs[0]), 2024...2024)
        let continued = try ScenarioReformer.apply(
            [
                try ReformLoader.parse(
                    text: "programs.rd.continue_after_expiry: true\nprograms.rd.assumption: assumed continued after expiry\n", file: "r.yaml")
            ], to: text, file: Fixture.file
        ).scenario
        XCTAssertEqual(continued.claimYears(of: continued.programs[0]), 2024...2026)
        let moved = try ScenarioReformer.apply(
            [try ReformLoader.parse(assignments: ["programs.rd.in_force.until=2025-06-30"])], to: text, file: Fixture.file
        ).scenario
        XCTAssertEqual(moved.claimYears(of: moved.programs[0]), 2024...2025)
        do {
            _ = try ScenarioReformer.apply(
                [try ReformLoader.parse(assignments: ["programs.rd.in_forse.until=2025-06-30"])], to: text, file: Fixture.file)
            XCTFail("a misspelt field was accepted")
        } catch {
            XCTAssertTrue(error.description.contains("did you mean `in_force`?"), error.description)
        }
    }
}
