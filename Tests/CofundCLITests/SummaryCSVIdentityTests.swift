import CoFundTestSupport
import Foundation
import XCTest

/// summary.csv read back with an RFC 4180 parser: the engine's sums are exact, so the funders' means
/// add up to the program's `all` mean, the fiscal funders' (all but the bank) to its `government`
/// mean, the programs' means to the funder's `all` mean, and the yearly means to the `total` mean —
/// up to the CSV's rounding to 4 decimals; and a risk-compensation funder's net mean is its gross
/// plus its recovered mean.
final class SummaryCSVIdentityTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    struct Key: Hashable {
        var program: String, funder: String, year: String
    }

    /// Runs `scenario` and returns each `net` row's mean by (program, funder, year).
    func readMeans(of scenario: String, named name: String, byteOrderMark: Bool = true) throws -> [Key: Double] {
        try readFlows(of: scenario, named: name, byteOrderMark: byteOrderMark)["net"] ?? [:]
    }

    /// Runs `scenario` and returns each row's mean by flow, then (program, funder, year).
    func readFlows(of scenario: String, named name: String, byteOrderMark: Bool = true) throws -> [String: [Key: Double]] {
        let file = try dir.write("\(name).yaml", scenario)
        let r = try CofundCLI.run(
            ["run", file, "--paths", "2000", "--seed", "7", "--out", dir.path(name), "--quiet"]
                + (byteOrderMark ? [] : ["--no-bom"]), in: dir.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        let table = try RFC4180.table(try dir.text("\(name)/summary.csv"))
        var means: [String: [Key: Double]] = [:]
        for row in table.rows {
            let key = Key(program: row["program"]!, funder: row["funder"]!, year: row.slot)
            let flow = row["flow"]!
            XCTAssertNil(means[flow]?[key], "duplicate row \(flow) \(key)")
            means[flow, default: [:]][key] = try XCTUnwrap(Double(row["mean"]!), "mean of \(key)")
        }
        XCTAssertEqual(Set(means.keys).subtracting(["net", "gross", "recovered"]), [])
        return means
    }

    /// `sum` of `count` values each rounded to 4 decimals equals `value` (also rounded) within 1e-6
    /// relative, allowing half a unit in the 4th decimal for each rounded number.
    func assertSum(_ sum: Double, count: Int, equals value: Double, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let rounding = Double(count + 1) * 0.00005 + 1e-9
        XCTAssertEqual(sum, value, accuracy: 1e-6 * abs(value) + rounding, what, file: file, line: line)
    }

    func assertIdentities(_ means: [Key: Double], file: StaticString = #filePath, line: UInt = #line) {
        let programs = Set(means.keys.map(\.program)).subtracting(["all"])
        let funders = Set(means.keys.map(\.funder)).subtracting(["all", "government"])
        let years = Set(means.keys.map(\.year)).subtracting(["total", "after"])
        XCTAssertFalse(programs.isEmpty || funders.isEmpty || years.isEmpty, file: file, line: line)
        var checked = 0

        // For every (program, year), the funders' means add up to the program's `all` mean.
        for p in programs.union(["all"]) {
            for y in years.union(["total", "after"]) {
                guard let all = means[Key(program: p, funder: "all", year: y)] else {
                    XCTFail("no `all` funder row for \(p) \(y)", file: file, line: line)
                    continue
                }
                let parts = funders.compactMap { means[Key(program: p, funder: $0, year: y)] }
                XCTAssertFalse(parts.isEmpty, "no funder rows for \(p) \(y)", file: file, line: line)
                assertSum(parts.reduce(0, +), count: parts.count, equals: all, "funders of \(p) in \(y)", file: file, line: line)
                checked += 1
                // The government: the same sum without the bank, the one funder that is not fiscal.
                let fiscal = funders.subtracting(["bank"]).compactMap { means[Key(program: p, funder: $0, year: y)] }
                guard !fiscal.isEmpty else { continue }
                let government = means[Key(program: p, funder: "government", year: y)]
                XCTAssertNotNil(government, "no government row for \(p) \(y)", file: file, line: line)
                assertSum(
                    fiscal.reduce(0, +), count: fiscal.count, equals: government ?? .nan, "fiscal funders of \(p) in \(y)", file: file, line: line)
            }
        }
        // For every (funder, year), the programs' means add up to the funder's `all`-programs mean.
        for f in funders.union(["all"]) {
            for y in years.union(["total", "after"]) {
                guard let all = means[Key(program: "all", funder: f, year: y)] else {
                    XCTFail("no `all` program row for \(f) \(y)", file: file, line: line)
                    continue
                }
                let parts = programs.compactMap { means[Key(program: $0, funder: f, year: y)] }
                assertSum(parts.reduce(0, +), count: parts.count, equals: all, "programs of \(f) in \(y)", file: file, line: line)
                checked += 1
            }
        }
        // For every (program, funder) row set, the yearly means add up to `total` (`after` is outside it).
        let pairs = Set(means.keys.map { Key(program: $0.program, funder: $0.funder, year: "") })
        for pair in pairs {
            guard let total = means[Key(program: pair.program, funder: pair.funder, year: "total")] else {
                XCTFail("no total row for \(pair.program) \(pair.funder)", file: file, line: line)
                continue
            }
            XCTAssertNotNil(
                means[Key(program: pair.program, funder: pair.funder, year: "after")],
                "no after row for \(pair.program) \(pair.funder)", file: file, line: line)
            let parts = years.map { means[Key(program: pair.program, funder: pair.funder, year: $0)] }
            XCTAssertFalse(parts.contains(nil), "a year is missing for \(pair.program) \(pair.funder)", file: file, line: line)
            let sum = parts.compactMap { $0 }.reduce(0, +)
            assertSum(sum, count: years.count, equals: total, "years of \(pair.program) \(pair.funder)", file: file, line: line)
            checked += 1
        }
        XCTAssertGreaterThan(checked, 0, file: file, line: line)
    }

    func testFunderProgramAndYearMeansAddUpForRateAndAward() throws {
        let means = try readMeans(of: TestScenarios.tiny, named: "tiny")
        XCTAssertEqual(Set(means.keys.map(\.year)), ["2024", "2025", "2026", "total", "after"])
        XCTAssertGreaterThan(means[Key(program: "all", funder: "all", year: "total")] ?? 0, 0)
        assertIdentities(means)
    }

    func testMeansAddUpForMatchingRiskCompensationAndInterestSubsidy() throws {
        let means = try readMeans(of: TestScenarios.mixed, named: "mixed")
        // The bank bears the residual loss of the risk compensation and appears only there.
        XCTAssertNotNil(means[Key(program: "riskcomp", funder: "bank", year: "2025")])
        XCTAssertNil(means[Key(program: "contracts", funder: "bank", year: "2025")])
        // The matching program pays a year after its parent: in the first year, what the parent's
        // claims of the year before (simulated before the horizon) were matched with.
        XCTAssertGreaterThan(means[Key(program: "contracts_match", funder: "district", year: "2024")] ?? 0, 0)
        XCTAssertGreaterThan(means[Key(program: "contracts_match", funder: "district", year: "2025")] ?? 0, 0)
        assertIdentities(means)
    }

    /// Every gross row has its recovered and net rows, and net = gross + recovered, for the
    /// risk-compensation program's funders (the bank included) and their totals over all programs.
    func testRiskCompensationNetIsGrossPlusRecovered() throws {
        let flows = try readFlows(of: TestScenarios.mixed, named: "flows")
        let gross = try XCTUnwrap(flows["gross"]), recovered = try XCTUnwrap(flows["recovered"]), net = try XCTUnwrap(flows["net"])
        XCTAssertEqual(Set(gross.keys), Set(recovered.keys))
        XCTAssertEqual(Set(gross.keys.map(\.program)), ["riskcomp", "all"])
        XCTAssertTrue(gross.keys.contains(Key(program: "riskcomp", funder: "bank", year: "total")))
        for (key, g) in gross {
            let n = try XCTUnwrap(net[key], "\(key)")
            let r = try XCTUnwrap(recovered[key], "\(key)")
            XCTAssertLessThanOrEqual(r, 0, "\(key)")
            assertSum(g + r, count: 2, equals: n, "gross + recovered of \(key)")
        }
    }

    func testAFileWithoutTheByteOrderMarkParsesToTheSameMeans() throws {
        let marked = try readFlows(of: TestScenarios.mixed, named: "marked")
        let plain = try readFlows(of: TestScenarios.mixed, named: "plain", byteOrderMark: false)
        XCTAssertEqual(plain, marked)
    }

    func testQuotedNamesWithCommasAndQuotesRoundTrip() throws {
        let file = try dir.write("tiny.yaml", TestScenarios.tiny)
        XCTAssertEqual(try CofundCLI.run(["run", file, "--paths", "200", "--out", dir.path("out"), "--quiet"], in: dir.url).status, 0)
        let text = try dir.text("out/summary.csv")
        XCTAssertTrue(text.contains(",\"研发补助（2.5%，\"\"最高\"\"250万元, 省市区）\","), "the name is quoted with doubled quotes")
        let rows = try RFC4180.table(text).rows
        XCTAssertEqual(
            Set(rows.compactMap { $0["program"] == "rd" ? $0["program_name"] : nil }),
            ["研发补助（2.5%，\"最高\"250万元, 省市区）"])
        XCTAssertEqual(Set(rows.compactMap { $0["program"] == "all" ? $0["program_name"] : nil }), ["all programs"])
        XCTAssertTrue(text.hasSuffix("\r\n"), "records end with CRLF")
    }

    func testParserHandlesQuotedCommasDoubledQuotesAndEmptyFields() throws {
        let records = try RFC4180.parse("a,\"b,c\",\"say \"\"hi\"\"\",,\"\"\r\n1,2,3,4,5\r\n")
        XCTAssertEqual(records, [["a", "b,c", "say \"hi\"", "", ""], ["1", "2", "3", "4", "5"]])
        XCTAssertEqual(try RFC4180.parse("\u{FEFF}x,\"line\r\nbreak\"\r\n"), [["x", "line\r\nbreak"]])
        XCTAssertThrowsError(try RFC4180.parse("a,\"unterminated\r\n"))
        XCTAssertThrowsError(try RFC4180.parse("a,b\"c\r\n"))
    }
}
