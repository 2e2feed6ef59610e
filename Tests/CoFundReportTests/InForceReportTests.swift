import CoFundModel
import XCTest

@testable import CoFundReport

/// The terminal note and `assumptions.csv` say which programs run past their texts' expiry.
final class InForceReportTests: XCTestCase {
    private let text = """
        scenario: {id: t, title: t, unit: wan, years: [2025, 2027], seed: 1, paths: 10}
        funders:
          - {id: city, name: city, level: city}
        programs:
          - {id: a, name: a, source: s, kind: award, claims: {count: 1}, amount: 1, share: {city: 1},
             in_force: {from: 2020-03-20, until: 2022-12-31}, continue_after_expiry: true, assumption: assumed continued after expiry}
          - {id: b, name: b, source: s, kind: award, claims: {count: 1}, amount: 1, share: {city: 1}, in_force: {until: 2026-06-30}}
          - {id: c, name: c, source: s, kind: award, claims: {count: 1}, amount: 1, share: {city: 1}}
        """

    func testTheTerminalNamesProgramsRunningPastAndStoppingAtTheirExpiry() throws {
        let s = try ScenarioDecoder.decode(text, file: "t.yaml")
        XCTAssertEqual(
            ScenarioHeading.forceNotes(s),
            [
                "Run past their texts' expiry (continue_after_expiry, on a stated assumption; see assumptions.csv):",
                "  text until 2022-12-31: a",
                "Stop when their texts expire (no claims after that year):",
                "  text until 2026-06-30: b",
            ])
        let catalogue = ProgramCatalogue.render(s)
        XCTAssertTrue(
            catalogue.contains(
                "Run past their texts' expiry (continue_after_expiry, on a stated assumption; see assumptions.csv):\n  text until 2022-12-31: a"),
            catalogue)
    }

    func testAssumptionsCSVHasTheForceColumns() throws {
        let s = try ScenarioDecoder.decode(text, file: "t.yaml")
        let lines = AssumptionsCSV.render(s, byteOrderMark: false).components(separatedBy: "\r\n")
        XCTAssertEqual(
            lines[0], "scenario,program,program_name,kind,source,in_force_from,in_force_until,continues_after_expiry,assumption")
        XCTAssertEqual(lines[1], "t,a,a,award,s,2020-03-20,2022-12-31,true,assumed continued after expiry")
        XCTAssertEqual(lines[2], "t,b,b,award,s,,2026-06-30,false,")
        XCTAssertEqual(lines[3], "t,c,c,award,s,,,false,")
    }
}
