// Speed and memory of the engine on the built-in portfolio and on one large program of each kind,
// with the floor (the random numbers and one capped lognormal payout per needed claim) measured in the
// same run, and one capped lognormal payout per claim by each recipe. Run: cd Benchmarks && swift package benchmark
import Benchmark
import Foundation
import CoFundEngine
import CoFundModel

/// The built-in Jinan portfolio.
let portfolio: SimulationPlan? = (try? ScenarioDecoder.decode(BuiltinScenario.jinanPortfolio, file: "builtin")).map(SimulationPlan.init)

/// One program of 10⁴ claims a year (the R&D subsidy's rule), or a pool of 10⁴ loans a year.
func single(_ program: String) -> SimulationPlan? {
    let text = """
        scenario: {id: bench, title: bench, unit: wan, years: [2025, 2029], seed: 1, paths: 1000}
        funders: [{id: province, name: p, level: province}, {id: city, name: c, level: city}, {id: district, name: d, level: district}, {id: bank, name: b, level: bank}]
        programs:
          - \(program)
        """
    // A fixture that no longer decodes must stop the run, not drop its benchmarks silently.
    do { return SimulationPlan(try ScenarioDecoder.decode(text, file: "bench")) } catch { fatalError("benchmark scenario does not decode: \(error)") }
}

let rateProgram = single("""
    {id: rd, name: rd, source: t, kind: rate, claims: {count: {dist: poisson, mean: 10000}, approval: 0.85},
         base: {dist: lognormal, median: 500, p90: 3000}, rate: 0.025, cap_per_claim: 250, share: {province: 0.5, city: 0.25, district: 0.25}}
    """)
let riskPool = single("""
    {id: pool, name: pool, source: t, kind: risk_compensation, loans: {count: 10000, principal: {dist: lognormal, median: 300, p90: 1500}},
         cap_per_borrower: 1000, pd: {dist: beta, mean: 0.03, sd: 0.01}, rho: 0.15, recovery: {rate: {dist: beta, mean: 0.4, sd: 0.2}, lag: 1},
         loss_shares: {province: 0.35, city: 0.35}, residual: bank}
    """)

/// Claims and loans per path of a plan, counted by the floor's draws.
func claimsPerPath(_ plan: SimulationPlan) -> Double {
    Double(RandomFloor.draw(plan, paths: 0..<200, seed: 7).claims) / 200
}

/// One capped lognormal payout per claim, min(rate · exp(μ + σZ), cap), summed over `claims` claims,
/// with the inline generator (xoshiro256++), the Swift 256-layer ziggurat and the C library's exp.
func payoutsInline(claims: Int, key: StreamKey) -> Double {
    var g = Xoshiro256(key)
    var sum = 0.0
    for _ in 0..<claims { sum += min(0.025 * exp(6.2146 + 1.3979 * Ziggurat.normal(&g)), 250) }
    return sum
}

/// The same payouts with the inline generator filling a buffer of 1,024 normals and the C claim
/// kernel (AVX2 + FMA, or its bit-identical scalar form) taking exp, cap and sum over it.
func payoutsKernel(claims: Int, key: StreamKey, vector: Bool) -> Double {
    var g = Xoshiro256(key)
    var buffer = [Double](repeating: 0, count: 1024)
    var sum = 0.0
    var left = claims
    while left > 0 {
        let n = min(left, buffer.count)
        buffer.withUnsafeMutableBufferPointer { Ziggurat.fill($0.baseAddress!, count: n, &g) }
        sum += buffer.withUnsafeBufferPointer {
            ClaimKernel.cappedLognormalSum(UnsafeBufferPointer(rebasing: $0[0..<n]), mu: 6.2146, sigma: 1.3979, rate: 0.025, cap: 250, vector: vector)
        }
        left -= n
    }
    return sum
}

