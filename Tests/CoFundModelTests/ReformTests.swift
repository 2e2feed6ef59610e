import CoFundTestSupport
import Foundation
import XCTest
import Yams

@testable import CoFundModel

/// A scenario with one program of each shape a path can reach: scalars, nested mappings, lists of
/// items with ids (segments), lists without (tiers), and a matching program.
private enum ReformFixture {
    static let file = "base.yaml"
    static let scenario = """
        scenario:
          id: reform-test
          title: 测试
          unit: wan
          years: [2024, 2026]
          paths: 1000
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: city}
          - {id: district, name: 区县财政, level: district}
          - {id: bank, name: 合作银行, level: bank}
        programs:
          - id: rd_post_subsidy
            name: 研发补助
            source: 济政字〔2020〕20号 第8条
            kind: rate
            claims: {count: {dist: poisson, mean: 100}, approval: 0.9}
            base: {dist: lognormal, median: 500, p90: 3000}
            rate: 0.10
            cap_per_claim: 1000
            share: {province: 0.5, city: 0.25, district: 0.25}
          - id: district_match
            name: 区配套
            source: 历下政发〔2023〕4号
            kind: matching
            matches: rd_post_subsidy
            ratio: 1.0
            fraction: 0.2
            share: {district: 1.0}
          - id: sci_award
            name: 科技奖
            source: 历下政发〔2023〕4号
            kind: award
            claims: {count: 10}
            tiers:
              - {amount: 10, probability: 0.2}
              - {amount: 5, probability: 0.8}
            share: {district: 1.0}
          - id: loan_risk_comp
            name: 风险补偿
            source: 济政字〔2020〕20号 第6条
            kind: risk_compensation
            loans: {count: {dist: poisson, mean: 100}, principal: {dist: lognormal, median: 300, p90: 1500}, term: 1}
            cap_per_borrower: 1000
            pd: 0.03
            rho: 0.15
            recovery: {rate: {dist: beta, mean: 0.4, sd: 0.2}, lag: 1}
            loss_shares: {province: 0.35, city: 0.35}
            residual: bank
            segments:
              - {id: standard, weight: 0.8}
              - {id: early_stage, weight: 0.2, pd: 0.05, loss_shares: {province: 0.45, city: 0.45}}
          - id: voucher
            name: 创新券
            source: 济政办发〔2019〕19号
            kind: award
            claims: {count: 50}
            amount: 2
            share: {city: 1.0}

        """

    /// The line of `scenario` holding `text`.
    static func line(of text: String, in source: String = scenario) -> Int {
        (source.components(separatedBy: "\n").firstIndex { $0.contains(text) } ?? -1) + 1
    }
}

final class ReformTests: XCTestCase {
    // MARK: - Helpers

    private func reform(_ text: String, file: String = "r.reform.yaml") throws -> Reform {
        try ReformLoader.parse(text: text, file: file)
    }

    private func apply(_ reforms: [Reform], to text: String = ReformFixture.scenario) throws(ScenarioIssues) -> (
        scenario: Scenario, changes: [AppliedChange]
    ) {
        try ScenarioReformer.apply(reforms, to: text, file: ReformFixture.file)
    }

    /// The issues of applying `reforms`, failing the test when they apply cleanly.
    private func issues(_ reforms: [Reform], to text: String = ReformFixture.scenario, line: UInt = #line) -> [ScenarioIssue] {
        do {
            _ = try apply(reforms, to: text)
            XCTFail("expected issues, but the reforms applied", line: line)
            return []
        } catch {
            return error.issues
        }
    }

    /// The issues of reading a reform file, failing the test when it reads.
    private func fileIssues(_ text: String, line: UInt = #line) -> [ScenarioIssue] {
        do {
            _ = try ReformLoader.parse(text: text, file: "r.reform.yaml")
            XCTFail("expected issues, but the reform read", line: line)
            return []
        } catch {
            return error.issues
        }
    }

    private func program(_ s: Scenario, _ id: String, line: UInt = #line) throws -> Program {
        try XCTUnwrap(s.program(id), "no program \(id)", line: line)
    }

    private func rateRule(_ p: Program) throws -> RateRule {
        guard case let .rate(r) = p.rule else { throw XCTSkip("not a rate program") }
        return r
    }

