import CoFundEngine
import CoFundModel
import XCTest

/// `cofund stress`: the worst paths of a horizon total against all paths.
final class StressTestTests: XCTestCase {
    /// Oracle: exact identities. The tail is the ⌈N · tail⌉ paths behind the reported CVaR at
    /// 1 − tail, so its mean total is that CVaR (`summary.csv`'s cvar95 and cvar99, and the sorted
    /// total's `SeriesStatistics.tailMean` at other levels), and the programs' tail payments add up
    /// to it path by path. The sums run in another order, so the tolerance is 1e-9 relative.
    func testTheTailMeanIsTheCVaRAndThePaymentsAddUpToIt() async throws {
        let s = try EngineTest.scenario(years: 3, programs: InvariantTests.mixed)
        let r = try await EngineTest.run(s, paths: 600, seed: 11)
        let values = r.keptValues
        for tail in [0.05, 0.01, 0.5] {
            for id in ["province", "city", "district", "bank", Funder.governmentID, "rd"] {
                let tests = try await StressTest.run(r, id: id, tail: tail)
                XCTAssertFalse(tests.isEmpty, id)
                for t in tests {
                    let series = try XCTUnwrap(TotalSeries.of(r, values, id: id).first { $0.funder == t.series.funder })
                    let cvar = SeriesStatistics.tailMean(series.total.sorted(), 1 - tail)
                    let tol = 1e-9 * max(abs(cvar), 1)
                    XCTAssertEqual(t.total.tailMean, cvar, accuracy: tol, "\(id) \(tail)")
                    if tail == 0.05 || tail == 0.01 {
                        let reported =
                            t.series.line.map { r.lineBudgets[$0].demand } ?? r.statistics(program: nil, funder: id, year: .total)
                        let stats = try XCTUnwrap(reported)
                        XCTAssertEqual(t.total.tailMean, tail == 0.05 ? stats.cvar95 : stats.cvar99, accuracy: tol, "\(id) \(tail)")
                        XCTAssertEqual(t.total.allMean, stats.mean, accuracy: tol, "\(id) \(tail)")
                    }
                    XCTAssertEqual(t.tailPaths.count, Int((600 * tail).rounded()), "\(id) \(tail)")
                    let onPaths = t.tailPaths.reduce(0) { $0 + series.total[$1] } / Double(t.tailPaths.count)
                    XCTAssertEqual(onPaths, cvar, accuracy: tol, "\(id) \(tail)")
                    let payments = t.rows.filter { $0.kind == .payment }.reduce(0) { $0 + $1.tailMean }
                    XCTAssertEqual(payments, cvar, accuracy: tol, "\(id) \(tail)")
                    XCTAssertTrue(t.reproduced, "\(id) \(tail)")
                }
            }
        }
    }

    /// Oracle: exact identity. A path depends only on the seed and its index, so the recording pass
    /// (another thread count and block size) gives every path's total bit for bit as the run kept
    /// it — in particular on the tail's paths — with or without a rationing budget and matches.
    func testTheRecordingPassReproducesTheKeptTotalsExactly() async throws {
        let s = try EngineTest.scenario(years: 3, programs: InvariantTests.mixed)
        let r = try await EngineTest.run(s, paths: 500, seed: 5, threads: 2, blockSize: 64)
        let values = r.keptValues
        let all = TotalSeries.all(r, values)
        var options = r.options
        options.threads = 1
        options.blockSize = 37
        let pass = try await Simulation.record(r.plan, paths: 0..<r.paths, options: options, indices: all.map(\.valueIndex))
        XCTAssertEqual(pass.records.count, 500)
        for (k, series) in all.enumerated() {
            let test = StressTest.make(r.plan, series, records: pass.records, tail: 0.05, reproduced: true)
            for i in test.tailPaths { XCTAssertEqual(pass.values[i][k].bitPattern, series.total[i].bitPattern, "\(series.id) path \(i)") }
            for i in 0..<r.paths { XCTAssertEqual(pass.values[i][k], series.total[i], "\(series.id) path \(i)") }
        }
        // A part of the paths alone: the same values for the same paths.
        let part = try await Simulation.record(r.plan, paths: 100..<140, options: options, indices: all.map(\.valueIndex))
        for i in 0..<40 { XCTAssertEqual(part.values[i], pass.values[100 + i]) }
        XCTAssertEqual(part.records, Array(pass.records[100..<140]))
    }

