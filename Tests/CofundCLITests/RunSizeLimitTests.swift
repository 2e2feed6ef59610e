import CoFundTestSupport
import Foundation
import XCTest

/// Runs that cannot finish are refused before they start, with the reason and what would fit.
final class RunSizeLimitTests: XCTestCase {
    func testARunOfTooManyClaimsIsRefusedWithTheNumberOfPathsThatWouldFit() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = try dir.write(
            "big.yaml",
            """
            scenario: {id: big, title: big, unit: wan, years: [2025, 2029]}
            funders: [{id: city, name: 市, level: city}]
            programs:
              - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 1000000}}, amount: 1, share: {city: 1}}
            """)
        let r = try CofundCLI.run(["run", file, "--paths", "1000000", "--out", dir.path("o"), "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("use at most 100000 paths"), r.stderr)
        XCTAssertFalse(dir.exists("o"))
    }

    /// 400 funders sharing each of 450 programs over 50 years: a 62 KB file (one YAML anchor) with
    /// 9.4 million reported quantities. It is refused from the scenario's size alone, before the plan
    /// or any per-path buffer is allocated, with the estimate and the ways out.
    func testAWideScenarioIsRefusedBeforeItAllocatesWithTheMemoryItWouldNeed() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let funders = (0..<400).map { "  - {id: f\($0), name: f\($0), level: city}" }.joined(separator: "\n")
        let share = (0..<400).map { "f\($0): 0.0025" }.joined(separator: ", ")
        var programs = ["  - {id: p0, name: p, source: s, kind: award, claims: {count: 1}, amount: 1, share: &s {\(share)}}"]
        programs += (1..<450).map { "  - {id: p\($0), name: p, source: s, kind: award, claims: {count: 1}, amount: 1, share: *s}" }
        let file = try dir.write(
            "wide.yaml",
            """
            scenario: {id: wide, title: wide, unit: wan, years: [2000, 2049]}
            funders:
            \(funders)
            programs:
            \(programs.joined(separator: "\n"))
            """)
        let r = try CofundCLI.run(["run", file, "--paths", "200", "--out", dir.path("o"), "--quiet"], in: dir.url)
        XCTAssertTrue(r.exitedCleanly, r.stderr)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("of memory, more than the"), r.stderr)
        XCTAssertTrue(r.stderr.contains("9427704 reported quantities"), r.stderr)
        XCTAssertTrue(r.stderr.contains("--max-memory"), r.stderr)
        XCTAssertFalse(dir.exists("o"))
    }

    func testMaxMemoryRefusesARunThatWouldFitTheDefault() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = try dir.write("tiny.yaml", TestScenarios.tiny)
        let refused = try CofundCLI.run(["run", file, "--paths", "1000", "--max-memory", "1M", "--out", dir.path("o"), "--quiet"], in: dir.url)
        XCTAssertEqual(refused.status, 1, refused.stdout + refused.stderr)
        XCTAssertTrue(refused.stderr.contains("more than the 1 MB allowed"), refused.stderr)
        let bad = try CofundCLI.run(["run", file, "--max-memory", "lots", "--quiet"], in: dir.url)
        XCTAssertEqual(bad.status, 64, bad.stderr)
        XCTAssertTrue(bad.stderr.contains("--max-memory takes an amount"), bad.stderr)
    }

    func testASweepOfTooManyPointsIsRefusedBeforeRunning() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = try dir.write("tiny.yaml", TestScenarios.tiny)
        let values = (1...200).map(String.init).joined(separator: ",")
        let r = try CofundCLI.run(
            [
                "sweep", file, "--set", "programs.rd.cap_per_claim=\(values)", "--set", "programs.rd.rate=\(values)",
                "--out", dir.path("o"), "--quiet",
            ], in: dir.url)
        XCTAssertEqual(r.status, 64, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("40000 points, more than 400"), r.stderr)
        XCTAssertFalse(dir.exists("o"))
    }
}