let benchmarks: @Sendable () -> Void = {
    let slow = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .peakMemoryResident, .custom("claims/s", polarity: .prefersLarger, useScalingFactor: false),
                  .custom("paths/s", polarity: .prefersLarger, useScalingFactor: false)],
        warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 5)

    func engine(_ name: String, _ plan: SimulationPlan?, paths: Int, threads: Int) {
        guard let plan else { return }
        let perPath = claimsPerPath(plan)
        Benchmark(name, configuration: slow) { benchmark async in
            let clock = ContinuousClock()
            let start = clock.now
            // A benchmark's scenario draws only finite values; a numeric failure would leave no figure.
            guard let r = try? await Simulation.run(plan, options: SimulationOptions(paths: paths, seed: 20251122, threads: threads))
            else { return }
            let seconds = (clock.now - start) / .seconds(1)
            blackHole(r.statistics.count)
            benchmark.measurement(.custom("claims/s", polarity: .prefersLarger, useScalingFactor: false), Int(perPath * Double(paths) / seconds))
            benchmark.measurement(.custom("paths/s", polarity: .prefersLarger, useScalingFactor: false), Int(Double(paths) / seconds))
        }
    }

    func floor(_ name: String, _ plan: SimulationPlan?, paths: Int) {
        guard let plan else { return }
        Benchmark(name, configuration: slow) { benchmark in
            let clock = ContinuousClock()
            let start = clock.now
            let (claims, checksum) = RandomFloor.draw(plan, paths: 0..<paths, seed: 20251122)
            let seconds = (clock.now - start) / .seconds(1)
            blackHole(checksum)
            benchmark.measurement(.custom("claims/s", polarity: .prefersLarger, useScalingFactor: false), Int(Double(claims) / seconds))
            benchmark.measurement(.custom("paths/s", polarity: .prefersLarger, useScalingFactor: false), Int(Double(paths) / seconds))
        }
    }

    /// The floor, the engine on 1 thread and the engine on 2 threads back to back in each iteration,
    /// reported as the ratios of adjacent runs (×100): on a shared machine whose speed drifts from
    /// one minute to the next, the ratio of neighbours is steadier than the ratio of separate
    /// benchmarks' figures.
    func paired(_ name: String, _ plan: SimulationPlan?, paths: Int) {
        guard let plan else { return }
        let floorRatio = BenchmarkMetric.custom("engine ÷ floor ×100", polarity: .prefersSmaller, useScalingFactor: false)
        let threadRatio = BenchmarkMetric.custom("1 ÷ 2 threads ×100", polarity: .prefersLarger, useScalingFactor: false)
        let paired = Benchmark.Configuration(
            metrics: [.wallClock, floorRatio, threadRatio], warmupIterations: 0, maxDuration: .seconds(300), maxIterations: 5)
        Benchmark(name, configuration: paired) { benchmark async in
            let clock = ContinuousClock()
            func seconds(_ work: () async -> Void) async -> Double {
                let start = clock.now
                await work()
                return (clock.now - start) / .seconds(1)
            }
            let floor = await seconds { blackHole(RandomFloor.draw(plan, paths: 0..<paths, seed: 20251122).checksum) }
            var runs: [Double] = []
            for threads in [1, 2] {
                runs.append(
                    await seconds {
                        let r = try? await Simulation.run(plan, options: SimulationOptions(paths: paths, seed: 20251122, threads: threads))
                        blackHole(r?.statistics.count)
                    })
            }
            benchmark.measurement(floorRatio, Int((100 * runs[0] / floor).rounded()))
            benchmark.measurement(threadRatio, Int((100 * runs[0] / runs[1]).rounded()))
        }
    }

    func payouts(_ name: String, _ kernel: @escaping @Sendable (Int, StreamKey) -> Double) {
        Benchmark(name, configuration: slow) { benchmark in
            let claims = 20_000_000
            let clock = ContinuousClock()
            let start = clock.now
            blackHole(kernel(claims, StreamKey(seed: 20251122, path: 0, program: 1, slot: 0)))
            let seconds = (clock.now - start) / .seconds(1)
            benchmark.measurement(.custom("claims/s", polarity: .prefersLarger, useScalingFactor: false), Int(Double(claims) / seconds))
        }
    }

    payouts("capped lognormal payout, inline xoshiro256++ + Swift ziggurat", payoutsInline)
    payouts("capped lognormal payout, inline normals + scalar C kernel") { payoutsKernel(claims: $0, key: $1, vector: false) }
    payouts("capped lognormal payout, inline normals + AVX2 C kernel") { payoutsKernel(claims: $0, key: $1, vector: true) }
    engine("portfolio 10^4 paths, 1 thread", portfolio, paths: 10_000, threads: 1)
    engine("portfolio 10^4 paths, 2 threads", portfolio, paths: 10_000, threads: 2)
    floor("portfolio 10^4 paths, random-number floor", portfolio, paths: 10_000)
    paired("portfolio 10^4 paths: floor, 1 thread, 2 threads back to back", portfolio, paths: 10_000)
    engine("rate program 10^4 claims a year, 1,000 paths, 1 thread", rateProgram, paths: 1_000, threads: 1)
    floor("rate program 10^4 claims a year, random-number floor", rateProgram, paths: 1_000)
    paired("rate program 10^4 claims a year, 4,000 paths: floor, 1 thread, 2 threads back to back", rateProgram, paths: 4_000)
    engine("risk pool 10^4 loans a year, 1,000 paths, 1 thread", riskPool, paths: 1_000, threads: 1)
    floor("risk pool 10^4 loans a year, random-number floor", riskPool, paths: 1_000)
    paired("risk pool 10^4 loans a year, 4,000 paths: floor, 1 thread, 2 threads back to back", riskPool, paths: 4_000)
}
