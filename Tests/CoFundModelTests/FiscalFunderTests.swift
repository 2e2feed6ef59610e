import XCTest

@testable import CoFundModel

/// `fiscal:` on a funder: its default by level, an explicit value either way, and the located
/// report of a value that is not a boolean.
final class FiscalFunderTests: XCTestCase {
    func testBanksAreNotFiscalByDefaultAndEveryOtherLevelIs() throws {
        let s = try XCTUnwrap(decodeOK(Fixture.scenario(Fixture.rate())))
        XCTAssertEqual(s.funders.map(\.fiscal), [true, true, true, true, false])
        XCTAssertEqual(s.fiscalFunderIDs, ["province", "city", "district", "hitech_zone"])
        for level in Funder.Level.allCases {
            XCTAssertEqual(Funder(id: "f", name: "f", level: level).fiscal, level != .bank, level.rawValue)
        }
    }

    func testAnExplicitFiscalOverridesTheLevelsDefault() throws {
        let text = Fixture.scenario(Fixture.rate())
            .replacingOccurrences(of: "{id: bank, name: 合作银行, level: bank}", with: "{id: bank, name: 合作银行, level: bank, fiscal: true}")
            .replacingOccurrences(
                of: "{id: province, name: 山东省财政, level: province}", with: "{id: province, name: 山东省财政, level: province, fiscal: false}")
        let s = try XCTUnwrap(decodeOK(text))
        XCTAssertEqual(s.fiscalFunderIDs, ["city", "district", "hitech_zone", "bank"])
        XCTAssertEqual(s.funder("province")?.fiscal, false)
        XCTAssertEqual(s.funder("bank")?.fiscal, true)
    }

    func testAValueThatIsNotABooleanIsReportedAtItsLine() {
        for bad in ["yes", "1", "[true]", "\"maybe\""] {
            let text = Fixture.scenario(Fixture.rate()).replacingOccurrences(
                of: "{id: city, name: 济南市财政, level: city}", with: "{id: city, name: 济南市财政, level: city, fiscal: \(bad)}")
            assertIssue(issuesOf(text), field: "funders[1].fiscal", line: lineOf("fiscal:", in: text), mentions: "true or false")
        }
    }

    func testAMisspeltFiscalKeyIsSuggested() {
        let text = Fixture.scenario(Fixture.rate()).replacingOccurrences(
            of: "{id: city, name: 济南市财政, level: city}", with: "{id: city, name: 济南市财政, level: city, fiscl: true}")
        assertIssue(issuesOf(text), field: "funders[1].fiscl", line: lineOf("fiscl:", in: text), mentions: "fiscal")
    }

    func testGovernmentStaysAReservedFunderId() {
        let text = Fixture.scenario(Fixture.rate()).replacingOccurrences(
            of: "{id: bank, name: 合作银行, level: bank}", with: "{id: government, name: 政府, level: city}")
        assertIssue(issuesOf(text), field: "funders[4].id", line: lineOf("{id: government,", in: text), mentions: "reserved")
    }
}
