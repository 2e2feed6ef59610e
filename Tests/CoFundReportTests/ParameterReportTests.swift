import CoFundModel
import XCTest

@testable import CoFundReport

/// The parameters as the report and `parameters.csv` show them: the years whose claims use each
/// value follow each reading program's claim date, and names and sources are escaped.
final class ParameterReportTests: XCTestCase {
    /// A cap that changes mid-2027, read by a program claiming on 01-01 and one claiming on 12-31.
    static let yaml = """
        scenario:
          id: param-report
          title: 参数
          unit: wan
          years: [2025, 2029]
          seed: 1
          paths: 100
        funders:
          - {id: city, name: 市财政, level: city}
        parameters:
          cap:
            name: '<b>最高</b> & "补助"'
            unit: wan
            values:
              - {from: 2020-01-01, value: 100, source: '旧办法 <第8条>'}
              - {from: 2027-07-01, value: 50, source: =新办法}
          unused:
            name: 未用
            unit: fraction
            values:
              - {from: 2020-01-01, value: 0.5, source: 某文}
        programs:
          - id: early
            name: 年初
            source: 办法
            kind: rate
            claims: {count: {dist: poisson, mean: 5}, approval: 1}
            base: {dist: lognormal, median: 80, p90: 600}
            rate: 0.1
            cap_per_claim: {param: cap}
            share: {city: 1}
          - id: late
            name: 年末
            source: 办法
            kind: rate
            claim_date: 12-31
            claims: {count: {dist: poisson, mean: 5}, approval: 1}
            base: {dist: lognormal, median: 80, p90: 600}
            rate: 0.1
            cap_per_claim: {param: cap}
            share: {city: 1}

        """

    func testYearsUsedFollowEachProgramsClaimDate() throws {
        let s = try ScenarioDecoder.decode(Self.yaml, file: "param-report.yaml")
        let uses = ParameterUse.all(s)
        XCTAssertEqual(uses.map(\.parameter.id), ["cap", "unused"])
        XCTAssertEqual(uses[0].readers, ["early.cap_per_claim", "late.cap_per_claim"])
        XCTAssertEqual(uses[0].values.map(\.yearsUsed), [[2025, 2026, 2027], [2027, 2028, 2029]])
        XCTAssertEqual(uses[0].values.map(\.until), [CalendarDate(year: 2027, month: 6, day: 30), nil])
        XCTAssertEqual(uses[1].readers, [])
        XCTAssertEqual(uses[1].values.map(\.yearsUsed), [[]])
        XCTAssertEqual(ParameterUse.years([2025, 2026, 2028, 2030, 2031]), "2025–2026, 2028, 2030–2031")
        XCTAssertEqual(ParameterUse.years([2025, 2026, 2028], dash: "-", separator: ";"), "2025-2026;2028")

        let csv = ParametersCSV.render(s).components(separatedBy: "\r\n")
        XCTAssertEqual(csv[2], "cap,\"<b>最高</b> & \"\"补助\"\"\",wan,2027-07-01,,50,,'=新办法,early.cap_per_claim;late.cap_per_claim,2027-2029")
        XCTAssertEqual(csv[3], "unused,未用,fraction,2020-01-01,,0.5,,某文,,")
    }

    func testTheSectionEscapesNamesAndSources() throws {
        let s = try ScenarioDecoder.decode(Self.yaml, file: "param-report.yaml")
        let html = ParameterSection.render(s, ReportContext(s)).body
        XCTAssertTrue(html.contains("&lt;b&gt;最高&lt;/b&gt; &amp; &quot;补助&quot;"), html)
        XCTAssertTrue(html.contains("旧办法 &lt;第8条&gt;"), html)
        XCTAssertFalse(html.contains("<b>"), html)
        XCTAssertTrue(html.contains("2025–2027"), html)
        XCTAssertTrue(html.contains("<em>no program</em>"), html)
        XCTAssertTrue(html.contains("rowspan=\"2\""), html)
    }
}

extension ParameterReportTests {
    /// A changed value moves its readers; a renamed parameter is only read by them; a parameter
    /// in the second file only is read by the programs of that file.
    func testTheDiffNamesEachParametersReaders() throws {
        let base = try ScenarioDecoder.decode(Self.yaml, file: "a.yaml")
        let moved = try ScenarioDecoder.decode(Self.yaml.replacingOccurrences(of: "value: 50,", with: "value: 60,"), file: "b.yaml")
        var diff = ScenarioDiff(base: base, reform: moved)
        XCTAssertEqual(diff.parametersChanged, ["cap"])
        XCTAssertEqual(ScenarioDiffText.readerLines(diff), ["cap → moves early, late"])
        XCTAssertEqual(diff.readers(ofPath: "parameters.cap.values.2027-07-01"), ["early", "late"])
        XCTAssertEqual(diff.readers(ofPath: "programs.early.rate"), [])
        XCTAssertTrue(ChangesCSV.render(diff).hasSuffix(",early;late\r\n"), ChangesCSV.render(diff))

        let renamed = try ScenarioDecoder.decode(Self.yaml.replacingOccurrences(of: "name: 未用", with: "name: 未使用"), file: "c.yaml")
        diff = ScenarioDiff(base: base, reform: renamed)
        XCTAssertEqual(ScenarioDiffText.readerLines(diff), ["unused → read by no program"])

        let text = ScenarioDiffText.render(ScenarioDiff(base: base, reform: moved), base: "a.yaml", reform: "b.yaml")
        XCTAssertTrue(text.contains("  parameters changed: cap\n    cap → moves early, late"), text)
    }
}
