import CGSL
import CoFundEngine
import CoFundModel
import XCTest

/// The change in a p95 and its batch-means interval (`BatchMeans`).
final class BatchMeansP95Tests: XCTestCase {
    static func awards(mean: Double) throws -> Scenario {
        try EngineTest.scenario(
            funders: ["city"],
            programs:
                "  - {id: a, name: a, source: t, kind: award, claims: {count: {dist: poisson, mean: \(mean)}, approval: 1}, amount: 1, share: {city: 1}}"
        )
    }

    static func compare(_ base: Scenario, _ reform: Scenario, paths: Int, seed: UInt64 = 20251122) async throws -> PairedComparison {
        let b = try await EngineTest.run(base, paths: paths, seed: seed)
        let r = try await EngineTest.run(reform, paths: paths, seed: seed)
        return try PairedComparison(base: XCTUnwrap(b.keptPaths), reform: XCTUnwrap(r.keptPaths))
    }

    /// Oracle: the 95th percentiles of Poisson(0.5) and Poisson(1) are 2 and 3 (F(1) = 0.910,
    /// F(2) = 0.986 for 0.5; F(2) = 0.920, F(3) = 0.981 for 1), so the exact change is 1.
    /// Coverage argument: a batch of m = 2000 paths has its type-7 p95 equal to the population
    /// quantile q unless its empirical F̂(q − 1) exceeds 1899/2000 or F̂(q) falls below 1901/2000; both
    /// distribution values are at least 0.030 from 0.95, 6.2 binomial standard errors
    /// (√(0.95·0.05/2000) = 0.0049), so each of the 40 events has probability below 10⁻⁹. Then
    /// every batch's change is exactly 1 and the interval is [1, 1], which covers the exact change;
    /// the whole-sample change is 1 by the same argument with m = 40,000.
    func testTheBatchMeansIntervalCoversTheExactChangeOfTwoPoissonPercentiles() async throws {
        let c = try await Self.compare(try Self.awards(mean: 0.5), try Self.awards(mean: 1), paths: 40000)
        let row = try XCTUnwrap(c.row(SeriesKey(program: nil, funder: Funder.governmentID, year: .total)))
        XCTAssertEqual(row.base.p95, 2)
        XCTAssertEqual(row.reform.p95, 3)
        XCTAssertEqual(row.p95Delta, 1)
        let interval = try XCTUnwrap(row.p95Interval95)
        XCTAssertTrue(interval.contains(1), "\(interval)")
    }

    /// Oracle: one claim a path, base lognormal with median 100 and p90 300, rate 1; the reform caps
    /// the claim at 250, far below the base's exact p95 q = 100·exp(σ·z₀.₉₅) ≈ 409, σ = ln 3 / z₀.₉
    /// (P(base > 250) = 0.14, 6 binomial standard errors of a batch of 200 above 0.05), so the
    /// reform's p95 is 250 in every batch and the exact change is 250 − q. Coverage argument: each
    /// batch's change is 250 − (the batch's p95), independent between the 20 batches and close to normal for
    /// batches of 200 paths, so mean ± t₀.₉₇₅,₁₉·sd/√20 covers its expectation with probability 0.95;
    /// that expectation differs from 250 − q by the O(1/m) bias of a batch percentile, small
    /// against the interval. Over 30 seeds the number of intervals covering 250 − q is then
    /// Binomial(30, 0.95): at least 28.5 − 4·√(30·0.95·0.05) = 23.7, so 24, within 4 standard errors.
    func testTheBatchMeansIntervalCoversTheExactChangeAtItsNominalRateOverSeeds() async throws {
        func claim(cap: String) throws -> Scenario {
            try EngineTest.scenario(
                funders: ["city"],
                programs: """
                      - {id: r, name: r, source: t, kind: rate, claims: {count: 1, approval: 1}, base: {dist: lognormal, median: 100, p90: 300},
                         rate: 1, \(cap) share: {city: 1}}
                    """)
        }
        let sigma = log(3) / gsl_cdf_ugaussian_Pinv(0.9)
        let exact = 250 - 100 * exp(sigma * gsl_cdf_ugaussian_Pinv(0.95))
        let base = try claim(cap: ""), reform = try claim(cap: "cap_per_claim: 250,")
        var covered = 0
        for seed in 1...30 as ClosedRange<UInt64> {
            let c = try await Self.compare(base, reform, paths: 4000, seed: seed)
            let row = try XCTUnwrap(c.row(SeriesKey(program: "r", funder: "city", year: .total)))
            XCTAssertEqual(row.reform.p95, 250)
            if try XCTUnwrap(row.p95Interval95).contains(exact) { covered += 1 }
        }
        XCTAssertGreaterThanOrEqual(covered, 24, "intervals covering the exact change, of 30")
    }

    /// Identity: a reform that doubles every amount (rates, caps, award amounts) doubles every path
    /// exactly (multiplying by 2 is exact in binary floating point), so every row's change in p95 is
    /// p95(base) exactly, and each batch's change is the batch's p95 of the baseline: the interval
    /// is the batch-means interval of the baseline's p95, recomputed here from its paths.
    func testDoublingEveryAmountChangesEveryP95ByExactlyTheBaselinesP95() async throws {
        func portfolio(_ c: Double) throws -> Scenario {
            try EngineTest.scenario(
                funders: ["province", "city", "district"], years: 2,
                programs: """
                      - {id: rd, name: rd, source: t, kind: rate, claims: {count: {dist: poisson, mean: 20}, approval: 0.9}, base: {dist: lognormal, median: 500, p90: 3000},
                         rate: \(0.025 * c), cap_per_claim: \(250 * c), share: {province: 0.5, city: 0.25, district: 0.25}}
                      - {id: aw, name: aw, source: t, kind: award, claims: {count: {dist: poisson, mean: 5}}, amount: {dist: uniform, low: \(20 * c), high: \(30 * c)},
                         share: {city: 0.6, district: 0.4}}
                    """)
        }
        let c = try await Self.compare(try portfolio(1), try portfolio(2), paths: 1000)
        var government = false
        for (i, row) in c.rows.enumerated() {
            XCTAssertEqual(row.p95Delta, row.base.p95, "\(row.key)")
            let x = c.base.keptValues.series[i]
            let batches = (0..<20).map { k in SeriesStatistics.quantile(x[(k * x.count / 20)..<((k + 1) * x.count / 20)].sorted(), 0.95) }
            let mean = batches.reduce(0, +) / 20
            let sd = (batches.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 19).squareRoot()
            let half = gsl_cdf_tdist_Pinv(0.975, 19) * sd / 20.0.squareRoot()
            let interval = try XCTUnwrap(row.p95Interval95)
            XCTAssertEqual(interval.lowerBound, mean - half, accuracy: 1e-9 * max(1, abs(mean)), "\(row.key)")
            XCTAssertEqual(interval.upperBound, mean + half, accuracy: 1e-9 * max(1, abs(mean)), "\(row.key)")
            government = government || row.key.funder == Funder.governmentID
        }
        XCTAssertTrue(government, "the government rows are compared too")
    }

    /// Fewer than 20 × 20 paths give no interval rather than one from batches too small for a p95.
    func testTooFewPathsGiveNoInterval() {
        XCTAssertNil(BatchMeans.p95Interval([Double](repeating: 1, count: 399)))
        XCTAssertNotNil(BatchMeans.p95Interval([Double](repeating: 1, count: 400)))
        XCTAssertNil(BatchMeans.p95DeltaInterval(base: [1, 2], reform: [1]))
    }
}
