import CoFundEngine
import CoFundModel
import XCTest

@testable import CoFundReport

/// A small scenario with Chinese names, a program name and a title that need escaping, a budget,
/// uncertain parameters and four funder levels, and helpers to run it and read its pages.
enum ReportTest {
    static let programName = "研发补助 <b>&\""

    /// `cap` is the R&D program's cap per claim (a reform changes it).
    static func yaml(cap: Double = 250) -> String {
        """
        scenario:
          id: report-test
          title: '报告测试 <场景> & "引号"'
          unit: wan
          years: [2025, 2027]
          seed: 1
          paths: 500
          description: A test of the HTML report.
        funders:
          - {id: province, name: 山东省财政, level: province}
          - {id: city, name: 济南市财政, level: city}
          - {id: zone, name: 高新区财政, level: zone}
          - {id: bank, name: 合作银行, level: bank}
        programs:
          - id: rd
            name: '研发补助 <b>&"'
            source: 济政字〔2020〕20号 第8条
            kind: rate
            assumption: 申请数量为假设 (30 a year)
            claims: {count: {dist: poisson, mean: 30, growth: 0.1}, approval: {dist: beta, mean: 0.8, sd: 0.1}}
            base: {dist: lognormal, median: 500, p90: 3000}
            rate: 0.025
            cap_per_claim: \(cap)
            share: {province: 0.5, city: 0.5}
            budget: {province: 150}
            payment_lag: 1
          - id: quantum
            name: 量子项目配套
            source: 济南量子 第3条
            kind: award
            claims: {count: {dist: poisson, mean: 3}}
            amount: {dist: uniform, low: 100, high: 300}
            share: {city: 0.4, zone: 0.6}
          - id: risk
            name: 贷款风险补偿
            source: 风险补偿 第5条
            kind: risk_compensation
            loans: {count: {dist: poisson, mean: 50}, principal: {dist: lognormal, median: 300, p90: 1500}, term: 1}
            cap_per_borrower: 1000
            pd: {dist: beta, mean: 0.03, sd: 0.01}
            rho: 0.15
            recovery: {rate: {dist: beta, mean: 0.4, sd: 0.2}, lag: 1}
            loss_shares: {province: 0.35, city: 0.35}
            residual: bank

        """
    }

    static let funderNames = ["山东省财政", "济南市财政", "高新区财政", "合作银行"]
    static let programNames = ["量子项目配套", "贷款风险补偿"]

    static func scenario(cap: Double = 250) throws -> Scenario {
        try ScenarioDecoder.decode(yaml(cap: cap), file: "report-test.yaml")
    }

    static func run(_ s: Scenario, paths: Int = 500, threads: Int = 2) async throws -> SimulationResult {
        try await Simulation.run(SimulationPlan(s), options: SimulationOptions(paths: paths, seed: 1, threads: threads))
    }

    static func manifest(_ r: SimulationResult) -> Manifest {
        Manifest(result: r, scenarioFile: "report-test.yaml", scenarioSHA256: String(repeating: "ab", count: 32))
    }

    /// The run's page, and the run.
    static func runPage() async throws -> (html: String, result: SimulationResult) {
        let r = try await run(try scenario())
        return (RunPage.render(r, manifest: manifest(r)), r)
    }

    /// Every occurrence of `<tag` … `</tag>` in `html`.
    static func elements(_ tag: String, in html: String) -> [Substring] {
        var out: [Substring] = []
        var rest = html[...]
        while let start = rest.range(of: "<\(tag)"), let end = rest[start.upperBound...].range(of: "</\(tag)>") {
            out.append(rest[start.lowerBound..<end.upperBound])
            rest = rest[end.upperBound...]
        }
        return out
    }

    /// The text between `open` and the next `close` after `marker`.
    static func text(after marker: String, open: String, close: String, in html: Substring) -> String? {
        guard let m = marker.isEmpty ? html.startIndex..<html.startIndex : html.range(of: marker), let o = html[m.upperBound...].range(of: open),
            let c = html[o.upperBound...].range(of: close)
        else { return nil }
        return String(html[o.upperBound..<c.lowerBound])
    }

    static func count(_ needle: String, in html: String) -> Int {
        html.components(separatedBy: needle).count - 1
    }

    /// The self-containment rules every page must follow.
    static func assertSelfContained(_ html: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"), file: file, line: line)
        XCTAssertTrue(html.hasSuffix("</html>\n"), file: file, line: line)
        XCTAssertFalse(html.contains("http://"), "a network reference", file: file, line: line)
        XCTAssertFalse(html.contains("https://"), "a network reference", file: file, line: line)
        XCTAssertFalse(html.lowercased().contains("<script"), "a script", file: file, line: line)
        XCTAssertFalse(html.contains("url("), "a fetched resource in CSS", file: file, line: line)
        XCTAssertFalse(html.contains("<img"), "an image file", file: file, line: line)
        XCTAssertFalse(html.contains("<link"), "a linked resource", file: file, line: line)
        XCTAssertTrue(html.contains("<meta charset=\"utf-8\">"), file: file, line: line)
        XCTAssertTrue(html.contains("<style>"), file: file, line: line)
    }
}
