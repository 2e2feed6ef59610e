import CoFundModel
import Foundation
import XCTest

@testable import CoFundEngine
@testable import CoFundReport

/// `JSONStyle`: the one encoder configuration of `--format json`, `manifest.json` and the notebook,
/// writing what `JSONSerialization` wrote before — the same numbers, `{}` for a missing series,
/// null for an absent variance ratio.
final class JSONStyleTests: XCTestCase {
    private func serialized(_ object: Any) throws -> String {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }

    func testDoublesPrintAsJSONSerializationPrintsThem() throws {
        let values: [Double] = [
            0, 1, -1, 5, 0.1, 1.0 / 3, -2.0 / 3, 262891.3075929277, 1075.6212229073617, 0.48424046694980744, 1e-7, 1.5e-300,
            123_456_789_012.5, 1e15, 4_000, 6_250.000000000001,
        ]
        XCTAssertEqual(JSONStyle.text(values), try serialized(values))
    }

    func testAMissingSeriesIsAnEmptyObject() throws {
        XCTAssertEqual(JSONStyle.text(TerminalJSON.StatisticsOrEmpty(nil)), try serialized([String: Double]()))
    }

    func testStatisticsKeepTheirKeysAndValues() throws {
        let s = SeriesStatistics([3, 1, 4, 1, 5, 9, 2, 6])
        let old: [String: Double] = [
            "mean": s.mean, "sd": s.sd, "se": s.se, "p05": s.p05, "p50": s.p50, "p90": s.p90, "p95": s.p95, "p99": s.p99,
            "cvar95": s.cvar95, "cvar99": s.cvar99, "max": s.max,
        ]
        XCTAssertEqual(JSONStyle.text(TerminalJSON.StatisticsOrEmpty(s)), try serialized(old))
    }

    func testAnAbsentVarianceRatioIsNull() throws {
        let s = SeriesStatistics([2, 2, 2])
        let row = PairedComparison.Row(key: SeriesKey(program: nil, funder: nil, year: .total), base: s, reform: s, delta: s, varianceRatio: nil)
        let old: [String: Any] = [
            "base_mean": 2.0, "reform_mean": 2.0, "delta_mean": 2.0, "delta_se": 0.0, "delta_ci95": [2.0, 2.0], "variance_ratio": NSNull(),
            "base_p95": 2.0, "reform_p95": 2.0, "delta_p95": 0.0, "delta_p95_ci95": NSNull(),
        ]
        XCTAssertEqual(JSONStyle.text(TerminalJSON.Delta(row)), try serialized(old))
    }

    func testTheManifestWritesEveryKeyAbsentValuesAsNull() throws {
        let scenario = try ScenarioDecoder.decode(ReportTest.yaml(), file: "report-test.yaml")
        var manifest = Manifest(
            scenario: scenario, options: SimulationOptions(paths: 500, seed: 1), scenarioFile: "dir/report-test.yaml", scenarioSHA256: "abc",
            reforms: ["a/b"])
        manifest.reformFiles = [ReformCitation(file: "r.reform.yaml", title: "新规")]
        XCTAssertEqual(
            manifest.json,
            """
            {
              "block_size" : 256,
              "cofund_version" : "\(CofundVersion.current)",
              "compared_file" : null,
              "compared_sha256" : null,
              "converged" : null,
              "first_year" : 2025,
              "history_from" : 2024,
              "last_year" : 2027,
              "paths" : 500,
              "reform_files" : [
                {
                  "file" : "r.reform.yaml",
                  "source" : null,
                  "title" : "新规"
                }
              ],
              "reforms" : [
                "a/b"
              ],
              "scenario_file" : "dir/report-test.yaml",
              "scenario_id" : "report-test",
              "scenario_sha256" : "abc",
              "scenario_title" : "报告测试 <场景> & \\"引号\\"",
              "seed" : 1,
              "shard" : null,
              "stratified" : false,
              "target_relative_se" : null,
              "threads" : 1,
              "unit" : "wan",
              "wall_seconds" : 0
            }

            """)
    }
}
