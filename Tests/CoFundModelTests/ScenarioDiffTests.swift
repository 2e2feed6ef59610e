import XCTest

@testable import CoFundModel

/// `ScenarioDiff` of two decoded scenarios: exactly the fields that differ, named by the paths a
/// reform writes, with programs, funders and budget lines present in one scenario only listed apart.
final class ScenarioDiffTests: XCTestCase {
    static let base = """
        scenario:
          id: diff-test
          title: 差异
          unit: wan
          years: [2024, 2026]
          paths: 1000
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: city}
          - {id: bank, name: 合作银行, level: bank}
        programs:
          - id: rd
            name: 研发补助
            source: 第8条
            kind: rate
            claims: {count: {dist: poisson, mean: 100}, approval: 0.9}
            base: {dist: lognormal, median: 500, p90: 3000}
            rate: 0.025
            cap_per_claim: 250
            share: {province: 0.5, city: 0.5}
          - id: risk
            name: 风险补偿
            source: 第6条
            kind: risk_compensation
            loans: {count: 100, principal: 300, term: 1}
            pd: 0.03
            recovery: {rate: 0.4, lag: 1}
            loss_shares: {province: 0.35, city: 0.35}
            residual: bank
            segments:
              - {id: standard, weight: 0.8}
              - {id: early, weight: 0.2, pd: 0.05, loss_shares: {province: 0.45, city: 0.45}}
        budget_lines:
          - {id: rd_line, name: 研发经费, funder: city, programs: [rd], amount: 1000}

        """

    private func decode(_ text: String) throws -> Scenario { try ScenarioDecoder.decode(text, file: "t.yaml") }

    /// `base` with each (old, new) replacement made once; fails when a replacement finds nothing.
    private func edited(_ edits: [(String, String)], line: UInt = #line) throws -> Scenario {
        var text = Self.base
        for (old, new) in edits {
            XCTAssertTrue(text.contains(old), "no `\(old)` in the base", line: line)
            text = text.replacingOccurrences(of: old, with: new)
        }
        return try decode(text)
    }

    func testTheSameScenarioHasNoDifference() throws {
        let diff = ScenarioDiff(base: try decode(Self.base), reform: try decode(Self.base))
        XCTAssertTrue(diff.isEmpty)
        XCTAssertEqual(diff, ScenarioDiff(base: try decode(Self.base), reform: try decode(Self.base)))
        XCTAssertEqual(diff.programsChanged + diff.programsAdded + diff.programsRemoved, [])
    }

    func testADefaultWrittenOutIsNoDifference() throws {
        // `approval: 1` and `payment_lag: 0` are the defaults: the decoded programs are the same.
        let b = try edited([("rate: 0.025\n", "rate: 0.025\n    payment_lag: 0\n    rationing: none\n")])
        XCTAssertTrue(ScenarioDiff(base: try decode(Self.base), reform: b).isEmpty)
    }

    func testOneCapListsExactlyThatField() throws {
        let diff = ScenarioDiff(base: try decode(Self.base), reform: try edited([("cap_per_claim: 250", "cap_per_claim: 500")]))
        XCTAssertEqual(diff.fields.map(\.description), ["programs.rd.cap_per_claim: 250 → 500"])
        XCTAssertEqual(diff.programsChanged, ["rd"])
        XCTAssertEqual(diff.programsAdded + diff.programsRemoved + diff.fundersAdded + diff.budgetLinesChanged, [])
    }

    func testATextsPeriodInForceAndItsContinuationAreCompared() throws {
        let b = try edited([
            (
                "cap_per_claim: 250\n",
                "cap_per_claim: 250\n    in_force: {from: 2020-06-01, until: 2024-12-31}\n    continue_after_expiry: true\n    assumption: continued after expiry, renewed in practice\n"
            )
        ])
        let diff = ScenarioDiff(base: try decode(Self.base), reform: b)
        let fields = diff.fields.map(\.description)
        XCTAssertTrue(fields.contains("programs.rd.in_force.from: (absent) → 2020-06-01"), "\(fields)")
        XCTAssertTrue(fields.contains("programs.rd.in_force.until: (absent) → 2024-12-31"), "\(fields)")
        XCTAssertTrue(fields.contains("programs.rd.continue_after_expiry: false → true"), "\(fields)")
    }

