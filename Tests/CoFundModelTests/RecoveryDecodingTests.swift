import XCTest

@testable import CoFundModel

/// The repayment profile, the recovery and the message for the retired `lgd`.
final class RecoveryDecodingTests: XCTestCase {
    private func risk(_ lines: String) -> String {
        Fixture.scenario(
            """
              - id: risk
                name: 风险补偿
                source: 威海 第15条
                kind: risk_compensation
                loans: {count: 100, principal: 300, term: 3, repayment: linear}
                pd: 0.03
                loss_shares: {province: 0.35, city: 0.35}
                residual: bank

            """ + lines)
    }

    func testRecoveryAndLinearRepaymentDecode() throws {
        let s = try XCTUnwrap(decodeOK(risk("    recovery: {rate: {dist: beta, mean: 0.3, sd: 0.2}, lag: 2}\n")))
        guard case let .riskCompensation(r) = s.programs[0].rule else { return XCTFail("not risk_compensation") }
        XCTAssertEqual(r.recovery, Recovery(rate: .beta(mean: 0.3, sd: 0.2), lag: 2))
        XCTAssertEqual(r.loans.repayment, .linear)
        XCTAssertEqual(r.loans.outstanding(principal: 300, loanYear: 1), 200)
    }

    func testAnUnknownRepaymentIsReportedWithTheChoices() {
        let text = risk("    recovery: {rate: 0.3, lag: 2}\n").replacingOccurrences(of: "repayment: linear", with: "repayment: balloon")
        assertIssue(issuesOf(text), field: "programs[0].loans.repayment", line: lineOf("balloon", in: text), mentions: "balloon", "bullet", "linear")
    }

    func testARecoveryWithoutALagOrWithARateAboveOneIsReported() {
        let noLag = risk("    recovery: {rate: 0.3}\n")
        assertIssue(issuesOf(noLag), field: "programs[0].recovery.lag", line: lineOf("recovery:", in: noLag), mentions: "lag", "missing")
        let high = risk("    recovery: {rate: 1.3, lag: 1}\n")
        assertIssue(issuesOf(high), field: "programs[0].recovery.rate", line: lineOf("recovery:", in: high), mentions: "1.3")
    }

    /// An older file's beta LGD with mean 0.7 and sd 0.2 is a beta recovery rate with mean 0.3 and
    /// the same sd; the message names it and says the lag is to be chosen. Only that issue is
    /// reported (not a missing `recovery` besides).
    func testAnOldLGDIsRefusedWithItsRewrite() {
        let text = risk("    lgd: {dist: beta, mean: 0.7, sd: 0.2}\n")
        let issues = issuesOf(text)
        XCTAssertEqual(issues.count, 1, "\(issues)")
        let issue = assertIssue(
            issues, field: "programs[0].lgd", line: lineOf("lgd:", in: text), mentions: "replaced by `recovery`", "non-performing principal")
        let hint = issue?.hint ?? ""
        XCTAssertTrue(hint.contains("recovery: {rate: {dist: beta, mean: 0.3, sd: 0.2}, lag: <years"), hint)
        XCTAssertTrue(hint.contains("beta(a, b) LGD is a beta(b, a) recovery rate"), hint)
        let fixed = risk("    lgd: 0.65\n")
        XCTAssertTrue(assertIssue(issuesOf(fixed), field: "programs[0].lgd", line: lineOf("lgd:", in: fixed))?.hint?.contains("rate: 0.35,") ?? false)
        let uniform = risk("    lgd: {dist: uniform, low: 0.5, high: 0.9}\n")
        XCTAssertTrue(
            assertIssue(issuesOf(uniform), field: "programs[0].lgd", line: lineOf("lgd:", in: uniform))?.hint?
                .contains("{dist: uniform, low: 0.1, high: 0.5}") ?? false)
    }
}
