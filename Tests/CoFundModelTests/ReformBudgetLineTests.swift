import CoFundTestSupport
import Foundation
import XCTest

@testable import CoFundModel

/// Reform paths under `budget_lines.<id>`: a line's amount set for every year or for one, and a
/// misspelt line or field reported at the override with a did-you-mean.
final class ReformBudgetLineTests: XCTestCase {
    private static let scenario = """
        scenario: {id: line-reform, title: t, unit: wan, years: [2024, 2026], paths: 100}
        funders:
          - {id: city, name: city, level: city}
        programs:
          - {id: grant, name: grant, source: t, kind: award, claims: {count: 5}, amount: 10, share: {city: 1}}
        budget_lines:
          - id: grant_line
            name: grant line
            funder: city
            programs: [grant]
            amount: {2024: 40, 2025: 50, 2026: 60}

        """

    private func apply(_ assignments: [String]) throws -> (Scenario, [AppliedChange]) {
        let reform = try ReformLoader.parse(assignments: assignments)
        let (s, changes) = try ScenarioReformer.apply([reform], to: Self.scenario, file: "base.yaml")
        return (s, changes)
    }

    private func issue(_ assignment: String, line: UInt = #line) -> ScenarioIssue? {
        do {
            _ = try apply([assignment])
            XCTFail("\(assignment) applied", line: line)
            return nil
        } catch {
            return (error as? ScenarioIssues)?.issues.first
        }
    }

    func testALinesAmountIsSetForEveryYearOrForOne() throws {
        let (every, changes) = try apply(["budget_lines.grant_line.amount=75"])
        XCTAssertEqual(every.budgetLines.first?.amounts, [2024: 75, 2025: 75, 2026: 75])
        XCTAssertEqual(changes.first?.description, "budget_lines.grant_line.amount: {2024: 40, 2025: 50, 2026: 60} → 75")
        let (one, _) = try apply(["budget_lines.grant_line.amount.2025=55.5"])
        XCTAssertEqual(one.budgetLines.first?.amounts, [2024: 40, 2025: 55.5, 2026: 60])
    }

    func testAScenarioWithoutLinesSaysSoAndWhereAProgramsBudgetIsSet() throws {
        let text = Self.scenario.components(separatedBy: "budget_lines:")[0]
        do {
            _ = try ScenarioReformer.apply([try ReformLoader.parse(assignments: ["budget_lines.x.amount=5"])], to: text, file: "base.yaml")
            XCTFail("applied")
        } catch {
            let issue = try XCTUnwrap(error.issues.first)
            XCTAssertEqual(issue.message, "the scenario has no budget lines, so no budget line `x`")
            XCTAssertEqual(issue.hint, "a program's own budget is set at programs.<id>.budget.<funder>")
        }
    }

    func testAMisspeltLineOrFieldIsReportedWithADidYouMean() throws {
        let line = try XCTUnwrap(issue("budget_lines.grant_lin.amount=5"))
        XCTAssertTrue(line.message.contains("no budget line `grant_lin`"), line.message)
        XCTAssertEqual(line.hint, "did you mean `grant_line`?")
        let field = try XCTUnwrap(issue("budget_lines.grant_line.amout=5"))
        XCTAssertEqual(field.hint, "did you mean `amount`?")
        let program = try XCTUnwrap(issue("budget_lines.grant.amount=5"))
        XCTAssertEqual(program.message, "`grant` is a program, not a budget line")
        XCTAssertEqual(program.hint, "its own budget is set at programs.grant.budget.<funder>")
        let whole = try XCTUnwrap(issue("budget_lines.grant_line=5"))
        XCTAssertTrue(whole.message.contains("names a whole budget line"), whole.message)
        XCTAssertEqual(whole.hint, "name one field, e.g. budget_lines.<id>.amount")
    }
}
