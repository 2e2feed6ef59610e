import Foundation
import XCTest

/// Runs that cannot finish are refused before they start, with the reason and what would fit.
final class RunSizeLimitTests: XCTestCase {
    func testARunOfTooManyClaimsIsRefusedWithTheNumberOfPathsThatWouldFit() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let file = try dir.write("big.yaml", """
            scenario: {id: big, title: big, unit: wan, years: [2025, 2029]}
            funders: [{id: city, name: 市, level: city}]
            programs:
              - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: 1000000}}, amount: 1, share: {city: 1}}
            """)
        let r = try CofundCLI.run(["run", file, "--paths", "100000", "--out", dir.path("o"), "--quiet"], in: dir.url)
        XCTAssertEqual(r.status, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("use at most 20000 paths"), r.stderr)
        XCTAssertFalse(dir.exists("o"))
    }
}
