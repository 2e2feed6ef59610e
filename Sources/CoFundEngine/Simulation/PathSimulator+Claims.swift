import CKernels
import CoFundModel

extension PathSimulator {
    /// The claims of a rate or award program, year by year from the stream (path, program, year):
    /// the year's approved count (`CountSampler`, approval by thinning), then the approved claims'
    /// amounts, a chunk at a time (`Sampler.fill`, the lognormal's exponentials in the claim kernel),
    /// each paid and passed to the matches as it is folded into the year's total.
    func simulateClaims(_ p: ProgramPlan, path: UInt64, seed: UInt64) {
        let params = scratch.params + scratch.paramBase[p.index]
        let raw = scratch.raw + p.index * plan.span
        let lag = p.program.paymentLag
        let (cs, cc) = (linkStart[p.index], linkCount[p.index])
        let mixing = uptakeMixing(p, path: path, seed: seed)
        for t in p.drawnYears {
            var g = Xoshiro256(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.year(t - plan.history)))
            if cc > 0 { reseedChildren(of: p, path: path, seed: seed, year: t) }
            // The terms of the year's claims: its version, chosen once for the year.
            let k = p.versionOfYear[t]
            let version = p.versions[k]
            let v = params + k * p.slotCount
            var total = 0.0
            var approved = 0
            var made = 0
            // A root with one match hands it the first `matched` claims of the year (`matchedCount`).
            let single = cc == 1
            var matched = 0
            switch p.slots {
            case let .rate(approval, rate, floor, cap, minBase, components):
                let terms = RateTerms(rate: v[rate], brackets: version.brackets, floor: v[floor], cap: v[cap], minBase: v[minBase])
                let n = yearCount(p, &g, t, approval: v[approval], mixing: mixing, path: path)
                made = n.made
                if !components.isEmpty {
                    total += componentClaims(
                        p, version, components, n: n.approved, floor: v[floor], cap: v[cap], g: &g, v: v, year: t, approved: &approved)
                    break
                }
                if single { matched = matchedCount(link: cs, claims: n.approved, claimYear: t) }
                guard let base = version.amount else { break }
                approved = n.approved
                if single { matched = matchedCount(link: cs, claims: n.approved, claimYear: t) }
                // A lognormal base at a flat rate: the claim kernel pays a chunk from its normals.
                let kernel = version.brackets.isEmpty ? base.lognormal : nil
                var left = n.approved
                while left > 0 {
                    let m = min(left, Self.chunk)
                    if let kernel {
                        Ziggurat.fill(normals, count: m, &g)
                        cofund_rate_payouts(
                            normals, bases, m, kernel.mu, kernel.sigma, terms.rate, terms.limits.floor, terms.limits.cap, terms.minBase, 1)
                    } else {
                        base.fill(bases, count: m, normals: normals, &g)
                        for i in 0..<m { bases[i] = terms.payout(base: bases[i]) }
                    }
                    total += passChunk(m, single: single, matched: &matched, links: cs, cc, payYear: t + lag, claimYear: t)
                    left -= m
                }
            case let .award(approval):
                let n = yearCount(p, &g, t, approval: v[approval], mixing: mixing, path: path)
                (made, approved) = (n.made, n.approved)
                if single { matched = matchedCount(link: cs, claims: n.approved, claimYear: t) }
                if let amount = version.amount {
                    var left = n.approved
                    while left > 0 {
                        let m = min(left, Self.chunk)
                        amount.fill(bases, count: m, normals: normals, &g)
                        total += passChunk(m, single: single, matched: &matched, links: cs, cc, payYear: t + lag, claimYear: t)
                        left -= m
                    }
                } else {
                    for _ in 0..<n.approved {
                        let w = g.uniform()
                        let tier = version.tiers.first { w < $0.cumulative } ?? version.tiers[version.tiers.count - 1]
                        let x = tier.sampler.draw(&g)
                        total += x
                        pass(x, single: single, matched: &matched, links: cs, cc, payYear: t + lag, claimYear: t)
                    }
                }
            default:
                break
            }
            if !replaying { raw[t] += total }
            if let recorder, !replaying, recorder.horizon.contains(t) {
                recorder.record.made[p.index] += made
                recorder.record.approved[p.index] += approved
            }
        }
    }

    /// The payouts of a chunk's m claims, in `bases`: the claims the matches follow are passed to them
    /// one by one (the first `matched` to a root's only match, or every claim to each of several
    /// matches), the rest summed with `sum`. Returns their total.
    @inline(__always)
    func passChunk(_ m: Int, single: Bool, matched: inout Int, links start: Int, _ count: Int, payYear: Int, claimYear t: Int) -> Double {
        let followed = count == 0 ? 0 : (single ? min(m, matched) : m)
        var total = 0.0
        for i in 0..<followed {
            let x = bases[i]
            total += x
            pass(x, single: single, matched: &matched, links: start, count, payYear: payYear, claimYear: t)
        }
        return total + Self.sum(bases + followed, m - followed)
    }

    /// x[0] + … + x[n − 1] in four interleaved partial sums, combined as (s0 + s1) + (s2 + s3), then
    /// the last n mod 4 in order: the claims of a chunk that no match follows.
    @inline(__always)
    static func sum(_ x: UnsafeMutablePointer<Double>, _ n: Int) -> Double {
        var (s0, s1, s2, s3) = (0.0, 0.0, 0.0, 0.0)
        var i = 0
        while i + 4 <= n {
            s0 += x[i]
            s1 += x[i + 1]
            s2 += x[i + 2]
            s3 += x[i + 3]
            i += 4
        }
        var total = (s0 + s1) + (s2 + s3)
        while i < n {
            total += x[i]
            i += 1
        }
        return total
    }

    /// The approved claims of a rate program with components, a chunk at a time: each component draws
    /// its bases for the chunk's claims (`Sampler.fill`) and then its use on each claim (so that the
    /// streams stay aligned whatever the parameters); the used ones pay min(rate × base, cap), and the
    /// claimant is paid min(max(sum or max, floor), cap). A claim that no component pays is not
    /// counted as approved, and is not passed to the matches.
    private func componentClaims(
        _ p: ProgramPlan, _ version: ProgramTerms, _ components: [ComponentSlots], n: Int, floor: Double, cap: Double,
        g: inout Xoshiro256, v: UnsafeMutablePointer<Double>, year t: Int, approved: inout Int
    ) -> Double {
        let (cs, cc) = (linkStart[p.index], linkCount[p.index])
        let lag = p.program.paymentLag
        let limits = ClaimLimits(floor: floor, cap: cap)
        let combined = combinedBuffer
        var total = 0.0
        var left = n
        while left > 0 {
            let m = min(left, Self.chunk)
            combined.update(repeating: 0, count: m)
            for (k, c) in components.enumerated() {
                version.componentBases[k].fill(bases, count: m, normals: normals, &g)
                let terms = ComponentTerms(rate: v[c.rate], cap: v[c.cap], minBase: v[c.minBase])
                let probability = v[c.probability]
                // The payout is computed for every claim and the use selects it, without a branch on
                // the use, which is as likely one way as the other.
                if version.combineMax {
                    for i in 0..<m {
                        let paid = terms.payout(base: bases[i])
                        combined[i] = max(combined[i], g.uniform() < probability ? paid : 0)
                    }
                } else {
                    for i in 0..<m {
                        let paid = terms.payout(base: bases[i])
                        combined[i] += g.uniform() < probability ? paid : 0
                    }
                }
            }
            for i in 0..<m where combined[i] > 0 {
                approved += 1
                let x = limits.apply(combined[i]).payout
                total += x
                if cc > 0 { feed(cs, cc, amount: x, payYear: t + lag, claimYear: t) }
            }
            left -= m
        }
        return total
    }
}
