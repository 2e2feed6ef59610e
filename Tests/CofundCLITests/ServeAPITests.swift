import CoFundTestSupport
import Foundation
import XCTest

/// `cofund serve`'s JSON API, against the command line: a reform posted to `/api/compare` gives
/// exactly the numbers `cofund compare --set … --paths N --format json` prints on the same seed.
final class ServeAPITests: XCTestCase {
    var dir: TempDir!
    var page: ServedPage?

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() {
        page?.stop()
        dir?.remove()
    }

    /// `TestScenarios.tiny`'s R&D program with its cap as a dated policy parameter, `rd_cap`.
    static let scenario = """
        scenario:
          id: serve-test
          title: 起草测试
          unit: wan
          years: [2024, 2026]
          seed: 42
          paths: 500
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: city}
          - {id: district, name: 区县财政, level: district}
        parameters:
          rd_cap:
            name: 单个企业年度最高补助
            unit: wan
            values:
              - {from: 2020-01-01, value: 250, source: "济政字〔2020〕20号 第8条"}
        programs:
          - id: rd
            name: 研发补助（最高{rd_cap}万元）
            source: 济政字〔2020〕20号 第8条
            kind: rate
            claims: {count: {dist: poisson, mean: 20, growth: 0.1}, approval: 0.9}
            base: {dist: lognormal, median: 500, p90: 3000}
            rate: 0.025
            cap_per_claim: {param: rd_cap}
            share: {province: 0.5, city: 0.25, district: 0.25}
            budget: {province: 100}
            payment_lag: 1

        """

    func serve() throws -> ServedPage {
        let file = try dir.write("serve.yaml", Self.scenario)
        let served = try ServedPage([file, "--paths", "300"], in: dir.url)
        page = served
        return served
    }

    func testOutlineListsTheParametersWithTheirTextValueAndSource() async throws {
        let (status, body) = try await serve().request("GET", "api/scenario")
        XCTAssertEqual(status, 200)
        let outline = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let parameters = try XCTUnwrap(outline["parameters"] as? [[String: Any]])
        XCTAssertEqual(parameters.count, 1)
        XCTAssertEqual(parameters.first?["path"] as? String, "parameters.rd_cap")
        XCTAssertEqual(parameters.first?["name"] as? String, "单个企业年度最高补助")
        XCTAssertEqual(parameters.first?["value"] as? String, "250")
        XCTAssertEqual(parameters.first?["unit_label"] as? String, "万元")
        XCTAssertEqual(parameters.first?["source"] as? String, "济政字〔2020〕20号 第8条")
        let programs = try XCTUnwrap(outline["programs"] as? [[String: Any]])
        XCTAssertEqual(programs.first?["source"] as? String, "济政字〔2020〕20号 第8条")
        XCTAssertEqual(outline["paths"] as? Int, 300)
    }

    func testComparisonEqualsTheCompareCommandByteForByte() async throws {
        let served = try serve()
        let (status, body) = try await served.request(
            "POST", "api/compare", body: #"{"reform": [{"path": "parameters.rd_cap", "value": "100"}], "paths": 400}"#)
        XCTAssertEqual(status, 200, body)
        let cli = try CofundCLI.run(
            [
                "compare", dir.path("serve.yaml"), "--set", "parameters.rd_cap=100", "--paths", "400", "--format", "json", "--quiet", "--out",
                dir.path("out"),
            ], in: dir.url)
        XCTAssertEqual(cli.status, 0, cli.stderr)
        let document = cli.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(document.contains("\"delta_mean\""))
        XCTAssertTrue(body.hasPrefix("{\"compare\": \(document),"), "the API's comparison differs from `cofund compare --format json`")
        XCTAssertTrue(body.contains("\"programs\": [{\"delta_ci95\""), "the moved program is listed")
        XCTAssertTrue(body.contains("研发补助（最高100万元）"), "the moved program is named as reformed")
    }

    func testBadValueIsRefusedWithTheLocatedMessageNamingThePath() async throws {
        let served = try serve()
        let (status, body) = try await served.request(
            "POST", "api/compare", body: #"{"reform": [{"path": "parameters.rd_cap", "value": "abc"}]}"#)
        XCTAssertEqual(status, 400)
        let cli = try CofundCLI.run(["compare", dir.path("serve.yaml"), "--set", "parameters.rd_cap=abc", "--quiet"], in: dir.url)
        XCTAssertEqual(cli.status, 1)
        let message = try XCTUnwrap(cli.stderr.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) })
        XCTAssertTrue(message.hasPrefix("--set:1:1: parameters.rd_cap"), message)
        let answer = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        let issues = try XCTUnwrap(answer["issues"] as? [[String: Any]])
        XCTAssertEqual(issues.first?["path"] as? String, "parameters.rd_cap")
        XCTAssertEqual(issues.first?["index"] as? Int, 0)
        XCTAssertEqual(issues.first?["message"] as? String, message)
    }

    func testPathsAboveTheBoundAreRefused() async throws {
        let served = try serve()
        let (status, body) = try await served.request("POST", "api/compare", body: #"{"reform": [], "paths": 20001}"#)
        XCTAssertEqual(status, 400)
        XCTAssertTrue(body.contains("paths must be from 1 to 20000"), body)
        let (zero, _) = try await served.request("POST", "api/compare", body: #"{"reform": [], "paths": 0}"#)
        XCTAssertEqual(zero, 400)
    }

    func testPageLoadsNothingFromElsewhere() async throws {
        let (status, body) = try await serve().request("GET", "")
        XCTAssertEqual(status, 200)
        XCTAssertTrue(body.contains("/api/compare"))
        // The SVG namespace is a name, not a resource.
        let page = body.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "")
        for needle in ["http://", "https://", "//cdn", " src=", "<link", "@import", "url("] {
            XCTAssertFalse(page.contains(needle), "the page names \(needle)")
        }
    }
}
