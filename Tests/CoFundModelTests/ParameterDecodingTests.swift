import XCTest

@testable import CoFundModel

/// Parameters as law (`parameters:`): dated, cited values read by every program field the clause
/// governs, each year's claims taking the value in force on the program's claim date; every
/// mistake is reported at its line with what is allowed.
final class ParameterDecodingTests: XCTestCase {
    /// Two R&D programs governed by one clause's cap, rate and shares; the cap changes in 2027.
    static let scenario = """
        scenario:
          id: param-test
          title: 研发补助（最高{rd_cap}万元）
          unit: wan
          years: [2025, 2029]
        parameters:
          rd_cap:
            name: 单个企业年度最高补助
            unit: wan
            values:
              - {from: 2020-03-20, value: 1000, source: 济政字〔2020〕20号 第8条}
              - {from: 2027-01-01, value: 250, source: 三年行动计划 二（一）2}
          rd_rate:
            name: 补助比例
            unit: fraction
            values:
              - {from: 2020-03-20, value: 0.1, source: 济科发〔2020〕10号 二（一）}
          rd_share_province:
            name: 省级承担比例
            unit: fraction
            values:
              - {from: 2020-03-20, value: 0.5, source: 济政字〔2020〕20号 第8条}
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: city}
        programs:
          - id: rd
            name: 研发补助（最高{rd_cap}万元，省{rd_share_province%}）
            source: 第8条
            kind: rate
            claims: {count: 10}
            base: 1000
            rate: {param: rd_rate}
            cap_per_claim: {param: rd_cap}
            share: {province: {param: rd_share_province}, city: 0.5}
          - id: rd_large
            name: 研发补助（大企业）
            source: 第8条
            kind: rate
            claims: {count: 5}
            base: 20000
            rate: {param: rd_rate}
            cap_per_claim: {param: rd_cap}
            share: {province: {param: rd_share_province}, city: 0.5}

        """

    /// The scenario with the first occurrence of `old` (in the first program) replaced.
    static func replacingFirst(_ old: String, with new: String) -> String {
        guard let r = scenario.range(of: old) else { return scenario }
        return scenario.replacingCharacters(in: r, with: new)
    }

