/// The least a run can cost on this hardware: the random numbers the model needs, and one capped
/// lognormal payout per claim, with no split, settlement, matching or statistics.
///
/// For every path it draws what the engine draws — parameters, factors, uptake mixing, each year's
/// approved count (approval by thinning) — then, for a rate or award program, one capped lognormal
/// payout per approved claim from inline normals through the claim kernel
/// (`ClaimKernel.cappedLognormalSum`, whatever the program's own base: the cheapest payout a claim can
/// have; for claims with components, one per component and claim, and the uniform that decides the
/// component's use), and for a risk program the defaulted count and each defaulted loan's year,
/// principal and recovery rate. The engine cannot be faster than this; the benchmarks report its
/// time as a multiple of it, measured in the same run.
public enum RandomFloor {
    /// Draws the random numbers of paths `range`; returns the claims and loans drawn and a checksum
    /// (which keeps the draws from being optimised away).
    public static func draw(_ plan: SimulationPlan, paths range: Range<Int>, seed: UInt64) -> (claims: Int, checksum: Double) {
        let normals = UnsafeMutablePointer<Double>.allocate(capacity: PathSimulator.chunk)
        defer { normals.deallocate() }
        var claims = 0
        var sum = 0.0
        for path in range {
            let path = UInt64(path)
            for p in plan.programs {
                for (slot, sampler) in p.versions[0].parameterSamplers.enumerated() {
                    guard let sampler else { continue }
                    var g = Xoshiro256(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.parameterSlotBase + UInt64(slot)))
                    sum += sampler.quantile(g.uniformOpen())
                }
            }
            if plan.usesSharedFactor {
                for t in 0..<plan.span {
                    var g = Xoshiro256(StreamKey(seed: seed, path: path, program: StreamKey.sharedFactor, slot: StreamKey.year(t - plan.history)))
                    sum += Ziggurat.normal(&g)
                }
            }
            for p in plan.programs where p.parent == nil {
                guard let count = p.count else { continue }
                // The program's own terms (version 0) stand for every version.
                let terms = p.versions[0]
                var approval = 1.0, pd = 0.0
                switch p.slots {
                case let .rate(a, _, _, _, _, _), let .award(a): approval = terms.parameters[a].central
                case let .risk(_, _, segmentPD, _): pd = terms.parameters[segmentPD[0]].central
                case let .interest(slot, _, _, _, _, _): pd = terms.parameters[slot].central
                case .matching: break
                }
                var mixing = 1.0
                if count.mixesPerPath {
                    var g = Xoshiro256(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.uptakeMixingSlot))
                    mixing = count.pathMixing(g.uniformOpen())
                }
                for t in p.drawnYears {
                    var g = Xoshiro256(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.year(t - plan.history)))
                    let mean = count.count.mean(inProgramYear: t - p.growthAnchor)
                    let n = count.draw(mean: mean, approval: approval, pathMixing: mixing, countRefused: false, &g)?.approved ?? 0
                    claims += n
                    switch p.slots {
                    case .rate, .award:
                        // A claim of a program with components needs each component's base and use.
                        var components = 0
                        if case let .rate(_, _, _, _, _, c) = p.slots { components = c.count }
                        for _ in 0..<max(1, components) {
                            var left = n
                            while left > 0 {
                                let m = min(left, PathSimulator.chunk)
                                Ziggurat.fill(normals, count: m, &g)
                                sum += ClaimKernel.cappedLognormalSum(
                                    UnsafeBufferPointer(start: normals, count: m), mu: 5, sigma: 1, rate: 0.1, cap: 500)
                                left -= m
                            }
                        }
                        for _ in 0..<(components * n) { sum += g.uniform() }
                    case .risk:
                        let q = 1 - pow1p(-pd, p.loanTerm)
                        let d = DiscreteQuantile.binomial(g.uniformOpen(), trials: n, probability: q)
                        for _ in 0..<d {
                            sum += g.uniformOpen() + (terms.amount?.draw(&g) ?? 0)
                            let u = g.uniformOpen()
                            sum += terms.recoveryTable?.quantile(u) ?? terms.recoveryRate?.quantile(u) ?? 0
                        }
                    case .interest:
                        for _ in 0..<n { sum += (terms.amount?.draw(&g) ?? 0) + g.uniformOpen() }
                    case .matching:
                        break
                    }
                }
            }
        }
        return (claims, sum)
    }

    /// (1 + x)ⁿ for a small loan term n.
    private static func pow1p(_ x: Double, _ n: Int) -> Double {
        var r = 1.0
        for _ in 0..<n { r *= 1 + x }
        return r
    }
}
