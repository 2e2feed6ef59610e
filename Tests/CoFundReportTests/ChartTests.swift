import XCTest

@testable import CoFundReport

/// The SVG primitives: round ticks with thousands separators, histogram bins, colors.
final class ChartTests: XCTestCase {
    func testScalesHaveRoundTicksCoveringTheValues() {
        let s = NiceScale(0, 145_657, maxTicks: 7)
        XCTAssertEqual(s.step, 25_000)
        XCTAssertEqual(s.ticks, [0, 25_000, 50_000, 75_000, 100_000, 125_000, 150_000])
        XCTAssertEqual(s.ticks.map(s.label), ["0", "25,000", "50,000", "75,000", "100,000", "125,000", "150,000"])
        let small = NiceScale(0.013, 0.087, maxTicks: 6, includeZero: false)
        XCTAssertEqual(small.ticks.map(small.label), ["0", "0.02", "0.04", "0.06", "0.08", "0.1"])
        let quarter = NiceScale(0, 0.7, maxTicks: 4)
        XCTAssertEqual(quarter.ticks.map(quarter.label), ["0", "0.25", "0.5", "0.75"])
        let negative = NiceScale(-1_234, 5_678)
        XCTAssertTrue(negative.ticks.contains(0))
        XCTAssertLessThanOrEqual(negative.lower, -1_234)
        XCTAssertGreaterThanOrEqual(negative.upper, 5_678)
        for (lo, hi) in [(0.0, 0.0), (5.0, 5.0), (0.0, 1e-9), (-3.0, -3.0), (0, 1e12)] {
            let n = NiceScale(lo, hi)
            XCTAssertLessThan(n.lower, n.upper, "\(lo)...\(hi)")
            XCTAssertLessThanOrEqual(n.lower, min(lo, 0))
            XCTAssertGreaterThanOrEqual(n.upper, hi)
            XCTAssertLessThanOrEqual(n.ticks.count, 7)
        }
    }

    func testHistogramBinsSpanTheRangeAndKeepEveryCount() {
        let h = Histogram(range: 100...500, counts: [1, 2, 3, 4])
        XCTAssertEqual(h.counts, [1, 2, 3, 4])
        XCTAssertEqual(h.lower, 100)
        XCTAssertEqual(h.binWidth, 100)
        XCTAssertEqual(h.upper, 500)
        // Every path with the same value: one bin around it, holding them all.
        let constant = Histogram(range: 7...7, counts: [3] + [UInt64](repeating: 0, count: 39))
        XCTAssertEqual(constant.counts, [3])
        XCTAssertLessThan(constant.lower, 7)
        XCTAssertGreaterThan(constant.upper, 7)
        let zero = Histogram(range: 0...0, counts: [5])
        XCTAssertLessThan(zero.lower, zero.upper)
    }

    func testFundersOfOneLevelGetDistinctColors() {
        let colors = FunderPalette.colors([
            .init(id: "a", name: "A", level: .district), .init(id: "b", name: "B", level: .district),
            .init(id: "c", name: "C", level: .district), .init(id: "p", name: "P", level: .province),
        ])
        XCTAssertEqual(colors["a"], FunderPalette.color(.district))
        XCTAssertEqual(colors["p"], FunderPalette.color(.province))
        XCTAssertEqual(Set(colors.values).count, 4)
        XCTAssertEqual(FunderPalette.shade("#000000", 0.5), "#808080")
    }

    func testCanvasEscapesTextAndWritesShortCoordinates() {
        var c = SVGCanvas(width: 100, height: 50, title: "a <b> & \"c\"")
        c.text("<x>", x: 1.25, y: -0.04)
        c.rect(x: 0, y: 10.0, width: 5.55, height: 2, fill: "#000000", tooltip: "t & u")
        let svg = c.rendered
        XCTAssertTrue(svg.hasPrefix("<svg viewBox=\"0 0 100 50\""))
        XCTAssertTrue(svg.contains("<title>a &lt;b&gt; &amp; &quot;c&quot;</title>"))
        XCTAssertTrue(svg.contains(">&lt;x&gt;</text>"))
        XCTAssertTrue(svg.contains("y=\"0\""), svg)
        XCTAssertTrue(svg.contains("y=\"10\""), svg)
        XCTAssertTrue(svg.contains("<title>t &amp; u</title>"))
    }
}
