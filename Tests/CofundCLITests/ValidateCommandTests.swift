import CoFundTestSupport
import XCTest

/// `cofund validate FILE`: exit 0 and a one-line summary for a good file, exit 1 and every problem
/// located by `file:line:column` and field path for a bad one, and a plain message for a missing file.
final class ValidateCommandTests: XCTestCase {
    var dir: TempDir!

    override func setUpWithError() throws { dir = try TempDir() }
    override func tearDown() { dir?.remove() }

    func testValidFileExitsZeroAndSaysValidWithCounts() throws {
        let file = try dir.write("tiny.yaml", TestScenarios.tiny)
        let r = try CofundCLI.run(["validate", file], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("\(file): valid"), r.stdout)
        XCTAssertTrue(r.stdout.contains("2 programs"), r.stdout)
        XCTAssertTrue(r.stdout.contains("3 funders"), r.stdout)
        XCTAssertTrue(r.stdout.contains("2024–2026"), r.stdout)
        XCTAssertTrue(r.stdout.contains("万元"), r.stdout)
    }

    func testMixedKindsFileIsValid() throws {
        let file = try dir.write("mixed.yaml", TestScenarios.mixed)
        let r = try CofundCLI.run(["validate", file], in: dir.url)
        XCTAssertEqual(r.status, 0, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("valid — 4 programs, 4 funders"), r.stdout)
    }

    func testThreePlantedMistakesAreEachListedWithLineColumnAndFieldAndExitIsOne() throws {
        let file = try dir.write("bad.yaml", TestScenarios.threeMistakes)
        let r = try CofundCLI.run(["validate", file], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("\(file): 3 problems"), r.stdout)
        XCTAssertFalse(r.stdout.contains("valid —"), r.stdout)

        let expected = [
            ("\(file):8:36: funders[1].level:", "county"),
            ("\(file):17:12: programs[0].share:", "0.75"),
            ("\(file):22:34: programs[1].claims.approval:", "1.5"),
        ]
        let lines = r.stdout.split(separator: "\n").map(String.init)
        for (prefix, detail) in expected {
            let line = lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(prefix) }
            XCTAssertNotNil(line, "no line starting with \(prefix) in:\n\(r.stdout)")
            if let line { XCTAssertTrue(line.contains(detail), "\(line) should mention \(detail)") }
        }
        // Exactly three located problems: nothing more, nothing less.
        let located = lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(file):") && !$0.hasPrefix("\(file): ") }
        XCTAssertEqual(located.count, 3, r.stdout)
    }

    func testProblemsAreListedInFileOrder() throws {
        let file = try dir.write("bad.yaml", TestScenarios.threeMistakes)
        let r = try CofundCLI.run(["validate", file], in: dir.url)
        let lineNumbers = r.stdout.split(separator: "\n").compactMap { line -> Int? in
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("\(file):"), !t.hasPrefix("\(file): ") else { return nil }
            return Int(t.dropFirst(file.count + 1).prefix { $0.isNumber })
        }
        XCTAssertEqual(lineNumbers, [8, 17, 22], r.stdout)
    }

    func testMisspelledKeyIsLocatedAndGetsADidYouMeanHint() throws {
        let text = TestScenarios.tiny.replacingOccurrences(of: "high: 30", with: "hihg: 30")
        let file = try dir.write("typo.yaml", text)
        let r = try CofundCLI.run(["validate", file], in: dir.url)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("programs[1].amount.hihg"), r.stdout)
        XCTAssertTrue(r.stdout.contains("did you mean `high`"), r.stdout)
    }

    func testMissingFileGivesAClearMessageAndExitOneWithoutCrashing() throws {
        let missing = dir.path("no-such-scenario.yaml")
        let r = try CofundCLI.run(["validate", missing], in: dir.url)
        XCTAssertEqual(r.reason, .exit, "terminated by a signal: \(r.stderr)")
        XCTAssertFalse(r.stderr.contains("Fatal error"), r.stderr)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        let output = r.stdout + r.stderr
        XCTAssertTrue(output.contains(missing), output)
        XCTAssertTrue(output.contains("cannot read the file"), output)
        XCTAssertFalse(output.contains("valid —"), output)
    }

    func testDirectoryInsteadOfFileIsRefusedWithoutCrashing() throws {
        let r = try CofundCLI.run(["validate", dir.url.path], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue((r.stdout + r.stderr).contains("cannot read the file"), r.stdout + r.stderr)
    }

    func testNonYAMLGarbageIsRefusedWithoutCrashing() throws {
        let file = try dir.write("garbage.yaml", "scenario: [unclosed\n  : : :\n")
        let r = try CofundCLI.run(["validate", file], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stdout.contains("\(file):"), r.stdout)
    }

    func testNoFileArgumentIsAUsageError() throws {
        let r = try CofundCLI.run(["validate"], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("Usage"), r.stderr)
    }

    func testMessagesQuotingTheFileEscapeItsControlCharacters() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        // YAML's double-quoted escapes: \e is ESC, \a is BEL (an OSC 52 clipboard write).
        let text = TestScenarios.tiny.replacingOccurrences(of: "id: award", with: #"id: "aw\e]52;c;aGk=\aard""#)
        let file = try dir.write("esc.yaml", text)
        let r = try CofundCLI.run(["validate", file], in: dir.url)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertFalse((r.stdout + r.stderr).utf8.contains(0x1B), "an ESC reached the terminal")
        XCTAssertTrue((r.stdout + r.stderr).contains("\\u{1B}]52;c;aGk=\\u{7}"), r.stdout + r.stderr)
    }
}
