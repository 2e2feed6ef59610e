import CGSL
import CoFundModel
import XCTest

@testable import CoFundEngine

/// `cofund run --stratify` (`LatinHypercube`): each batch a Latin hypercube of every per-path input
/// (exact), the same values on any number of threads (exact), unbiased means (the closed forms of
/// `ClosedFormMeans`) and standard errors from the batches that match the spread over seeds.
final class LatinHypercubeTests: XCTestCase {
    /// Uptake mixed per path, an uncertain approval and a pool on the shared factor: every kind of
    /// per-path input but the own factor, which `testEveryBatchIsALatinHypercubeOfEveryInput` adds.
    static let programs = """
          - {id: rd, name: rd, source: t, kind: rate, claims: {count: {dist: negative_binomial, mean: 200, dispersion: 8}, approval: {dist: beta, mean: 0.8, sd: 0.1}},
             base: {dist: lognormal, median: 80, p90: 600}, rate: 0.025, cap_per_claim: 5, share: {province: 0.5, city: 0.5}}
          - {id: pool, name: pool, source: t, kind: risk_compensation, loans: {count: 2000, principal: 1}, pd: 0.03, rho: 0.15,
             recovery: {rate: 0, lag: 0}, loss_shares: {city: 1}, residual: bank}
        """

    static func options(paths: Int, seed: UInt64 = 20251122, threads: Int = 2, blockSize: Int = 256) -> SimulationOptions {
        SimulationOptions(paths: paths, seed: seed, threads: threads, blockSize: blockSize, stratified: true)
    }

    /// Exact identity: within each of the 20 batches of m paths, every input's m uniforms fall one in
    /// each of its m strata [k/m, (k + 1)/m) — for the uncertain approval, the uptake mixing, the
    /// shared factor of each year and a pool's own factor (its score Φ⁻¹(u) recorded by the pass).
    func testEveryBatchIsALatinHypercubeOfEveryInput() async throws {
        let own = """
              - {id: own, name: own, source: t, kind: risk_compensation, loans: {count: 500, principal: 1}, pd: 0.02, rho: 0.2,
                 factor: own, recovery: {rate: 0, lag: 0}, loss_shares: {city: 1}, residual: bank}
            """
        let s = try EngineTest.scenario(years: 2, programs: Self.programs + "\n" + own)
        let plan = SimulationPlan(s)
        let n = 1010  // batches of 50 and 51 paths
        let pass = try await Simulation.shifted(plan, paths: 0..<n, options: Self.options(paths: n), shift: [:], recordScores: true, indices: [0])
        let inputs = try XCTUnwrap(pass.scores.first).map(\.input)
        XCTAssertTrue(inputs.contains(.mixing(program: 0)) && inputs.contains(.parameter(program: 0, slot: 0)), "\(inputs)")
        XCTAssertTrue(inputs.contains { if case .ownFactor = $0 { true } else { false } }, "\(inputs)")
        XCTAssertTrue(inputs.contains { if case .sharedFactor = $0 { true } else { false } }, "\(inputs)")
        for (d, input) in inputs.enumerated() {
            for k in 0..<BatchMeans.batches {
                let range = BatchMeans.batch(k, of: n)
                let m = Double(range.count)
                let strata = range.map { Int((m * gsl_cdf_ugaussian_P(pass.scores[$0][d].score)).rounded(.down)) }.sorted()
                XCTAssertEqual(strata, Array(0..<range.count), "\(input), batch \(k)")
            }
        }
    }

    /// Exact identity: a stratified run's every value is the same on 1 thread with blocks of 7 paths
    /// as on 2 threads with blocks of 256, and differs from the plain run's (the inputs moved).
    func testAStratifiedRunIsTheSameOnAnyNumberOfThreads() async throws {
        let plan = SimulationPlan(try EngineTest.scenario(years: 2, programs: Self.programs))
        let one = try await Simulation.run(plan, options: Self.options(paths: 600, threads: 1, blockSize: 7))
        let two = try await Simulation.run(plan, options: Self.options(paths: 600, threads: 2, blockSize: 256))
        guard case let .paths(a) = one.kept, case let .paths(b) = two.kept else { return XCTFail("paths not kept") }
        XCTAssertTrue(a.series == b.series, "the values differ between thread counts")
        XCTAssertTrue(one.statistics == two.statistics, "the statistics differ between thread counts")
        let plain = try await EngineTest.run(plan.scenario, paths: 600)
        guard case let .paths(c) = plain.kept else { return XCTFail("paths not kept") }
        XCTAssertTrue(a.series != c.series, "the stratified run drew what the plain run drew")
    }

