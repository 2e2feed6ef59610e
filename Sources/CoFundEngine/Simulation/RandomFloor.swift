/// The random numbers a run draws, drawn alone: the same generators, streams and samplers as the
/// engine — parameters, factors, uptake mixing, counts, per-claim bases and approvals, component uses, matching
/// uniforms, loan principals, default uniforms and the recovery rates of the loans that default — with no
/// payout, split, settlement or statistics. The engine cannot be faster than this floor; the
/// benchmarks report the engine's time as a multiple of it.
public enum RandomFloor {
    /// Draws the random numbers of paths `range`; returns the claims and loans drawn and a checksum
    /// (which keeps the draws from being optimised away).
    public static func draw(_ plan: SimulationPlan, paths range: Range<Int>, seed: UInt64) -> (claims: Int, checksum: Double) {
        let r = RandomStream()
        let child = RandomStream()
        var claims = 0
        var sum = 0.0
        for path in range {
            let path = UInt64(path)
            for p in plan.programs {
                for (slot, sampler) in p.versions[0].parameterSamplers.enumerated() {
                    guard let sampler else { continue }
                    r.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.parameterSlotBase + UInt64(slot)))
                    sum += sampler.quantile(r.uniformOpen())
                }
            }
            if plan.usesSharedFactor {
                for t in 0..<plan.span {
                    r.reseed(StreamKey(seed: seed, path: path, program: StreamKey.sharedFactor, slot: StreamKey.year(t - plan.history)))
                    sum += r.gaussian()
                }
            }
            for p in plan.programs where p.parent == nil {
                guard let count = p.count else { continue }
                if p.ownFactor {
                    for t in 0..<plan.span {
                        r.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.ownFactor(year: t - plan.history)))
                        sum += r.gaussian()
                    }
                }
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
                    r.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.uptakeMixingSlot))
                    mixing = count.pathMixing(r.uniformOpen())
                }
                for t in p.activeYears {
                    let slot = StreamKey.year(t - plan.history)
                    r.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: slot))
                    for c in p.children { child.reseed(StreamKey(seed: seed, path: path, program: plan.programs[c].key, slot: slot)) }
                    let u1 = r.uniformOpen(), u2 = r.uniformOpen()
                    let mean = count.count.mean(inProgramYear: t - p.growthAnchor)
                    let n = count.draw(mean: mean, u1: u1, u2: u2, pathMixing: mixing) ?? 0
                    claims += n
                    switch p.slots {
                    case .rate, .award:
                        for _ in 0..<n {
                            let u = r.uniform()
                            if terms.componentBases.isEmpty {
                                if let amount = terms.amount {
                                    sum += amount.draw(r)
                                } else {
                                    sum += r.uniform(); sum += terms.tiers[0].sampler.draw(r)
                                }
                            } else {
                                for b in terms.componentBases { sum += r.uniform() + b.draw(r) }
                            }
                            if u < approval { for _ in p.children { sum += child.uniform() } }
                        }
                    case .risk, .interest:
                        for _ in 0..<n {
                            sum += terms.amount?.draw(r) ?? 0
                            if p.segmentCount > 1 { sum += r.uniform() }
                            let uDefault = r.uniformOpen(), uRecovery = r.uniformOpen()
                            if uDefault < pd, let rate = terms.recoveryRate { sum += rate.quantile(uRecovery) }
                        }
                    case .matching:
                        break
                    }
                }
            }
        }
        return (claims, sum)
    }
}