    func testNestedFieldsAreNamedAsAReformWritesThem() throws {
        let b = try edited([
            ("mean: 100}, approval: 0.9", "mean: 120}, approval: 0.9"),
            ("median: 500, p90: 3000", "median: 500, p90: 4000"),
            ("pd: 0.05, loss_shares: {province: 0.45", "pd: 0.05, loss_shares: {province: 0.5"),
            ("    pd: 0.03\n", "    pd: {dist: beta, mean: 0.03, sd: 0.01}\n"),
            ("share: {province: 0.5, city: 0.5}", "share: {province: 0.4, city: 0.6}"),
            ("recovery: {rate: 0.4, lag: 1}", "recovery: {rate: {dist: beta, mean: 0.4, sd: 0.1}, lag: 1}"),
            ("loans: {count: 100,", "loans: {count: {dist: negative_binomial, mean: 100, dispersion: 5, mixing: per_year},"),
        ])
        XCTAssertEqual(
            ScenarioDiff(base: try decode(Self.base), reform: b).fields.map(\.description),
            [
                "programs.rd.share.province: 0.5 → 0.4",
                "programs.rd.share.city: 0.5 → 0.6",
                "programs.rd.claims.count.mean: 100 → 120",
                "programs.rd.base.p90: 3000 → 4000",
                "programs.risk.loans.count: {dist: fixed, value: 100, growth: 0} → {dist: negative_binomial, mean: 100, dispersion: 5, growth: 0, mixing: per_year}",
                "programs.risk.pd: 0.03 → {dist: beta, mean: 0.03, sd: 0.01}",
                "programs.risk.recovery.rate: 0.4 → {dist: beta, mean: 0.4, sd: 0.1}",
                "programs.risk.segments.early.loss_shares.province: 0.45 → 0.5",
            ])
    }

    func testProgramsFundersAndLinesInOneScenarioOnly() throws {
        let b = try edited([
            ("  - {id: bank, name: 合作银行, level: bank}\n", "  - {id: bank, name: 合作银行, level: bank}\n  - {id: zone, name: 高新区, level: zone}\n"),
            ("amount: 1000}", "amount: 1200}"),
            (
                "budget_lines:",
                """
                  - id: award
                    name: 奖励
                    source: 第9条
                    kind: award
                    claims: {count: 5}
                    amount: 20
                    share: {zone: 1}
                budget_lines:
                """
            ),
        ])
        let diff = ScenarioDiff(base: try decode(Self.base), reform: b)
        XCTAssertEqual(diff.programsAdded, ["award"])
        XCTAssertEqual(diff.fundersAdded, ["zone"])
        XCTAssertEqual(diff.budgetLinesChanged, ["rd_line"])
        XCTAssertEqual(
            diff.fields.map(\.description),
            [
                "funders.zone: (absent) → 高新区",
                "programs.award: (absent) → 奖励",
                "budget_lines.rd_line.amount.2024: 1000 → 1200",
                "budget_lines.rd_line.amount.2025: 1000 → 1200",
                "budget_lines.rd_line.amount.2026: 1000 → 1200",
            ])
        // The other way round the same items are removed.
        let back = ScenarioDiff(base: b, reform: try decode(Self.base))
        XCTAssertEqual(back.programsRemoved, ["award"])
        XCTAssertEqual(back.fundersRemoved, ["zone"])
        XCTAssertEqual(back.fields.first?.description, "funders.zone: 高新区 → (absent)")
    }

    func testHeaderFieldsAreCompared() throws {
        let diff = ScenarioDiff(
            base: try decode(Self.base), reform: try edited([("years: [2024, 2026]", "years: [2025, 2027]"), ("unit: wan", "unit: yuan")]))
        // A line's single amount covers every year of the horizon, so the years it covers move too.
        XCTAssertEqual(
            diff.fields.map(\.description),
            [
                "scenario.unit: wan → yuan", "scenario.years: [2024, 2026] → [2025, 2027]", "budget_lines.rd_line.amount.2024: 1000 → (absent)",
                "budget_lines.rd_line.amount.2027: (absent) → 1000",
            ])
    }
}