    private func riskRule(_ p: Program) throws -> RiskCompensationRule {
        guard case let .riskCompensation(r) = p.rule else { throw XCTSkip("not a risk program") }
        return r
    }

    private var original: Scenario { get throws { try ScenarioDecoder.decode(ReformFixture.scenario, file: ReformFixture.file) } }

    // MARK: - Null reform

    func testNullReformGivesEveryProgramEqualToTheOriginal() throws {
        let base = try original
        for reforms in [[], [Reform(label: "empty", overrides: [])], [try reform("title: baseline\n")]] {
            let (s, changes) = try apply(reforms)
            XCTAssertEqual(s.programs, base.programs)
            XCTAssertEqual(s.funders, base.funders)
            XCTAssertEqual(s.paths, base.paths)
            XCTAssertEqual(s.years, base.years)
            XCTAssertTrue(changes.isEmpty)
        }
    }

    // MARK: - Path forms

    func testScalarFieldIsReplacedAndTheChangeRecorded() throws {
        let (s, changes) = try apply([try reform("programs.rd_post_subsidy.rate: 0.025\n")])
        XCTAssertEqual(try rateRule(program(s, "rd_post_subsidy")).rate, .value(0.025))
        XCTAssertEqual(changes, [AppliedChange(path: "programs.rd_post_subsidy.rate", before: "0.10", after: "0.025", reform: "r.reform.yaml")])
        XCTAssertEqual(changes[0].description, "programs.rd_post_subsidy.rate: 0.10 → 0.025")
        let base = try original
        XCTAssertEqual(s.programs.filter { $0.id != "rd_post_subsidy" }, base.programs.filter { $0.id != "rd_post_subsidy" })
    }

    func testNestedMappingKeysAreReplaced() throws {
        let (s, _) = try apply([
            try reform(
                """
                programs.loan_risk_comp.loss_shares.city: 0.4
                programs.rd_post_subsidy.claims.approval: 0.5
                programs.rd_post_subsidy.base.median: 600
                """)
        ])
        let risk = try riskRule(program(s, "loan_risk_comp"))
        XCTAssertEqual(risk.lossShares.first { $0.funder == "city" }?.fraction, .value(0.4))
        let rate = try rateRule(program(s, "rd_post_subsidy"))
        XCTAssertEqual(rate.claims.approval, .value(0.5))
        XCTAssertEqual(rate.base, .lognormal(median: 600, p90: 3000))
    }

    func testListItemIsNamedByItsID() throws {
        let (s, changes) = try apply([try reform("programs.loan_risk_comp.segments.early_stage.loss_shares.province: 0.5\n")])
        let early = try XCTUnwrap(riskRule(program(s, "loan_risk_comp")).segments.first { $0.id == "early_stage" })
        XCTAssertEqual(early.lossShares?.first { $0.funder == "province" }?.fraction, .value(0.5))
        XCTAssertEqual(changes.map(\.description), ["programs.loan_risk_comp.segments.early_stage.loss_shares.province: 0.45 → 0.5"])
    }

    func testListItemIsNamedByIndex() throws {
        let (s, _) = try apply([try reform("programs.sci_award.tiers[0].amount: 12\n")])
        guard case let .award(a) = try program(s, "sci_award").rule else { return XCTFail("not an award") }
        XCTAssertEqual(a.tiers.map(\.amount), [.fixed(12), .fixed(5)])
    }

    func testAbsentKeyIsAddedWithTheMappingsAboveIt() throws {
        let (s, changes) = try apply([
            try reform(
                """
                programs.district_match.cap_per_claim: 50
                programs.voucher.budget.city: 100
                """)
        ])
        guard case let .matching(m) = try program(s, "district_match").rule else { return XCTFail("not a match") }
        XCTAssertEqual(m.capPerClaim, .value(50))
        XCTAssertEqual(try program(s, "voucher").budget, ["city": 100])
        XCTAssertEqual(changes.map(\.before), [AppliedChange.absent, AppliedChange.absent])
        XCTAssertEqual(
            changes.map(\.description), ["programs.district_match.cap_per_claim: (absent) → 50", "programs.voucher.budget.city: (absent) → 100"])
    }