    /// Oracle: the closed-form means (`ClosedFormMeans`, VALIDATION.md); tolerance the self-check's
    /// bound for 19 degrees of freedom (`SelfCheck.stratifiedTolerance`, the false-alarm rate of 4
    /// normal standard errors). Then, over 12 seeds, the spread of the government total's mean is the
    /// standard error the runs report from their batches (their ratio within 0.55–1.8: the sd of 12
    /// draws is within about ±40% at 2 standard errors), and it is under a third of the plain runs'
    /// spread (more than 9 times fewer paths for the same precision).
    func testStratifiedMeansAreUnbiasedWithStandardErrorsFromTheirBatches() async throws {
        let s = try EngineTest.scenario(years: 2, programs: Self.programs)
        let plan = SimulationPlan(s)
        let r = try await Simulation.run(plan, options: Self.options(paths: 4000))
        let check = SelfCheck(r)
        XCTAssertEqual(check.tolerance, SelfCheck.stratifiedTolerance)
        // mpmath: Student's t with 19 degrees of freedom, upper tail Q(4) = 3.167·10⁻⁵.
        XCTAssertEqual(SelfCheck.stratifiedTolerance, 5.10196077126952, accuracy: 1e-9)
        XCTAssertGreaterThan(check.rows.filter { $0.z != nil }.count, 10)
        for row in check.failures { XCTFail("series \(plan.layout.series[row.series]) z = \(row.z ?? 0)") }
        let index = try XCTUnwrap(plan.layout.index(program: nil, funder: Funder.governmentID, year: .total))
        var stratified: [Double] = [], reported: [Double] = [], plain: [Double] = []
        for seed in 1...12 {
            let a = try await Simulation.run(plan, options: Self.options(paths: 2000, seed: UInt64(seed)))
            stratified.append(a.statistics[index].mean)
            reported.append(a.statistics[index].se)
            let b = try await Simulation.run(plan, options: SimulationOptions(paths: 2000, seed: UInt64(seed), threads: 2))
            plain.append(b.statistics[index].mean)
        }
        let spread = EngineTest.moments(stratified).variance.squareRoot()
        let se = reported.reduce(0, +) / Double(reported.count)
        XCTAssertGreaterThan(spread / se, 0.55)
        XCTAssertLessThan(spread / se, 1.8)
        XCTAssertLessThan(spread, EngineTest.moments(plain).variance.squareRoot() / 3)
    }

    /// Exact identity: a stratified run's standard errors are the batch means' — a series' mean's
    /// and a budget's chance of overrun's — and a plain run's are sd/√N and the binomial one.
    func testStandardErrorsComeFromTheBatchesOnlyWhenStratified() async throws {
        let lines = """
              - {id: l, name: l, funder: city, programs: [rd], amount: 100}
            """
        let s = try EngineTest.scenario(years: 2, programs: Self.programs, lines: lines)
        let plan = SimulationPlan(s)
        for stratified in [false, true] {
            let r = try await Simulation.run(
                plan, options: SimulationOptions(paths: 1000, seed: 5, threads: 2, stratified: stratified))
            guard case let .paths(v) = r.kept else { return XCTFail("paths not kept") }
            for (i, x) in v.series.enumerated() where i < plan.layout.series.count {
                let plainSE = SeriesStatistics(x).se
                XCTAssertEqual(r.statistics[i].se, stratified ? try XCTUnwrap(BatchMeans.standardError(x[...])) : plainSE)
            }
            let controls = BudgetControl.all(r, ClosedFormMeans(plan: plan))
            let demand = v.series[plan.budgetRows.demand(cell: 0)]
            let over = demand.map { $0 > plan.budgetCells[0].amount ? 1.0 : 0 }
            let p = r.budgets[0].probabilityOver
            XCTAssertGreaterThan(p, 0.05)
            XCTAssertLessThan(p, 0.95)
            XCTAssertEqual(controls.cells[0].se, stratified ? try XCTUnwrap(BatchMeans.standardError(over[...])) : (p * (1 - p) / 1000).squareRoot())
        }
    }
}
