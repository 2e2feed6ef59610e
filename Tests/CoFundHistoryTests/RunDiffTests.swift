import XCTest

@testable import CoFundHistory

/// The input diff of two recorded runs and the change in each funder's mean.
final class RunDiffTests: XCTestCase {
    func testUnifiedDiffGroupsChangesWithTheirContext() {
        let a = (1...20).map { "line \($0)" }.joined(separator: "\n") + "\n"
        var b = (1...20).map { "line \($0)" }
        b[4] = "line five"
        b.insert("new", at: 18)
        let diff = LineDiff.unified(a, b.joined(separator: "\n") + "\n", labelA: "a", labelB: "b")
        XCTAssertEqual(
            diff,
            """
            --- a
            +++ b
            @@ -2,7 +2,7 @@
             line 2
             line 3
             line 4
            -line 5
            +line five
             line 6
             line 7
             line 8
            @@ -16,5 +16,6 @@
             line 16
             line 17
             line 18
            +new
             line 19
             line 20
            """)
        XCTAssertNil(LineDiff.unified(a, a, labelA: "a", labelB: "b"))
        XCTAssertEqual(LineDiff.unified("", "x\n", labelA: "a", labelB: "b"), "--- a\n+++ b\n@@ -0,0 +1,1 @@\n+x")
    }

    func testEditsKeepALongestCommonSubsequence() {
        let edits = LineDiff.edits(["a", "b", "c", "d"], ["b", "x", "d", "e"])
        XCTAssertEqual(edits, [.removed("a"), .same("b"), .removed("c"), .added("x"), .same("d"), .added("e")])
    }

    func testTheChangeIntervalTakesTheRunsAsIndependent() throws {
        var a = HistoryStoreTests.record()
        a.run.id = 1
        var b = HistoryStoreTests.record(seed: "8")
        b.run.id = 2
        b.run.scenarioText = "scenario:\n  id: s\n  paths: 9\n"
        for i in b.summary.indices {
            b.summary[i].mean = 13
            b.summary[i].se = 0.4
        }
        let diff = RunDiff(a: .init(record: a, arm: "run"), b: .init(record: b, arm: "run"))
        let total = try XCTUnwrap(diff.changes.first { $0.funder == "government" && $0.year == "total" })
        XCTAssertEqual(total.change, 3)
        XCTAssertEqual(total.halfWidth, 1.959964 * 0.5, accuracy: 1e-12)
        let text = diff.rendered
        XCTAssertTrue(text.contains("\n+  paths: 9\n"), text)
        XCTAssertTrue(text.contains("seed: 7 → 8"), text)
        XCTAssertTrue(text.contains("independent"), text)
        XCTAssertTrue(text.contains("reforms: --reform r.yaml (sha256 "), text)
        // The year slots in reading order: the years, the horizon's total, then after.
        let header = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("funder") })
        XCTAssertEqual(header.split(separator: " "), ["funder", "2024", "2025", "total", "after"])
    }
}
