import CoFundEngine
import CoFundModel
import XCTest

@testable import CoFundReport

/// The year from which claims were simulated, as the terminal heading, the report's manifest and
/// `manifest.json` state it (the test scenario's longest lag is one year: from 2024 for 2025–2027).
final class HistoryHeadingTests: XCTestCase {
    private func scenario(historyFrom: Int? = nil) throws -> Scenario {
        let text = ReportTest.yaml()
        return try ScenarioDecoder.decode(
            historyFrom.map { text.replacingOccurrences(of: "  unit: wan\n", with: "  unit: wan\n  history_from: \($0)\n") } ?? text,
            file: "report-test.yaml")
    }

    func testTheHeadingSaysFromWhichYearClaimsWereSimulatedAndWhichYearsAreReported() throws {
        XCTAssertTrue(ScenarioHeading.line(try scenario()).hasSuffix(" · claims simulated from 2024; payments reported 2025–2027"))
        XCTAssertTrue(ScenarioHeading.line(try scenario(historyFrom: 2021)).hasSuffix(" · claims simulated from 2021; payments reported 2025–2027"))
    }

    func testTheManifestAndItsSectionRecordHistoryFrom() throws {
        let manifest = Manifest(
            scenario: try scenario(historyFrom: 2022), options: SimulationOptions(paths: 10, seed: 1), scenarioFile: "report-test.yaml",
            scenarioSHA256: "abc")
        XCTAssertEqual(manifest.historyFrom, 2022)
        XCTAssertTrue(manifest.json.contains("\"history_from\" : 2022"))
        let body = ManifestSection.render(manifest).body
        XCTAssertTrue(body.contains("<dt>claims simulated from</dt><dd>2022 (payments before 2025 are not reported)</dd>"), body)
    }
}
