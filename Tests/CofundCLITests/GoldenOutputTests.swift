import CoFundTestSupport
import Foundation
import XCTest

/// The CSV files of the shipped scenarios at a fixed seed, byte for byte: a change to how the code is
/// organised must not change a number. The files in `Golden/` were written by the commands below;
/// a change that is meant to move numbers regenerates them with `COFUND_UPDATE_GOLDEN=1 swift test
/// --filter GoldenOutputTests` and says why in its commit.
final class GoldenOutputTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    static let root = PackageRoot.url
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let update = ProcessInfo.processInfo.environment["COFUND_UPDATE_GOLDEN"] == "1"

    static func scenario(_ name: String) -> String { root.appendingPathComponent("Scenarios/\(name)").path }

    /// Runs `arguments` (with `--out` and fixed paths, seed and threads added) and compares each of
    /// `files` with `Golden/<label>.<file>`.
    private func check(
        _ label: String, _ arguments: [String], files: [String], paths: Int = 400,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let out = dir.path(label)
        let r = try CofundCLI.run(arguments + ["--paths", "\(paths)", "--seed", "20251122", "--threads", "2", "--quiet", "--out", out], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr, file: file, line: line)
        for name in files {
            let produced = try Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent(name))
            let fixture = Self.golden.appendingPathComponent("\(label).\(name)")
            if Self.update {
                try produced.write(to: fixture)
                continue
            }
            let expected = try Data(contentsOf: fixture)
            if produced != expected {
                let a = String(decoding: produced, as: UTF8.self).components(separatedBy: "\r\n")
                let b = String(decoding: expected, as: UTF8.self).components(separatedBy: "\r\n")
                let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
                XCTFail(
                    "\(label).\(name) differs from its golden file"
                        + (first.map { ", first at line \($0.offset + 1):\n  now:    \($0.element.0)\n  golden: \($0.element.1)" } ?? " in length"),
                    file: file, line: line)
            }
        }
    }

    func testEveryShippedScenarioWritesItsGoldenSummaryAndTotals() throws {
        for name in [
            "jinan-portfolio", "jinan-quantum", "jinan-rd-subsidy", "jinan-risk-compensation", "jinan-tech-contracts",
            "jinan-vouchers-and-platforms", "lixia-2024", "weihai-2025",
        ] {
            try check(
                name, ["run", Self.scenario("\(name).yaml")], files: ["summary.csv", "totals.csv", "budgets.csv", "contributions.csv", "checks.csv"])
        }
    }

    func testTheShippedReformsWriteTheirGoldenDelta() throws {
        try check(
            "compare-rd-plan-2023",
            [
                "compare", Self.scenario("jinan-rd-subsidy.yaml"),
                "--reform", Self.scenario("jinan-rd-subsidy.plan-2023.reform.yaml"),
            ], files: ["delta.csv", "delta-budgets.csv"])
        try check(
            "compare-risk-no-cap",
            [
                "compare", Self.scenario("jinan-risk-compensation.yaml"),
                "--reform", Self.scenario("jinan-risk-compensation.no-borrower-cap.reform.yaml"),
            ], files: ["delta.csv", "delta-budgets.csv"])
    }

    /// Two whole scenario files: the R&D scenario under the 2020 rule against the portfolio (the
    /// 2023 plan's rule, the IC program dropped, fourteen programs added).
    func testTwoScenarioFilesWriteTheirGoldenDeltaAndChanges() throws {
        try check(
            "compare-rd-vs-portfolio",
            ["compare", Self.scenario("jinan-rd-subsidy.yaml"), Self.scenario("jinan-portfolio.yaml")],
            files: ["delta.csv", "delta-budgets.csv", "changes.csv"])
    }

    func testASweepAndASensitivityWriteTheirGoldenFiles() throws {
        try check(
            "sweep-risk-city-share",
            [
                "sweep", Self.scenario("jinan-risk-compensation.yaml"),
                "--set", "parameters.rc_city_share=0.25,0.35,0.45",
            ], files: ["sweep.csv", "sweep-budgets.csv"], paths: 200)
        try check("sensitivity-risk", ["sensitivity", Self.scenario("jinan-risk-compensation.yaml")], files: ["sensitivity.csv"], paths: 200)
    }
}