    /// Oracle: a closed form. A funder pays program `steady`, 10 awards of 1 a year for sure, a risk
    /// pool of 5 fixed loans a year that all default (pd 1, no recovery), each paying 0.35 × 100,
    /// and program `chance`: one claim of 1000 a year approved with a per-path approval rate
    /// a ~ U(0, 1), over one year. The total is 10 + 175 + 1000 · I with P(I = 1 | a) = a, so
    /// P(I = 1) = 1/2 and, given I = 1, a has density 2a: mean 2/3, sd √(1/18). With 2000 paths
    /// the worst 5% (100 paths) are 100 of the ≈ 1000 paths with I = 1 (ties: the first by path
    /// order, independent of a given I = 1): their counts are exactly 1 claim approved, 10 awards,
    /// 5 loans covered and defaulted, their total exactly 1185, and their mean approval rate is
    /// 2/3 within 4 SE (SE √(1/18)/√100) — its percentile too, 100 · a being a's percentile. Over
    /// all paths the mean approval is 1/2 within 4 SE (√(1/12)/√2000), the approved claims 1/2
    /// within 4 SE (1/2/√2000).
    func testTheTailOfABernoulliDriverMatchesItsClosedForm() async throws {
        let s = try EngineTest.scenario(
            funders: ["province", "bank"],
            programs: """
                  - id: steady
                    name: steady awards
                    source: test
                    kind: award
                    claims: {count: {dist: fixed, value: 10}}
                    amount: 1
                    share: {province: 1}
                  - id: chance
                    name: one big claim
                    source: test
                    kind: award
                    claims: {count: {dist: fixed, value: 1}, approval: {dist: uniform, low: 0, high: 1}}
                    amount: 1000
                    share: {province: 1}
                  - id: pool
                    name: sure defaults
                    source: test
                    kind: risk_compensation
                    loans: {count: {dist: fixed, value: 5}, principal: 100, term: 1}
                    pd: 1
                    rho: 0
                    recovery: {rate: 0, lag: 1}
                    loss_shares: {province: 0.35}
                    residual: bank
                """)
        let r = try await EngineTest.run(s, paths: 2000, seed: 3)
        let tests = try await StressTest.run(r, id: "province", tail: 0.05)
        let t = try XCTUnwrap(tests.first)
        XCTAssertEqual(t.tailPaths.count, 100)
        XCTAssertEqual(t.total.tailMean, 1185, accuracy: 1e-9)
        func row(_ program: Int, _ kind: StressTest.Kind, _ m: StressTest.Measure? = nil) throws -> StressTest.Row {
            try XCTUnwrap(
                t.rows.first { $0.program == program && $0.kind == kind && $0.measure?.rawValue == m?.rawValue },
                "\(program) \(kind) \(String(describing: m))")
        }
        XCTAssertEqual(try row(0, .count, .claimsApproved).tailMean, 10)
        XCTAssertEqual(try row(0, .count, .claimsApproved).allMean, 10)
        XCTAssertEqual(try row(1, .count, .claimsMade).tailMean, 1)
        XCTAssertEqual(try row(1, .count, .claimsApproved).tailMean, 1)
        XCTAssertEqual(try row(1, .count, .claimsApproved).allMean, 0.5, accuracy: 4 * 0.5 / 2000.0.squareRoot())
        XCTAssertEqual(try row(2, .count, .loansCovered).tailMean, 5)
        XCTAssertEqual(try row(2, .count, .loansDefaulted).tailMean, 5)
        XCTAssertEqual(try row(2, .count, .loansDefaulted).allMean, 5)
        XCTAssertEqual(try row(2, .payment).tailMean, 175, accuracy: 1e-9)
        let approval = try row(1, .parameter)
        XCTAssertEqual(approval.parameter?.name, "programs.chance.claims.approval")
        let se = (1.0 / 18).squareRoot() / 10
        XCTAssertEqual(approval.tailMean, 2.0 / 3, accuracy: 4 * se)
        XCTAssertEqual(try XCTUnwrap(approval.tailPercentile), 200.0 / 3, accuracy: 400 * se)
        XCTAssertEqual(approval.allMean, 0.5, accuracy: 4 * (1.0 / 12).squareRoot() / 2000.0.squareRoot())
    }
}