    func testMappingValueReplacesANumber() throws {
        let (s, changes) = try apply([try reform("programs.loan_risk_comp.pd: {dist: beta, mean: 0.04, sd: 0.01}\n")])
        XCTAssertEqual(try riskRule(program(s, "loan_risk_comp")).loans.defaults.pd, .uncertain(.beta(mean: 0.04, sd: 0.01)))
        XCTAssertEqual(changes.first?.description, "programs.loan_risk_comp.pd: 0.03 → {dist: beta, mean: 0.04, sd: 0.01}")
    }

    func testEnabledFalseRemovesTheProgramAndTrueIsANoOp() throws {
        let (s, changes) = try apply([
            try reform(
                """
                programs.voucher.enabled: false
                programs.sci_award.enabled: true
                """)
        ])
        XCTAssertNil(s.program("voucher"))
        XCTAssertEqual(s.programs.map(\.id), ["rd_post_subsidy", "district_match", "sci_award", "loan_risk_comp"])
        XCTAssertEqual(changes.map(\.description), ["programs.voucher.enabled: true → false", "programs.sci_award.enabled: true → true"])
    }

    func testScenarioHeaderFieldIsReplaced() throws {
        let (s, changes) = try apply([try reform("scenario.paths: 50000\n")])
        XCTAssertEqual(s.paths, 50000)
        XCTAssertEqual(changes.first?.description, "scenario.paths: 1000 → 50000")
    }

    /// A reform may set the year claims are simulated from, which the header did not write.
    func testAReformSetsHistoryFrom() throws {
        let (s, changes) = try apply([try reform("scenario.history_from: 2022\n")])
        XCTAssertEqual(s.historyFrom, 2022)
        XCTAssertEqual(s.claimsFrom, 2022)
        XCTAssertEqual(changes.first?.description.hasPrefix("scenario.history_from:"), true)
    }

    func testFunderFieldIsReplaced() throws {
        let (s, _) = try apply([try reform("funders.city.name: 市财政\n")])
        XCTAssertEqual(s.funder("city")?.name, "市财政")
    }

    func testQuotedValueStaysTextAndRendersQuoted() throws {
        let r = try reform("programs.voucher.name: '0.5'\n")
        XCTAssertEqual(r.overrides[0].value.scalar?.style, .singleQuoted)
        let (s, changes) = try apply([r])
        XCTAssertEqual(s.program("voucher")?.name, "0.5")
        XCTAssertEqual(changes.first?.after, "\"0.5\"")
    }

    // MARK: - --set

    func testSetAssignmentsParseYAMLValuesAndNumberTheirLines() throws {
        let r = try ReformLoader.parse(assignments: [
            "programs.rd_post_subsidy.rate=0.03", "programs.loan_risk_comp.pd={dist: beta, mean: 0.03, sd: 0.01}",
        ])
        XCTAssertEqual(r.label, "--set")
        XCTAssertEqual(r.overrides.map(\.line), [1, 2])
        XCTAssertEqual(r.overrides.map(\.file), ["--set", "--set"])
        let (s, _) = try apply([r])
        XCTAssertEqual(try rateRule(program(s, "rd_post_subsidy")).rate, .value(0.03))
        XCTAssertEqual(try riskRule(program(s, "loan_risk_comp")).loans.defaults.pd, .uncertain(.beta(mean: 0.03, sd: 0.01)))
    }

    func testSetWithoutEqualsOrValueOrWithBadYAMLIsLocated() {
        do {
            _ = try ReformLoader.parse(assignments: [
                "scenario.paths=10", "programs.rd_post_subsidy.rate", "scenario.paths=", "programs.x.pd={dist: beta",
            ])
            XCTFail("expected issues")
        } catch {
            XCTAssertEqual(error.issues.map(\.line), [2, 3, 4])
            XCTAssertTrue(error.issues.allSatisfy { $0.file == "--set" })
            XCTAssertTrue(error.issues[0].message.contains("no `=`"), error.issues[0].message)
            XCTAssertTrue(error.issues[1].message.contains("no value"), error.issues[1].message)
            XCTAssertTrue(error.issues[2].message.contains("YAML syntax"), error.issues[2].message)
            XCTAssertEqual(error.issues[2].field, "programs.x.pd")
        }
    }

