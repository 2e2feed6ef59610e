import XCTest

@testable import CoFundModel

/// A reform that adds a whole program (`programs.<id>:` with the program's fields): validated like
/// any program, its problems reported at the reform file's line of the field that has them.
final class ReformAddProgramTests: XCTestCase {
    static let scenario = """
        scenario:
          id: add-test
          title: 加项目
          unit: wan
          years: [2024, 2026]
        funders:
          - {id: city, name: 济南市财政, level: city}
          - {id: zone, name: 高新区财政, level: zone}
        programs:
          - id: rd
            name: 研发补助
            source: 第8条
            kind: rate
            claims: {count: 10}
            base: 1000
            rate: 0.05
            share: {city: 1}

        """

    static let addition = """
        title: 新增算力券
        programs.compute_voucher:
          name: 算力券
          source: 新办法 第3条
          kind: award
          claims: {count: 40}
          amount: 15
          share: {city: 0.4, zone: 0.6}

        """

    private func apply(_ reform: String, file: String = "add.reform.yaml") throws(ScenarioIssues) -> (Scenario, [AppliedChange]) {
        let r = try ReformLoader.parse(text: reform, file: file)
        return try ScenarioReformer.apply([r], to: Self.scenario, file: "base.yaml")
    }

    private func issues(_ reform: String, line: UInt = #line) -> [ScenarioIssue] {
        do {
            _ = try apply(reform)
            XCTFail("expected issues", line: line)
            return []
        } catch { return error.issues }
    }

    func testAReformFileAddsAProgramDecodedLikeAnyOther() throws {
        let (s, changes) = try apply(Self.addition)
        XCTAssertEqual(s.programs.map(\.id), ["rd", "compute_voucher"])
        let p = try XCTUnwrap(s.program("compute_voucher"))
        XCTAssertEqual(p.name, "算力券")
        XCTAssertEqual(p.share.fraction(of: "zone"), 0.6)
        guard case let .award(a) = p.rule else { return XCTFail("not an award") }
        XCTAssertEqual(a.amount, .fixed(15))
        XCTAssertEqual(a.claims.count.mean, 40)
        XCTAssertEqual(changes.count, 1)
        XCTAssertEqual(changes[0].path, "programs.compute_voucher")
        XCTAssertEqual(changes[0].before, AppliedChange.absent)
        XCTAssertTrue(changes[0].after.hasPrefix("{name: 算力券, source: "), changes[0].after)
    }

    func testSetAddsAProgramAndALaterOverrideChangesIt() throws {
        let r = try ReformLoader.parse(assignments: [
            "programs.v={name: v, source: s, kind: award, claims: {count: 2}, amount: 3, share: {zone: 1}}", "programs.v.amount=4",
        ])
        let (s, _) = try ScenarioReformer.apply([r], to: Self.scenario, file: "base.yaml")
        guard case let .award(a) = try XCTUnwrap(s.program("v")).rule else { return XCTFail("not an award") }
        XCTAssertEqual(a.amount, .fixed(4))
    }

    func testAProblemOfTheAddedProgramIsAtItsFieldsLineInTheReform() throws {
        // Line 7 of the reform: `amount: lots`.
        let found = issues(Self.addition.replacingOccurrences(of: "amount: 15", with: "amount: lots"))
        XCTAssertEqual(found.count, 1, "\(found)")
        let issue = try XCTUnwrap(found.first)
        XCTAssertEqual([issue.file, "\(issue.line):\(issue.column)"], ["add.reform.yaml", "7:3"])
        XCTAssertEqual(issue.field, "programs.compute_voucher.amount")
        XCTAssertTrue(issue.message.hasPrefix("after add.reform.yaml: "), issue.message)
    }

    func testSharesOfTheAddedProgramAreCheckedAtTheirLine() throws {
        let found = issues(Self.addition.replacingOccurrences(of: "zone: 0.6", with: "zone: 0.7"))
        let issue = try XCTUnwrap(found.first)
        XCTAssertEqual(issue.line, 8)
        XCTAssertTrue(issue.message.contains("1.1"), issue.message)
    }

    func testAMissingFieldIsReportedAtTheProgramsKey() throws {
        let found = issues(Self.addition.replacingOccurrences(of: "  source: 新办法 第3条\n", with: ""))
        let issue = try XCTUnwrap(found.first)
        XCTAssertEqual([issue.file, "\(issue.line)"], ["add.reform.yaml", "2"])
        XCTAssertTrue(issue.field.hasPrefix("programs.compute_voucher"), issue.field)
    }

    func testAnExistingIdAMismatchedIdAndAScalarAreRefused() throws {
        let existing = issues("programs.rd:\n  name: x\n  source: s\n  kind: award\n  amount: 1\n  claims: {count: 1}\n  share: {city: 1}\n")
        XCTAssertEqual(existing.first?.message, "the scenario already has a program `rd`, so a reform cannot add one")
        XCTAssertEqual(existing.first?.line, 1)
        let mismatched = issues("programs.v:\n  id: w\n  name: x\n")
        XCTAssertEqual(mismatched.first?.message, "the new program's `id` is w, not `v` as its path says")
        XCTAssertThrowsError(try ReformLoader.parse(text: "programs.rd: 500\n", file: "r.yaml")) { error in
            let issue = (error as? ScenarioIssues)?.issues.first
            XCTAssertEqual(issue?.line, 1)
            XCTAssertTrue(issue?.message.contains("names a whole program") == true, issue?.message ?? "")
        }
    }

    func testAnUnknownFieldOfTheAddedProgramIsLocated() throws {
        let found = issues(Self.addition.replacingOccurrences(of: "amount: 15", with: "ammount: 15"))
        XCTAssertFalse(found.isEmpty)
        XCTAssertTrue(found.allSatisfy { $0.file == "add.reform.yaml" }, "\(found)")
        XCTAssertTrue(found.contains { $0.line == 7 }, "\(found)")
    }
}
