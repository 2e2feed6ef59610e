import CoFundTestSupport
import Foundation
import XCTest

@testable import CoFundModel

/// Damaged and hostile scenario files: each one decodes or is reported with a line, quickly, and
/// none crashes or hangs the decoder.
final class RobustnessTests: XCTestCase {
    /// The shipped scenarios (not the reform files, which hold only changes) and two inline ones.
    static func seeds() throws -> [(name: String, text: String)] {
        let dir = PackageRoot.scenarios
        var out: [(String, String)] = []
        for name in ["jinan-portfolio.yaml", "lixia-2024.yaml", "weihai-2025.yaml"] {
            out.append((name, try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)))
        }
        out.append(("inline-rate", Fixture.scenario(Fixture.rate("    cap_per_claim: 250\n    payment_lag: 1\n"))))
        out.append(
            (
                "inline-risk",
                Fixture.scenario(
                    """
                      - id: risk
                        name: 风险补偿
                        source: 威海 第15条
                        kind: risk_compensation
                        loans: {count: {dist: poisson, mean: 800}, principal: {dist: lognormal, median: 300, p90: 1500}}
                        cap_per_borrower: 2000
                        pd: {dist: beta, mean: 0.03, sd: 0.01}
                        rho: 0.15
                        recovery: {rate: 0, lag: 0}
                        loss_shares: {province: 0.35, city: 0.35}
                        residual: bank
                        segments:
                          - {id: standard, weight: 0.8}
                          - {id: early, weight: 0.2, pd: 0.05}
                    """)
            ))
        return out
    }

    /// How many inputs `check` has seen, and how many of them decoded.
    private var tested = 0, decoded = 0

    /// Decodes `bytes` (as the CLI would: invalid UTF-8 is refused before decoding) and asserts that
    /// it either decodes or reports at least one issue with a line, reading at most
    /// `YAMLReader.maxNodes` nodes (the work is bounded; a hang is left to the test's own timeout).
    private func check(_ bytes: [UInt8], _ label: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line) {
        tested += 1
        guard let text = String(validating: bytes, as: UTF8.self) else {
            // Not UTF-8: `ScenarioFile.read` refuses such a file (see below); decoding the
            // repaired text must still be safe.
            check(text: String(decoding: bytes, as: UTF8.self), label(), file: file, line: line)
            return
        }
        check(text: text, label(), file: file, line: line)
    }

    private func check(text: String, _ label: @autoclosure () -> String, file: StaticString = #filePath, line: UInt = #line) {
        let (outcome, nodes) = ScenarioDecoder.decodeCountingNodes(text, file: "fuzz.yaml")
        XCTAssertLessThanOrEqual(nodes, YAMLReader.maxNodes + 1, "read \(nodes) nodes: \(label())", file: file, line: line)
        if case .success = outcome { decoded += 1 }
        if case let .failure(e) = outcome {
            XCTAssertFalse(e.issues.isEmpty, "thrown without issues: \(label())", file: file, line: line)
            XCTAssertTrue(
                e.issues.allSatisfy { $0.line >= 0 && $0.column >= 0 && $0.file == "fuzz.yaml" },
                "issue without a position: \(e) — \(label())", file: file, line: line)
        }
    }

    func testTheSeedScenariosDecode() throws {
        for (name, text) in try Self.seeds() { XCTAssertNotNil(decodeOK(text), name) }
    }

    // MARK: - Random mutations

    private enum Mutation: CaseIterable {
        case flipByte, truncate, deleteLine, duplicateLine, swapLines, replaceNumber, insertJunk, dropIndent
    }

    private static let badNumbers = [
        "1e400", "-1e400", ".nan", "-.inf", ".inf", "1e13", "-1", "-0.5", "99999999999999999999",
        "0x1F", "1_000_000_000_000_000", "2000001", "1.5", "-2024", "", "~", "[]", "{}", "\"5\"", "1e-400",
    ]
    private static let junk = [
        "]", "[", "{", "}", ":", ": :", "- ", "? ", "&a", "*a", "!!binary", "%YAML 1.2", "---", "...", "\t",
        "\"", "'", "|", ">", "#", "@", "`", "\u{FEFF}", "\u{0}", "\r", "\u{2028}", "数", "\\",
    ]

    private func mutate(_ text: String, _ rng: inout SeededGenerator) -> (bytes: [UInt8], how: String) {
        var bytes = Array(text.utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let mutation = Mutation.allCases.randomElement(using: &rng)!
        switch mutation {
        case .flipByte:
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                let i = Int.random(in: 0..<bytes.count, using: &rng)
                bytes[i] ^= UInt8(1) << UInt8.random(in: 0...7, using: &rng)
            }
            return (bytes, "\(mutation)")
        case .truncate:
            let n = Int.random(in: 0..<bytes.count, using: &rng)
            return (Array(bytes[..<n]), "truncate at \(n)")
        case .deleteLine:
            let i = Int.random(in: 0..<lines.count, using: &rng)
            lines.remove(at: i)
            return (Array(lines.joined(separator: "\n").utf8), "delete line \(i + 1)")
        case .duplicateLine:
            let i = Int.random(in: 0..<lines.count, using: &rng)
            lines.insert(lines[i], at: i)
            return (Array(lines.joined(separator: "\n").utf8), "duplicate line \(i + 1)")
        case .swapLines:
            let i = Int.random(in: 0..<lines.count, using: &rng), j = Int.random(in: 0..<lines.count, using: &rng)
            lines.swapAt(i, j)
            return (Array(lines.joined(separator: "\n").utf8), "swap lines \(i + 1), \(j + 1)")
        case .replaceNumber:
            let numbers = text.ranges(of: /-?[0-9][0-9._]*%?/)
            guard let r = numbers.randomElement(using: &rng) else { return (bytes, "no number") }
            let new = Self.badNumbers.randomElement(using: &rng)!
            return (Array(text.replacingCharacters(in: r, with: new).utf8), "number at \(text[..<r.lowerBound].count) → \(new)")
        case .insertJunk:
            let i = Int.random(in: 0..<lines.count, using: &rng)
            let j = Self.junk.randomElement(using: &rng)!
            let at = lines[i].index(lines[i].startIndex, offsetBy: Int.random(in: 0...lines[i].count, using: &rng))
            lines[i].insert(contentsOf: j, at: at)
            return (Array(lines.joined(separator: "\n").utf8), "insert \(j.debugDescription) in line \(i + 1)")
        case .dropIndent:
            let i = Int.random(in: 0..<lines.count, using: &rng)
            lines[i] = String(lines[i].drop { $0 == " " })
            return (Array(lines.joined(separator: "\n").utf8), "unindent line \(i + 1)")
        }
    }

    func testAThousandRandomlyDamagedFilesDecodeOrReportIssuesQuickly() throws {
        var rng = SeededGenerator(seed: 20_251_122)
        let seeds = try Self.seeds()
        for round in 0..<1_100 {
            let (name, text) = seeds[round % seeds.count]
            var bytes = Array(text.utf8), how: [String] = []
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let m = mutate(String(decoding: bytes, as: UTF8.self), &rng)
                bytes = m.bytes
                how.append(m.how)
            }
            check(bytes, "\(name) round \(round): \(how.joined(separator: "; "))")
        }
        XCTAssertGreaterThanOrEqual(tested, 1_000)
        // Both outcomes occur: some damage (a changed comment, a swapped pair of keys) is harmless.
        XCTAssertGreaterThan(decoded, 20)
        XCTAssertLessThan(decoded, tested - 500)
    }

    // MARK: - Hostile files

    func testDeepBracketNestingIsRefusedWithoutExhaustingTheStack() {
        for depth in [65, 1_000, 10_000] {
            check(text: String(repeating: "[", count: depth) + String(repeating: "]", count: depth), "[ × \(depth)")
            check(text: "scenario: " + String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth), "{a: × \(depth)")
            check(text: String(repeating: "[", count: depth), "unclosed [ × \(depth)")
        }
        let issues = issuesOf(String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000))
        XCTAssertEqual(issues.first?.message, "the document nests 10000 levels deep")
        XCTAssertEqual(issues.first?.line, 1)
    }

    func testDeeplyIndentedMappingsAndSequencesAreRefused() {
        // A file nesting n levels by indentation holds about n²/2 spaces: 2,000 levels is 2 MB.
        for depth in [100, 1_000, 2_000] {
            let mapping = (0..<depth).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1\n"
            check(text: mapping, "indented mapping × \(depth)")
            let sequence = (0..<depth).map { String(repeating: " ", count: $0) + "- x\($0):" }.joined(separator: "\n")
            check(text: sequence, "indented sequence × \(depth)")
            check(text: String(repeating: "- ", count: depth) + "x", "compact sequence × \(depth)")
            check(text: String(repeating: "? ", count: depth) + "x", "explicit keys × \(depth)")
        }
    }

    /// Nine levels of ten aliases each: 10⁹ leaves if expanded.
    private static func laughs(levels: Int = 9, width: Int = 10) -> String {
        var lines = ["a0: &a0 [" + Array(repeating: "lol", count: width).joined(separator: ", ") + "]"]
        for i in 1...levels {
            lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: width).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testAliasBombsAreReportedQuickly() {
        let bomb = Self.laughs()
        var top = "a9"
        for (how, text) in [
            ("as the scenario", bomb + "scenario: *\(top)\n"),
            (
                "as an assumption",
                Fixture.scenario(Fixture.rate("    assumption: *\(top)\n")).replacingOccurrences(of: "scenario:\n", with: bomb + "scenario:\n")
            ),
            (
                "as a share",
                Fixture.scenario(Fixture.rate()).replacingOccurrences(of: "{province: 0.5, city: 0.25, district: 0.25}", with: "*\(top)") + bomb
            ),
            ("as a merge", bomb + "x: {<<: *\(top)}\n"),
        ] { check(text: text, "billion laughs \(how)") }
        // In a key, YAML hashes the expansion: 10⁶ leaves, so that a regression fails in seconds
        // instead of hanging.
        top = "a6"
        let cases = [
            ("as an explicit key", bomb + "? *\(top)\n: 1\n"),
            ("as an implicit key", bomb + "*\(top) : 1\n"),
            ("inside a flow key", bomb + "[*\(top)]: 1\n"),
            ("as a flow mapping key", bomb + "x: {*\(top): 1}\n"),
            ("as a flow mapping entry", bomb + "x: {*\(top)}\n"),
            ("inside a nested explicit key", bomb + "x:\n  ? - - *\(top)\n  : 1\n"),
            ("as a pair in a sequence", bomb + "x: [*\(top): 1]\n"),
        ]
        for (how, text) in cases { check(text: text, "billion laughs \(how)") }
        let keyIssues = issuesOf(bomb + "? *\(top)\n: 1\n")
        XCTAssertEqual(keyIssues.count, 1, "\(keyIssues)")
        XCTAssertEqual(keyIssues.first?.line, 11, "\(keyIssues)")
        XCTAssertEqual(keyIssues.first?.message, "a mapping key holds an alias (`*name`)")
        XCTAssertEqual(issuesOf(bomb + "x: {*\(top)}\n").first?.line, 11)
    }

    func testAliasesAsValuesAndStarsInTextStillDecode() throws {
        let text = Fixture.scenario(
            Fixture.rate().replacingOccurrences(of: "share: {", with: "share: &s {")
                + Fixture.rate(id: "rd2").replacingOccurrences(of: "{province: 0.5, city: 0.25, district: 0.25}", with: "*s")
                .replacingOccurrences(of: "name: 研发补助", with: "name: 研发 *补助* x*y"))
        let s = try XCTUnwrap(decodeOK(text))
        XCTAssertEqual(s.programs[1].share, s.programs[0].share)
        XCTAssertEqual(s.programs[1].name, "研发 *补助* x*y")
    }

    func testInvalidUTF8IsRefusedByReadText() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        var bytes = Array(Fixture.scenario(Fixture.rate()).utf8)
        bytes.insert(contentsOf: [0xFF, 0xC3, 0x28, 0xED, 0xA0, 0x80], at: 40)
        let path = try dir.write("invalid.yaml", bytes: bytes)
        XCTAssertThrowsError(try ScenarioDecoder.load(path: path)) { error in
            let issues = (error as? ScenarioIssues)?.issues ?? []
            // The bytes go in at offset 40, inside the second character of 测试 on line 3 ("  title: 测试",
            // from byte 27): that character (bytes 39–41, column 11) is the first that breaks.
            XCTAssertEqual(issues.first?.message, "the file is not UTF-8 text: byte 39 is not part of a UTF-8 character")
            XCTAssertEqual(issues.first?.line, 3)
            XCTAssertEqual(issues.first?.column, 11)
        }
        var rng = SeededGenerator(seed: 7)
        for round in 0..<50 {
            var b = bytes
            for _ in 0..<3 { b[Int.random(in: 0..<b.count, using: &rng)] = UInt8.random(in: 0x80...0xFF, using: &rng) }
            check(b, "invalid UTF-8 round \(round)")
        }
    }

    func testControlCharactersAndOddLineBreaksAreHandled() {
        let text = Fixture.scenario(Fixture.rate())
        for odd in ["\r\n", "\r", "\u{85}", "\u{2028}", "\u{0}", "\u{1B}", "\u{FEFF}", "\u{7F}"] {
            check(text: text.replacingOccurrences(of: "\n", with: odd), "line breaks → \(odd.debugDescription)")
        }
        check(text: "\u{FEFF}" + text, "BOM")
        XCTAssertNotNil(decodeOK(text.replacingOccurrences(of: "\n", with: "\r\n")))
    }

    func testHugeKeysAndValuesAreReportedQuickly() {
        let long = String(repeating: "x", count: 200_000)
        check(text: Fixture.scenario(Fixture.rate()).replacingOccurrences(of: "province: 0.5", with: "\(long): 0.5"), "huge funder name")
        check(text: Fixture.scenario(Fixture.rate("    \(long): 1\n")), "huge unknown key")
        check(
            text: Fixture.scenario(Fixture.rate()).replacingOccurrences(of: "base: 1000", with: "base: \(String(repeating: "9", count: 100_000))"),
            "huge number")
        // Checking each funder id against every earlier one took 70 s for 50,000 funders.
        let many = (0..<10_000).map { "  - {id: f\($0), level: city}" }.joined(separator: "\n")
        check(text: Fixture.scenario(Fixture.rate()).replacingOccurrences(of: "funders:\n", with: "funders:\n" + many + "\n"), "10,000 funders")
        let shares = (0..<10_000).map { "f\($0): 0" }.joined(separator: ", ")
        check(
            text: Fixture.scenario(Fixture.rate()).replacingOccurrences(of: "funders:\n", with: "funders:\n" + many + "\n")
                .replacingOccurrences(of: "{province: 0.5,", with: "{\(shares), province: 0.5,"), "10,000 funders in one share")
    }

    func testCountsThatOverflowAnIntAreReportedNotTrapped() {
        let text = Fixture.scenario(Fixture.rate())
            .replacingOccurrences(of: "years: [2024, 2026]", with: "years: [2000, 2049]")
            .replacingOccurrences(of: "{count: 10}", with: "{count: {dist: poisson, mean: 1e12, growth: 1}}")
        assertIssue(issuesOf(text), field: "programs[0].claims.count", line: lineOf("growth: 1", in: text), mentions: "too many", "e+")
    }
}