    // MARK: - Composition

    func testLaterReformWinsAndBothChangesAreListed() throws {
        let first = try reform("programs.rd_post_subsidy.cap_per_claim: 250\n", file: "a.reform.yaml")
        let second = try ReformLoader.parse(assignments: ["programs.rd_post_subsidy.cap_per_claim=500"])
        let (s, changes) = try apply([first, second])
        XCTAssertEqual(try rateRule(program(s, "rd_post_subsidy")).capPerClaim, .value(500))
        XCTAssertEqual(
            changes,
            [
                AppliedChange(path: "programs.rd_post_subsidy.cap_per_claim", before: "1000", after: "250", reform: "a.reform.yaml"),
                AppliedChange(path: "programs.rd_post_subsidy.cap_per_claim", before: "250", after: "500", reform: "--set"),
            ])
        let (reversed, _) = try apply([second, first])
        XCTAssertEqual(try rateRule(program(reversed, "rd_post_subsidy")).capPerClaim, .value(250))
    }

    // MARK: - Unknown paths

    func testUnknownKeyIsLocatedAtTheOverrideWithDidYouMean() throws {
        let found = issues([try reform("title: t\nprograms.rd_post_subsidy.cap_per_clam: 500\n")])
        XCTAssertEqual(found.count, 1)
        let issue = try XCTUnwrap(found.first)
        XCTAssertEqual(
            [issue.file, "\(issue.line):\(issue.column)", issue.field], ["r.reform.yaml", "2:1", "programs.rd_post_subsidy.cap_per_clam"])
        XCTAssertEqual(issue.hint, "did you mean `cap_per_claim`?")
    }

    func testUnknownProgramSuggestsTheClosestID() throws {
        let issue = try XCTUnwrap(issues([try reform("programs.rd_postsubsidy.rate: 0.03\n")]).first)
        XCTAssertEqual(issue.line, 1)
        XCTAssertEqual(issue.field, "programs.rd_postsubsidy.rate")
        XCTAssertEqual(issue.hint, "did you mean `rd_post_subsidy`?")
    }

    func testUnknownFunderListItemAndIndexAreLocated() throws {
        let found = issues([
            try reform(
                """
                programs.rd_post_subsidy.share.cty: 0.25
                programs.loan_risk_comp.segments.erly_stage.pd: 0.06
                programs.sci_award.tiers[2].amount: 1
                programs.rd_post_subsidy.rate.mean: 0.1
                """)
        ])
        XCTAssertEqual(found.map(\.line), [1, 2, 3, 4])
        XCTAssertEqual(found[0].hint, "did you mean `city`?")
        XCTAssertEqual(found[1].hint, "did you mean `early_stage`?")
        XCTAssertTrue(found[2].message.contains("past the end"), found[2].message)
        XCTAssertTrue(found[3].message.contains("single value"), found[3].message)
    }

    func testOverrideAfterRemovalNamesTheRemovingReform() throws {
        let found = issues([try reform("programs.voucher.enabled: false\n", file: "a.yaml"), try reform("programs.voucher.amount: 3\n")])
        XCTAssertEqual(found.first?.message, "the program `voucher` was removed by a.yaml")
    }

    // MARK: - Broken scenario rules

    func testWrongTypeIsReportedAtTheOverrideAfterItsReform() throws {
        let found = issues([try reform("title: t\n\nprograms.rd_post_subsidy.rate: high\n")])
        XCTAssertEqual(found.count, 1)
        let issue = try XCTUnwrap(found.first)
        XCTAssertEqual([issue.file, "\(issue.line):\(issue.column)"], ["r.reform.yaml", "3:1"])
        XCTAssertEqual(issue.message, "after r.reform.yaml: expected a number, found `high`")
        XCTAssertEqual(issue.field, "programs.rd_post_subsidy.rate")
    }

    func testBrokenSharesAreReportedAtTheOverrideWithTheSum() throws {
        let issue = try XCTUnwrap(issues([try reform("programs.rd_post_subsidy.share.city: 0.5\n")]).first)
        XCTAssertEqual([issue.file, "\(issue.line)"], ["r.reform.yaml", "1"])
        XCTAssertTrue(issue.message.hasPrefix("after r.reform.yaml: "), issue.message)
        XCTAssertTrue(issue.message.contains("1.25"), issue.message)
        XCTAssertEqual(issue.field, "programs.rd_post_subsidy.share")
    }

