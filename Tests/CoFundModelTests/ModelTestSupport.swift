import XCTest

@testable import CoFundModel

/// Builders and assertions shared by the CoFundModel tests: a fixed header with five funders, to
/// which each test appends the programs it needs, and helpers that locate a line in a fixture.
enum Fixture {
    static let file = "test.yaml"

    /// The scenario section and five funders; `programs:` is the last line, so that program items
    /// (indented two spaces) can be appended.
    static let header = """
        scenario:
          id: model-test
          title: 测试
          unit: wan
          years: [2024, 2026]
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: city}
          - {id: district, name: 区县财政, level: district}
          - {id: hitech_zone, name: 高新区财政, level: zone}
          - {id: bank, name: 合作银行, level: bank}
        programs:

        """

    /// A whole scenario: the header followed by `programs` (items indented two spaces).
    static func scenario(_ programs: String) -> String { header + programs }

    /// A rate program with the given extra lines (indented four spaces), for tests that vary one field.
    static func rate(id: String = "rd", _ extra: String = "") -> String {
        """
          - id: \(id)
            name: 研发补助
            source: 济政字〔2020〕20号 第8条
            kind: rate
            claims: {count: 10}
            base: 1000
            rate: 0.025
            share: {province: 0.5, city: 0.25, district: 0.25}

        """ + extra
    }
}

/// Decodes `text`, failing the test (and returning nil) when it has issues.
func decodeOK(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Scenario? {
    do {
        return try ScenarioDecoder.decode(text, file: Fixture.file)
    } catch {
        XCTFail("expected a valid scenario, got:\n\(error)", file: file, line: line)
        return nil
    }
}

/// The issues of `text`, failing the test when it decodes.
func issuesOf(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> [ScenarioIssue] {
    do {
        _ = try ScenarioDecoder.decode(text, file: Fixture.file)
        XCTFail("expected issues, but the scenario decoded", file: file, line: line)
        return []
    } catch {
        return error.issues
    }
}

/// The 1-based line of the `occurrence`-th line of `text` containing `needle`.
func lineOf(_ needle: String, in text: String, occurrence: Int = 1) -> Int {
    var seen = 0
    for (i, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where l.contains(needle) {
        seen += 1
        if seen == occurrence { return i + 1 }
    }
    return -1
}

/// Asserts that exactly one issue concerns `field`, that it is at `line`, and that its message or
/// hint mentions each of `words`; returns it.
@discardableResult
func assertIssue(
    _ issues: [ScenarioIssue], field: String, line expected: Int, mentions words: String...,
    file: StaticString = #filePath, line: UInt = #line
) -> ScenarioIssue? {
    let matching = issues.filter { $0.field == field }
    guard matching.count == 1, let issue = matching.first else {
        XCTFail(
            "expected one issue for `\(field)`, found \(matching.count) in:\n\(issues.map(\.description).joined(separator: "\n"))",
            file: file, line: line)
        return nil
    }
    XCTAssertEqual(issue.line, expected, "line of \(issue)", file: file, line: line)
    XCTAssertEqual(issue.file, Fixture.file, file: file, line: line)
    XCTAssertGreaterThan(issue.column, 0, "column of \(issue)", file: file, line: line)
    let said = issue.message + " " + (issue.hint ?? "")
    for w in words {
        XCTAssertTrue(said.contains(w), "`\(w)` not in: \(said)", file: file, line: line)
    }
    return issue
}
