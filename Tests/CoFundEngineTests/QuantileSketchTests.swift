import CoFundEngine
import XCTest

/// The mergeable sketch behind runs too large to keep every path.
final class QuantileSketchTests: XCTestCase {
    /// Deterministic lognormal-ish sample from a fixed-seed generator.
    private func sample(_ n: Int, seed: UInt64) -> [Double] {
        var r = Xoshiro256(StreamKey(seed: seed, path: 0, program: 7, slot: 0))
        return (0..<n).map { _ in exp(6 + 1.4 * Ziggurat.normal(&r)) }
    }

    /// Documented accuracy: every quantile within a relative α = 0.1% of the exact order statistic,
    /// hence a rank error at p99 well under 0.5% (checked: the exact rank of the returned value).
    func testQuantilesAreWithinTheRelativeAccuracyAndRankErrorAtP99IsBelowHalfAPercent() {
        let x = sample(200_000, seed: 1)
        var s = QuantileSketch()
        for v in x { s.add(v) }
        let sorted = x.sorted()
        for q in [0.05, 0.5, 0.9, 0.95, 0.99] {
            let exact = sorted[Int((q * Double(x.count)).rounded(.up)) - 1]
            XCTAssertEqual(s.quantile(q), exact, accuracy: QuantileSketch.alpha * exact, "q = \(q)")
        }
        let v99 = s.quantile(0.99)
        let rank = Double(sorted.partitioningIndex { $0 > v99 }) / Double(x.count)
        XCTAssertEqual(rank, 0.99, accuracy: 0.005)
        // CVaR: mean of the worst 1%, within α.
        let k = x.count / 100
        let exactTail = sorted.suffix(k).reduce(0, +) / Double(k)
        XCTAssertEqual(s.tailMean(0.99), exactTail, accuracy: QuantileSketch.alpha * exactTail)
        XCTAssertEqual(s.max, sorted.last)
    }

    /// Merging is adding integer counts: shards merged in any order equal one sketch of everything.
    func testMergedShardsEqualOneSketchOfAllValues() {
        let x = sample(30_000, seed: 2) + [0, 0, -5, -1e3]
        var whole = QuantileSketch()
        for v in x { whole.add(v) }
        var parts = [QuantileSketch(), QuantileSketch(), QuantileSketch()]
        for (i, v) in x.enumerated() { parts[i % 3].add(v) }
        var merged = parts[2]
        merged.merge(parts[0])
        merged.merge(parts[1])
        XCTAssertEqual(merged, whole)
        XCTAssertEqual(merged.quantile(0.001), whole.quantile(0.001))
        XCTAssertLessThan(merged.quantile(0.00001), 0)
    }

    func testWordsRoundTripExactly() throws {
        var s = QuantileSketch()
        for v in sample(5_000, seed: 3) + [0, -2] { s.add(v) }
        XCTAssertEqual(try XCTUnwrap(QuantileSketch(words: s.words[...])), s)
        XCTAssertNil(QuantileSketch(words: s.words.dropLast(3)))
    }

    /// Chan's merge of moments equals Welford over the whole sample.
    func testMergedMomentsEqualTheWholeSample() {
        let x = sample(10_000, seed: 4)
        var whole = Moments(), a = Moments(), b = Moments()
        for v in x { whole.add(v) }
        for v in x.prefix(3_333) { a.add(v) }
        for v in x.dropFirst(3_333) { b.add(v) }
        a.merge(b)
        XCTAssertEqual(a.count, whole.count)
        XCTAssertEqual(a.mean, whole.mean, accuracy: 1e-12 * whole.mean)
        XCTAssertEqual(a.sd, whole.sd, accuracy: 1e-10 * whole.sd)
    }
}

extension Array where Element == Double {
    /// The first index whose element satisfies `belongsInSecond`, for a partitioned array.
    fileprivate func partitioningIndex(where belongsInSecond: (Double) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if belongsInSecond(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

/// The histogram a report draws, in both modes.
final class HistogramTests: XCTestCase {
    func testSketchHistogramCountsEveryValueInTheBinOfItsRepresentative() {
        var s = QuantileSketch()
        let x = (1...1000).map { Double($0) }
        for v in x { s.add(v) }
        let h = s.histogram(bins: 10, over: 1...1000)
        XCTAssertEqual(h.reduce(0, +), 1000)
        // Equal-width bins of a uniform sample hold about 100 each; a value near a bin edge may
        // move by its relative error α (at most 1 here).
        for c in h { XCTAssertEqual(Double(c), 100, accuracy: 3) }
    }

    func testResultHistogramCountsEveryPathInBothModes() async throws {
        let s = try EngineTest.scenario(years: 2, programs: InvariantTests.mixed)
        let plan = SimulationPlan(s)
        let options = SimulationOptions(paths: 600, seed: 2, threads: 2)
        let exact = try await Simulation.run(plan, options: options)
        let sketched = SimulationResult(
            plan: plan, options: options, aggregate: try await Simulation.aggregate(plan, paths: 0..<600, options: options),
            converged: nil, wallSeconds: 0)
        let i = try XCTUnwrap(plan.layout.index(program: nil, funder: nil, year: .total))
        let a = exact.histogram(series: i, bins: 30), b = sketched.histogram(series: i, bins: 30)
        XCTAssertEqual(a.counts.reduce(0, +), 600)
        XCTAssertEqual(b.counts.reduce(0, +), 600)
        XCTAssertEqual(a.range, b.range)
        // The same paths, binned at values within α: the two histograms differ only near bin edges.
        XCTAssertLessThanOrEqual(zip(a.counts, b.counts).reduce(0) { $0 + abs(Int($1.0) - Int($1.1)) }, 12)
    }
}