    func testDistributionBrokenByOneParameterIsReportedAtThatOverride() throws {
        let found = issues([try reform("scenario.paths: 10\nprograms.rd_post_subsidy.base.p90: 100\n")])
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.line, 2)
        XCTAssertEqual(found.first?.field, "programs.rd_post_subsidy.base")
        XCTAssertTrue(found.first?.message.contains("p90 100 must be above the median 500") == true, found.first?.message ?? "")
    }

    func testMixingIsSetOnANegativeBinomialCountAndRefusedOnAPoissonCountAtTheOverride() throws {
        let (s, _) = try apply([
            try reform(
                "programs.rd_post_subsidy.claims.count: {dist: negative_binomial, mean: 100, dispersion: 4}\n"
                    + "programs.rd_post_subsidy.claims.count.mixing: per_year\n")
        ])
        XCTAssertEqual(try rateRule(program(s, "rd_post_subsidy")).claims.count.mixing, .perYear)
        let issue = try XCTUnwrap(issues([try reform("scenario.paths: 10\nprograms.rd_post_subsidy.claims.count.mixing: per_path\n")]).first)
        XCTAssertEqual([issue.file, "\(issue.line)", issue.field], ["r.reform.yaml", "2", "programs.rd_post_subsidy.claims.count.mixing"])
        XCTAssertTrue(issue.message.contains("poisson count has no mixing variable"), issue.message)
    }

    func testNegativeCapIsReportedAtTheOverride() throws {
        let issue = try XCTUnwrap(
            issues(try [ReformLoader.parse(assignments: ["scenario.paths=10", "programs.rd_post_subsidy.cap_per_claim=-5"])]).first)
        XCTAssertEqual([issue.file, "\(issue.line)"], ["--set", "2"])
        XCTAssertTrue(issue.message.hasPrefix("after --set: -5 is not allowed"), issue.message)
    }

    func testRemovingAMatchedProgramIsLocatedAtTheRemoval() throws {
        let found = issues([try reform("scenario.paths: 10\nprograms.rd_post_subsidy.enabled: false\n")])
        XCTAssertEqual(found.count, 1)
        let issue = try XCTUnwrap(found.first)
        XCTAssertEqual([issue.file, "\(issue.line)"], ["r.reform.yaml", "2"])
        XCTAssertEqual(issue.field, "programs.district_match.matches")
        XCTAssertTrue(issue.message.contains("`district_match` matches `rd_post_subsidy`"), issue.message)
    }

    func testIssueElsewhereKeepsItsScenarioPosition() throws {
        let broken = ReformFixture.scenario.replacingOccurrences(of: "    amount: 2\n", with: "    amount: -2\n")
        let found = issues([try reform("programs.rd_post_subsidy.rate: 0.2\n")], to: broken)
        XCTAssertEqual(found.count, 1)
        let issue = try XCTUnwrap(found.first)
        XCTAssertEqual(
            [issue.file, "\(issue.line)", issue.field],
            [ReformFixture.file, "\(ReformFixture.line(of: "amount: -2", in: broken))", "programs[4].amount"])
        XCTAssertFalse(issue.message.hasPrefix("after"))
    }

    // MARK: - Malformed reform files

    func testMalformedReformFilesAreLocated() throws {
        XCTAssertTrue(fileIssues("- programs.x.rate: 1\n").first?.message.contains("mapping of `PATH: VALUE`") == true)
        let noDot = try XCTUnwrap(fileIssues("title: t\ntitel: x\n").first)
        XCTAssertEqual([noDot.line, noDot.column], [2, 1])
        XCTAssertEqual(noDot.hint, "did you mean `title`?")
        let syntax = try XCTUnwrap(fileIssues("programs.x.rate: [1\nscenario.paths: 2\n").first)
        XCTAssertTrue(syntax.message.hasPrefix("YAML syntax"), syntax.message)
        XCTAssertGreaterThan(syntax.line, 0)
        let root = try XCTUnwrap(fileIssues("title: t\nprogram.rd.rate: 0.1\n").first)
        XCTAssertEqual(root.line, 2)
        XCTAssertEqual(root.hint, "did you mean `programs`?")
        XCTAssertEqual(fileIssues("programs.voucher.enabled: maybe\n").first?.hint, ReformPath.enabledHint)
        // A whole program's path takes a mapping (a program to add); a scalar there is refused on reading,
        // and a mapping under an existing program's id when applied, both at the override's line.
        XCTAssertEqual(fileIssues("programs.voucher: 5\n").first?.line, 1)
        let existing = try XCTUnwrap(issues([try reform("programs.voucher: {}\n")]).first)
        XCTAssertEqual([existing.line, existing.column], [1, 1])
        XCTAssertEqual(existing.message, "the scenario already has a program `voucher`, so a reform cannot add one")
        XCTAssertEqual(fileIssues("# only a comment\n").first?.message, "the reform file is empty")
        XCTAssertEqual(fileIssues("programs.x..rate: 1\n").first?.message, "`programs.x..rate` is not a dotted path")
    }

    func testReformFileKeepsTitleSourceAndPositions() throws {
        let r = try reform(
            """
            # comment
            title: 2023–2025 plan rule
            source: 三年行动计划 二（一）2
            programs.rd_post_subsidy.rate: 0.025
              # indented comment
            programs.sci_award.tiers[1].probability: 0.8
            """)
        XCTAssertEqual(r.title, "2023–2025 plan rule")
        XCTAssertEqual(r.source, "三年行动计划 二（一）2")
        XCTAssertEqual(r.overrides.map(\.path), ["programs.rd_post_subsidy.rate", "programs.sci_award.tiers[1].probability"])
        XCTAssertEqual(r.overrides.map(\.line), [4, 6])
        XCTAssertEqual(r.overrides.map(\.column), [1, 1])
        XCTAssertEqual(r.overrides[0].value.scalar?.string, "0.025")
    }

    func testPathGrammar() {
        XCTAssertEqual(ReformPath.steps("programs.lx.tiers[0].amount"), [.key("programs"), .key("lx"), .key("tiers"), .index(0), .key("amount")])
        for bad in ["", ".a", "a.", "a..b", "a[x]", "a[0]b", "a.[0]", "[0].a", "a]"] {
            XCTAssertNil(ReformPath.steps(bad), bad)
        }
    }

    // MARK: - Shipped reforms

    func testEveryShippedReformAppliesToItsBaseScenario() throws {
        let dir = PackageRoot.scenarios
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".reform.yaml") }.sorted()
        XCTAssertFalse(names.isEmpty)
        for name in names {
            let baseName = String(name.prefix { $0 != "." }) + ".yaml"
            let basePath = dir.appendingPathComponent(baseName).path
            let r = try ReformLoader.load(path: dir.appendingPathComponent(name).path)
            XCTAssertNotNil(r.title, name)
            XCTAssertFalse(r.overrides.isEmpty, name)
            let text = try ScenarioFile.read(basePath).text
            do {
                let (s, changes) = try ScenarioReformer.apply([r], to: text, file: basePath)
                XCTAssertEqual(changes.map(\.path), r.overrides.map(\.path), name)
                XCTAssertEqual(changes.map(\.after), r.overrides.map { CompactYAML.render($0.value) }, name)
                XCTAssertTrue(changes.allSatisfy { $0.reform == r.label }, name)
                let base = try ScenarioDecoder.decode(text, file: basePath)
                // A program override touches its program; a parameter override every program reading it.
                let touched = Set(
                    r.overrides.flatMap { o -> [String] in
                        let parts = o.path.split(separator: ".").map(String.init)
                        guard parts[0] == "parameters" else { return [parts[1]] }
                        return base.programs.filter { p in p.bindings.contains { $0.parameter == parts[1] } }.map(\.id)
                    })
                XCTAssertEqual(s.programs.filter { !touched.contains($0.id) }, base.programs.filter { !touched.contains($0.id) }, name)
                XCTAssertNotEqual(s.programs, base.programs, name)
            } catch {
                XCTFail("\(name) does not apply to \(baseName):\n\(error)")
            }
        }
    }
}
