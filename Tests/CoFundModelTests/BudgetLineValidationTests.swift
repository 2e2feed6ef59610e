import XCTest

@testable import CoFundModel

/// `budget_lines:` decoded, and every way a line can be wrong reported at its line and field.
final class BudgetLineValidationTests: XCTestCase {
    /// Two rate programs and a district match of the first, then `lines` under `budget_lines:`.
    static func text(_ lines: String, programs extra: String = "") -> String {
        Fixture.scenario(
            Fixture.rate(id: "rd") + Fixture.rate(id: "rd_large")
                + """
                  - {id: rd_match, name: 配套, source: t, kind: matching, matches: rd, ratio: 1, share: {hitech_zone: 1}}

                """ + extra) + "budget_lines:\n" + lines
    }

    func testALineOverTwoProgramsDecodesWithYearlyAmounts() throws {
        let s = try XCTUnwrap(
            decodeOK(
                Self.text(
                    """
                      - id: rd-line
                        name: 研发后补助
                        funder: city
                        programs: [rd, rd_large]
                        amount: {2024: 100, 2026: 120}
                        rationing: pro_rata
                        source: 济政字〔2020〕20号
                    """)))
        let line = try XCTUnwrap(s.budgetLines.first)
        XCTAssertEqual(line.programs, ["rd", "rd_large"])
        XCTAssertEqual(line.amounts, [2024: 100, 2026: 120])
        XCTAssertEqual(line.rationing, .proRata)
        XCTAssertFalse(line.isIllustrative)
        let constant = try XCTUnwrap(decodeOK(Self.text("  - {id: l, funder: city, programs: [rd], amount: 50}\n")))
        XCTAssertEqual(constant.budgetLines[0].amounts, [2024: 50, 2025: 50, 2026: 50])
        XCTAssertTrue(constant.budgetLines[0].isIllustrative, "a line without a source is illustrative")
    }

    func testEachMistakeIsReportedAtItsLineAndField() {
        let cases: [(line: String, field: String, words: [String])] = [
            ("  - {id: l, funder: city, programs: [rdd], amount: 5}", "budget_lines[0].programs[0]", ["not a program of this scenario", "`rd`"]),
            ("  - {id: l, funder: cty, programs: [rd], amount: 5}", "budget_lines[0].funder", ["not a declared funder", "`city`"]),
            ("  - {id: l, funder: bank, programs: [rd], amount: 5}", "budget_lines[0].programs[0]", ["`bank` pays nothing in `rd`"]),
            ("  - {id: l, funder: city, programs: [], amount: 5}", "budget_lines[0].programs", ["at least one program"]),
            ("  - {id: l, funder: city, programs: [rd, rd], amount: 5}", "budget_lines[0].programs[1]", ["listed twice"]),
            ("  - {id: l, funder: city, programs: [rd], amount: {2030: 5}}", "budget_lines[0].amount.2030", ["outside the scenario's years"]),
            ("  - {id: l, funder: city, programs: [rd], amount: -5}", "budget_lines[0].amount", ["not allowed"]),
            ("  - {id: l, funder: city, programs: [rd], amount: 5, rationing: some}", "budget_lines[0].rationing", ["none or pro_rata"]),
            ("  - {id: government, funder: city, programs: [rd], amount: 5}", "budget_lines[0].id", ["reserved"]),
            ("  - {id: rd, funder: city, programs: [rd], amount: 5}", "budget_lines[0].id", ["is a program id"]),
            ("  - {id: l, funder: city, programs: [rd], amount: 5, budget: 3}", "budget_lines[0].budget", ["unknown key"]),
        ]
        for c in cases {
            let text = Self.text(c.line + "\n")
            let issues = issuesOf(text)
            let issue = issues.first { $0.field == c.field }
            XCTAssertNotNil(issue, "\(c.line): expected an issue at \(c.field), got \(issues.map(\.description))")
            XCTAssertEqual(issue?.line, lineOf(c.line, in: text), c.line)
            for w in c.words { XCTAssertTrue(issue?.description.contains(w) == true, "\(c.line): \(issue?.description ?? "") lacks \(w)") }
        }
    }

    func testAFundersPaymentsInAProgramDrawOnOneAppropriation() {
        let text = Self.text(
            """
              - {id: a, funder: city, programs: [rd, rd_large], amount: 5}
              - {id: b, funder: city, programs: [rd_large], amount: 5}
            """)
        let issues = issuesOf(text)
        assertIssue(issues, field: "budget_lines[1].programs[0]", line: lineOf("id: b,", in: text), mentions: "already covered by budget line `a`")
        let own = Self.text("  - {id: a, funder: city, programs: [rd], amount: 5}\n")
            .replacingOccurrences(
                of: "share: {province: 0.5, city: 0.25, district: 0.25}\n",
                with: "share: {province: 0.5, city: 0.25, district: 0.25}\n    budget: {city: 9}\n")
        assertIssue(
            issuesOf(own), field: "budget_lines[0].programs[0]", line: lineOf("id: a,", in: own), mentions: "already covered by its own `budget:`")
    }

    func testALineCannotCoverAMatchBesideItsParent() {
        let text = Self.text(
            "  - {id: zone-and-city, funder: hitech_zone, programs: [rd_match], amount: 5}\n  - {id: c, funder: city, programs: [rd], amount: 5}\n")
        XCTAssertNotNil(decodeOK(text), "a match and its parent on separate lines settle in order")
        let shared = Self.text(
            "  - {id: both, funder: city, programs: [rd, rd_m2], amount: 5}\n",
            programs: "  - {id: rd_m2, name: 配套2, source: t, kind: matching, matches: rd, ratio: 1, share: {city: 1}}\n")
        assertIssue(
            issuesOf(shared), field: "budget_lines[0].programs", line: lineOf("id: both", in: shared),
            mentions: "`rd_m2` matches what `rd` pays", "separate lines")
    }

    func testLinesThatEachWaitForTheOtherAreRefused() {
        // A cycle needs each group to hold a parent of the other's match: group {rd, rd_large_m} and {rd_large, rd_match}.
        let cyclic = Self.text(
            """
              - {id: x, funder: city, programs: [rd, rd_large_m], amount: 5}
              - {id: y, funder: city, programs: [rd_large, rd_match], amount: 5}
            """,
            programs: """
                  - {id: rd_large_m, name: 配套3, source: t, kind: matching, matches: rd_large, ratio: 1, share: {city: 1}}
                """ + "\n")
        let cyclicFixed = cyclic.replacingOccurrences(
            of: "{id: rd_match, name: 配套, source: t, kind: matching, matches: rd, ratio: 1, share: {hitech_zone: 1}}",
            with: "{id: rd_match, name: 配套, source: t, kind: matching, matches: rd, ratio: 1, share: {city: 1}}")
        let issues = issuesOf(cyclicFixed)
        XCTAssertTrue(
            issues.contains { $0.message.contains("each cover a match of a program another of them covers") }, "\(issues.map(\.description))")
    }

    /// A line with a yearly amount in a file whose years do not decode: the years are reported, not a crash.
    func testAYearlyAmountWithBrokenYearsIsReportedNotACrash() {
        let text = Self.text("  - {id: l, funder: city, programs: [rd], amount: 5}\n").replacingOccurrences(
            of: "years: [2024, 2026]", with: "years: [2026, 2024]")
        let issues = issuesOf(text)
        XCTAssertTrue(issues.contains { $0.field == "scenario.years" }, "\(issues.map(\.description))")
    }
}