    private func decoded(_ text: String = scenario, line: UInt = #line) -> Scenario? { decodeOK(text, line: line) }

    private func rateRule(_ p: Program) -> RateRule? {
        if case let .rate(r) = p.rule { return r }
        return nil
    }

    // MARK: - Values and years

    func testFieldsReadTheValueInForceInEachClaimYear() throws {
        let s = try XCTUnwrap(decoded())
        XCTAssertEqual(s.parameters.map(\.id), ["rd_cap", "rd_rate", "rd_share_province"])
        for p in s.programs {
            XCTAssertEqual(rateRule(p)?.capPerClaim, .value(1000), "the 2025 claims use the 2020 cap")
            XCTAssertEqual(p.revisionYears, [2027], "one revision, from the first claim year on or after the change")
            XCTAssertEqual(rateRule(p.inYear(2026))?.capPerClaim, .value(1000))
            XCTAssertEqual(rateRule(p.inYear(2027))?.capPerClaim, .value(250))
            XCTAssertEqual(rateRule(p.inYear(2029))?.capPerClaim, .value(250))
            XCTAssertEqual(p.share.fraction(of: "province"), 0.5)
            XCTAssertEqual(Set(p.bindings.map(\.field)), ["rate", "cap_per_claim", "share.province"])
        }
        XCTAssertEqual(s.programs(reading: "rd_cap").map(\.id), ["rd", "rd_large"])
    }

    /// A value changing mid-year applies to a year's claims when it is in force on the claim date:
    /// from 2027-07-01 it reaches 2027's claims only for a claim date on or after 07-01.
    func testAMidYearChangeFollowsTheClaimDate() throws {
        let midYear = Self.scenario.replacingOccurrences(of: "from: 2027-01-01", with: "from: 2027-07-01")
        let january = try XCTUnwrap(decoded(midYear))
        XCTAssertEqual(january.programs[0].revisionYears, [2028], "claim date 01-01: the 2027 claims use the old cap")
        let december = try XCTUnwrap(
            decoded(midYear.replacingOccurrences(of: "  - id: rd\n", with: "  - id: rd\n    claim_date: 12-31\n")))
        XCTAssertEqual(december.programs[0].claimDate, MonthDay(month: 12, day: 31))
        XCTAssertEqual(december.programs[0].revisionYears, [2027], "claim date 12-31: the 2027 claims use the new cap")
        XCTAssertEqual(december.programs[1].revisionYears, [2028], "the other program keeps the default claim date")
    }

    /// The entry a year uses when none is in force on the claim date: the one in force on the
    /// nearest day of that year.
    func testTheNearestDayOfTheYearWhenNoValueIsInForceOnTheClaimDate() {
        let p = PolicyParameter(
            id: "q", name: "q", unit: .fraction,
            values: [
                .init(
                    from: CalendarDate(year: 2020, month: 5, day: 1), until: CalendarDate(year: 2024, month: 9, day: 30), value: .value(0.4),
                    source: "a")
            ])
        XCTAssertEqual(p.entry(forYear: 2020, on: .januaryFirst), 0, "in force from May 2020: the 2020 claims use it")
        XCTAssertEqual(p.entry(forYear: 2024, on: MonthDay(month: 12, day: 31)), 0, "expired in September 2024")
        XCTAssertNil(p.entry(forYear: 2025, on: .januaryFirst), "no day of 2025 in force")
        XCTAssertNil(p.entry(forYear: 2019, on: .januaryFirst))
    }

    func testNamesQuoteTheValuesTheirClaimsUse() throws {
        let s = try XCTUnwrap(decoded())
        XCTAssertEqual(s.programs[0].name, "研发补助（最高1000→250万元，省50%）")
        XCTAssertEqual(s.title, "研发补助（最高1000→250万元）")
    }

    func testANameFollowsTheReform() throws {
        let reform = try ReformLoader.parse(assignments: ["parameters.rd_cap=500"])
        let (s, _) = try ScenarioReformer.apply([reform], to: Self.scenario, file: "base.yaml")
        XCTAssertEqual(s.programs[0].name, "研发补助（最高500万元，省50%）")
    }

    // MARK: - Reforms

    /// One `--set` on the parameter moves every program that reads it (exact identity on the
    /// decoded rules).
    func testOneSetMovesEveryProgramReadingTheParameter() throws {
        let reform = try ReformLoader.parse(assignments: ["parameters.rd_cap=500"])
        let (s, changes) = try ScenarioReformer.apply([reform], to: Self.scenario, file: "base.yaml")
        for p in s.programs {
            XCTAssertEqual(rateRule(p)?.capPerClaim, .value(500))
            XCTAssertEqual(p.revisions, [], "one value from the first date: no revision")
        }
        XCTAssertEqual(changes.map(\.path), ["parameters.rd_cap"])
        XCTAssertEqual(s.parameter("rd_cap")?.values.map(\.from.description), ["2020-03-20"])
    }

    func testADatedSetAddsAValueFromItsDate() throws {
        let reform = try ReformLoader.parse(assignments: ["parameters.rd_rate.values.2028-01-01=0.025"])
        let (s, _) = try ScenarioReformer.apply([reform], to: Self.scenario, file: "base.yaml")
        for p in s.programs {
            XCTAssertEqual(p.revisionYears, [2027, 2028])
            XCTAssertEqual(rateRule(p.inYear(2027))?.rate, .value(0.1))
            XCTAssertEqual(rateRule(p.inYear(2028))?.rate, .value(0.025))
            XCTAssertEqual(rateRule(p.inYear(2028))?.capPerClaim, .value(250))
        }
        XCTAssertEqual(s.parameter("rd_rate")?.values.last?.source, "--set")
    }

    func testASetOnABoundFieldIsRefusedWithTheParameter() throws {
        let reform = try ReformLoader.parse(assignments: ["programs.rd.cap_per_claim=500"])
        XCTAssertThrowsError(try ScenarioReformer.apply([reform], to: Self.scenario, file: "base.yaml")) { error in
            let issue = (error as? ScenarioIssues)?.issues.first
            XCTAssertTrue(issue?.message.contains("reads the parameter `rd_cap`, which governs rd, rd_large") == true, "\(String(describing: issue))")
            XCTAssertTrue(issue?.hint?.contains("parameters.rd_cap=500") == true)
        }
    }

    func testAnUnknownParameterInASetGetsADidYouMean() throws {
        let reform = try ReformLoader.parse(assignments: ["parameters.rd_cp=500"])
        XCTAssertThrowsError(try ScenarioReformer.apply([reform], to: Self.scenario, file: "base.yaml")) { error in
            let issue = (error as? ScenarioIssues)?.issues.first
            XCTAssertEqual(issue?.message, "the scenario has no parameter `rd_cp`")
            XCTAssertEqual(issue?.hint, "did you mean `parameters.rd_cap`?")
        }
    }

    // MARK: - Located errors

    private func issue(_ text: String, line: UInt = #line) -> ScenarioIssue? {
        let all = issuesOf(text, line: line)
        XCTAssertEqual(all.count, 1, "\(all)", line: line)
        return all.first
    }

    private func lineOf(_ needle: String, in text: String) -> Int {
        (text.components(separatedBy: "\n").firstIndex { $0.contains(needle) } ?? -1) + 1
    }

    func testAnUnknownParameterIsLocatedWithADidYouMean() throws {
        let text = Self.replacingFirst("cap_per_claim: {param: rd_cap}", with: "cap_per_claim: {param: rd_cpa}")
        let i = try XCTUnwrap(issue(text))
        XCTAssertEqual(i.field, "programs[0].cap_per_claim")
        XCTAssertEqual(i.message, "unknown parameter `rd_cpa`")
        XCTAssertEqual(i.hint, "did you mean `rd_cap`?")
        XCTAssertEqual(i.line, lineOf("{param: rd_cpa}", in: text))
    }

    func testAShareOfMoreThanOneIsRefusedAtTheParameter() throws {
        let text = Self.scenario.replacingOccurrences(of: "value: 0.5, source", with: "value: 1.5, source")
        let i = try XCTUnwrap(issuesOf(text).first)
        XCTAssertEqual(i.field, "parameters.rd_share_province.values[0].value")
        XCTAssertEqual(i.line, lineOf("value: 1.5", in: text))
        XCTAssertTrue(i.hint?.contains("from 0 to 1") == true, "\(i)")
    }

    func testAFractionParameterOnAMoneyFieldIsRefused() throws {
        let text = Self.replacingFirst("cap_per_claim: {param: rd_cap}", with: "cap_per_claim: {param: rd_rate}")
        let i = try XCTUnwrap(issue(text))
        XCTAssertEqual(i.field, "programs[0].cap_per_claim")
        XCTAssertEqual(i.message, "`cap_per_claim` expects an amount in 万元 (unit: wan), but `rd_rate` is in fraction (unit: fraction)")
    }

    func testACapInYuanWhereWanIsExpectedIsRefused() throws {
        let text = Self.scenario.replacingOccurrences(
            of: "    unit: wan\n    values:\n      - {from: 2020-03-20, value: 1000",
            with: "    unit: yuan\n    values:\n      - {from: 2020-03-20, value: 1000")
        let all = issuesOf(text)
        XCTAssertEqual(all.count, 2, "one per program reading it: \(all)")
        XCTAssertTrue(all[0].message.contains("but `rd_cap` is in 元 (unit: yuan)"), "\(all[0])")
        XCTAssertTrue(all[0].hint?.contains("write the parameter's values in 万元") == true)
    }

    func testUnorderedDatesAreRefused() throws {
        let text = Self.scenario.replacingOccurrences(of: "from: 2027-01-01, value: 250", with: "from: 2019-01-01, value: 250")
        let i = try XCTUnwrap(issuesOf(text).first)
        XCTAssertEqual(i.field, "parameters.rd_cap.values[1].from")
        XCTAssertTrue(i.message.contains("out of order"), "\(i)")
        XCTAssertEqual(i.line, lineOf("from: 2019-01-01", in: text))
    }

    func testOverlappingDatesAreRefused() throws {
        let text = Self.scenario.replacingOccurrences(
            of: "{from: 2020-03-20, value: 1000,", with: "{from: 2020-03-20, until: 2027-06-30, value: 1000,")
        let i = try XCTUnwrap(issuesOf(text).first)
        XCTAssertEqual(i.field, "parameters.rd_cap.values[1].from")
        XCTAssertTrue(i.message.contains("while the previous one is in force until 2027-06-30"), "\(i)")
        XCTAssertTrue(i.hint?.contains("overlap") == true)
    }

    func testAYearWithoutAValueIsRefusedAtTheBinding() throws {
        let text = Self.scenario.replacingOccurrences(of: "{from: 2020-03-20, value: 0.1,", with: "{from: 2026-01-01, value: 0.1,")
        let all = issuesOf(text)
        XCTAssertEqual(all.count, 2, "\(all)")
        XCTAssertEqual(all[0].field, "programs[0].rate")
        XCTAssertEqual(all[0].message, "the parameter `rd_rate` has no value in force in 2025, a year in which `rd` takes claims")
    }

    func testAnUnknownUnitAndAnUnknownNameInATextGetADidYouMean() throws {
        let unit = try XCTUnwrap(
            issue(
                Self.scenario.replacingOccurrences(
                    of: "unit: fraction\n    values:\n      - {from: 2020-03-20, value: 0.1",
                    with: "unit: fractoin\n    values:\n      - {from: 2020-03-20, value: 0.1")))
        XCTAssertEqual(unit.field, "parameters.rd_rate.unit")
        XCTAssertEqual(unit.hint, "did you mean `fraction`?")
        let name = try XCTUnwrap(issue(Self.scenario.replacingOccurrences(of: "省{rd_share_province%}", with: "省{rd_share_provnce%}")))
        XCTAssertEqual(name.field, "programs[0].name")
        XCTAssertEqual(name.hint, "did you mean `{rd_share_province}`?")
    }

    func testALagThatChangesOverTheClaimYearsIsRefused() throws {
        let text = Self.scenario.replacingOccurrences(
            of: "parameters:\n",
            with: """
                parameters:
                  lag:
                    name: 拨付时间
                    unit: years
                    values:
                      - {from: 2020-01-01, value: 1, source: a}
                      - {from: 2027-01-01, value: 2, source: b}

                """
        ).replacingOccurrences(
            of:
                "    rate: {param: rd_rate}\n    cap_per_claim: {param: rd_cap}\n    share: {province: {param: rd_share_province}, city: 0.5}\n  - id: rd_large",
            with:
                "    rate: {param: rd_rate}\n    cap_per_claim: {param: rd_cap}\n    payment_lag: {param: lag}\n    share: {province: {param: rd_share_province}, city: 0.5}\n  - id: rd_large"
        )
        let i = try XCTUnwrap(issuesOf(text).first)
        XCTAssertEqual(i.field, "programs[0].payment_lag")
        XCTAssertTrue(i.message.contains("one number for the whole program"), "\(i)")
    }

    func testAFieldThatIsNotLawCannotReadAParameter() throws {
        let text = Self.scenario.replacingOccurrences(of: "claims: {count: 10}", with: "claims: {count: {param: rd_cap}}")
        let i = try XCTUnwrap(issue(text))
        XCTAssertEqual(i.field, "programs[0].claims.count")
        XCTAssertTrue(i.message.contains("cannot read a parameter"), "\(i)")
    }

    /// Two files differing in one dated value of a parameter: the diff names that value at its date,
    /// with the clause on each side; a file against itself differs in nothing.
    func testTheDiffNamesTheChangedParameterAndItsClauses() throws {
        let a = try XCTUnwrap(decoded())
        let b = try XCTUnwrap(
            decoded(Self.scenario.replacingOccurrences(of: "value: 250, source: 三年行动计划 二（一）2", with: "value: 500, source: 新办法 第3条")))
        let diff = ScenarioDiff(base: a, reform: b)
        XCTAssertEqual(diff.parametersChanged, ["rd_cap"])
        XCTAssertTrue(
            diff.fields.contains(
                ScenarioDiff.Field(
                    path: "parameters.rd_cap.values.2027-01-01", base: "250 — 三年行动计划 二（一）2", reform: "500 — 新办法 第3条")),
            "\(diff.fields)")
        XCTAssertTrue(ScenarioDiff(base: a, reform: a).isEmpty)
    }

    /// A parameter changing every day for 30 years (10,958 entries): each claim year takes the value
    /// in force on its 1 January, found by bisection (the entry's index is the days since the first).
    func testAParameterWithAValueForEveryDayResolvesEachYearToItsFirstDay() throws {
        var day = CalendarDate(year: 2000, month: 1, day: 1)
        var entries: [String] = []
        var indexOfNewYear: [Int: Int] = [:]
        var i = 0
        while day.year < 2030 {
            if day.month == 1, day.day == 1 { indexOfNewYear[day.year] = i }
            entries.append("      - {from: \(day), value: \(i), source: 第\(i)号}")
            i += 1
            let lastOfMonth = day.day == CalendarDate.daysIn(month: day.month, year: day.year)
            day =
                !lastOfMonth
                ? CalendarDate(year: day.year, month: day.month, day: day.day + 1)
                : day.month == 12 ? CalendarDate(year: day.year + 1, month: 1, day: 1) : CalendarDate(year: day.year, month: day.month + 1, day: 1)
        }
        let text = Fixture.scenario(
            Fixture.rate().replacingOccurrences(of: "base: 1000", with: "base: 1000\n    cap_per_claim: {param: daily}")
        )
        .replacingOccurrences(
            of: "funders:",
            with: "parameters:\n  daily:\n    name: 逐日上限\n    unit: wan\n    values:\n" + entries.joined(separator: "\n") + "\nfunders:")
        let s = try XCTUnwrap(decodeOK(text))
        let p = s.programs[0]
        XCTAssertEqual(p.revisionYears, [2025, 2026])
        for year in 2024...2026 {
            guard case let .rate(r) = p.inYear(year).rule else { return XCTFail("not a rate program") }
            XCTAssertEqual(r.capPerClaim, .value(Double(indexOfNewYear[year]!)), "\(year)")
        }
    }
}
