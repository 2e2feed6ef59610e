import CGSL
import CoFundModel
import Foundation

/// Simulates paths one at a time for one worker, with buffers reused from path to path.
///
/// - Complexity: O(claims + loans × term) per path; memory O(programs × funders × years),
///   independent of the number of claims and of paths. Claims are drawn and folded, never stored.
final class PathSimulator {
    let plan: SimulationPlan
    /// One generator per program (a match draws while its parent draws) and one for parameters
    /// and factors.
    private let streams: [RandomStream]
    private let rngs: UnsafeMutablePointer<UnsafeMutablePointer<gsl_rng>>
    private let aux = RandomStream()
    let scratch: PathScratch
    /// The matches of every program, program p's at `linkStart[p] ..< linkStart[p] + linkCount[p]`.
    private let links: UnsafeMutablePointer<MatchLink>
    private let linkStart: [Int]
    private let linkCount: [Int]
    /// Payments of each program funder by event year, after lags and rationing.
    var amounts: [[[Double]]]
    /// Gross and recovered payments of each funder of a risk program by event year (empty for
    /// other programs); `amounts` holds their sum.
    var compensation: [[[FunderFlows]]]
    private var sharedZ: [Double]
    private var factorZ: [Double]
    /// Conditional default probabilities of the loan program being drawn, `[segment · span + year]`.
    private var pds: [Double] = []
    /// Each budget cell's pro-rata factor on the current path (1 when the year fits).
    var lineFactor: [Double]
    /// Whether the claim loops are drawing a program's claims again only to feed its matches.
    private var replaying = false
    /// Each parameter held at a fixed quantile instead of drawn: (program, slot) → u.
    var heldParameters: [ParameterRef: Double] = [:]
    /// The seed and path being simulated, for drawing matches again.
    private var pathSeed: (seed: UInt64, path: UInt64) = (0, 0)
    /// The first value found that is not a finite number; the worker stops at it.
    var failure: NumericFailure?

    init(plan: SimulationPlan) {
        self.plan = plan
        streams = plan.programs.map { _ in RandomStream() }
        rngs = .allocate(capacity: max(streams.count, 1))
        for (i, s) in streams.enumerated() { (rngs + i).initialize(to: s.rng) }
        scratch = PathScratch(plan: plan)
        let e = plan.span
        amounts = plan.programs.map { p in p.funderIDs.map { _ in [Double](repeating: 0, count: e) } }
        compensation = plan.programs.map { p in p.residual == nil ? [] : p.funderIDs.map { _ in [FunderFlows](repeating: .zero, count: e) } }
        sharedZ = [Double](repeating: 0, count: e)
        factorZ = [Double](repeating: 0, count: e)
        lineFactor = [Double](repeating: 1, count: plan.budgetCells.count)
        var all: [MatchLink] = []
        var starts: [Int] = [], counts: [Int] = []
        for p in plan.programs {
            starts.append(all.count)
            counts.append(p.children.count)
            for c in p.children {
                let child = plan.programs[c]
                guard case let .matching(ratio, fraction, cap) = child.slots else { continue }
                all.append(
                    MatchLink(
                        program: c, parent: p.index, paramBase: scratch.paramBase[c], ratio: ratio, fraction: fraction, cap: cap,
                        ofFraction: child.ofFraction, lag: child.program.paymentLag,
                        forceFirst: child.forceFirst, forceLast: child.forceLast, childStart: 0, childCount: 0))
            }
        }
        for i in all.indices {
            all[i].childStart = starts[all[i].program]
            all[i].childCount = counts[all[i].program]
        }
        links = .allocate(capacity: max(all.count, 1))
        links.initialize(from: all, count: all.count)
        linkStart = starts
        linkCount = counts
    }

    deinit {
        rngs.deallocate()
        links.deallocate()
    }

    /// Simulates path `path` and adds its values into `out` (length `plan.valueCount`, zeroed by
    /// the caller).
    func simulate(path: Int, seed: UInt64, into out: UnsafeMutablePointer<Double>) {
        let e = plan.span
        let path = UInt64(path)
        drawParameters(path: path, seed: seed)
        if plan.usesSharedFactor {
            // One stream per calendar year, so that a year's factor does not depend on the year
            // claims are simulated from.
            for t in 0..<e {
                aux.reseed(StreamKey(seed: seed, path: path, program: StreamKey.sharedFactor, slot: StreamKey.year(t - plan.history)))
                sharedZ[t] = aux.gaussian()
            }
        }
        scratch.clear()
        pathSeed = (seed, path)
        for p in plan.programs where p.parent == nil { simulateRoot(p, path: path, seed: seed) }
        settle(into: out)
        plan.layout.completeFlows(out)
    }

    private func simulateRoot(_ p: ProgramPlan, path: UInt64, seed: UInt64) {
        switch p.slots {
        case .rate, .award: simulateClaims(p, path: path, seed: seed)
        case .risk, .interest: simulateLoans(p, path: path, seed: seed)
        case .matching: break
        }
    }

    /// Draws the matches of the programs `parents` again, from the same streams, now that what each
    /// parent actually pays is known: their trees' matches are cleared and every claim of their
    /// roots is followed to its matches again (the roots' own amounts are left as they are).
    func replayMatches(of parents: [Int]) {
        var roots: [Int] = []
        for p in parents where !roots.contains(plan.rootOfProgram[p]) { roots.append(plan.rootOfProgram[p]) }
        let span = plan.span
        replaying = true
        defer { replaying = false }
        for r in roots {
            for c in plan.descendants[r] { (scratch.raw + c * span).update(repeating: 0, count: span) }
            simulateRoot(plan.programs[r], path: pathSeed.path, seed: pathSeed.seed)
        }
    }

    // MARK: - Parameters

    private func drawParameters(path: UInt64, seed: UInt64) {
        for p in plan.programs {
            let base = scratch.paramBase[p.index]
            for (slot, sampler) in p.parameterSamplers.enumerated() {
                guard let sampler else {
                    if case let .value(v) = p.parameters[slot] { scratch.params[base + slot] = v }
                    continue
                }
                let u: Double
                if let held = heldParameters[ParameterRef(program: p.index, slot: slot)] {
                    u = held
                } else {
                    aux.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.parameterSlotBase + UInt64(slot)))
                    u = aux.uniformOpen()
                }
                let value = sampler.quantile(u)
                checkParameter(value, program: p, slot: slot, path: path)
                scratch.params[base + slot] = value
            }
        }
    }

    // MARK: - Claims

    /// Positions the streams of `p`'s matching descendants at (path, descendant, event year t).
    private func reseedChildren(of p: ProgramPlan, path: UInt64, seed: UInt64, year t: Int) {
        for c in p.children {
            let child = plan.programs[c]
            streams[c].reseed(StreamKey(seed: seed, path: path, program: child.key, slot: StreamKey.year(t - plan.history)))
            reseedChildren(of: child, path: path, seed: seed, year: t)
        }
    }

    /// Passes one claim, of which the parent pays x before rationing in year `payYear`, to the
    /// matches `links[start ..< start + count]`: each follows what the parent actually paid.
    @inline(__always)
    private func feed(_ start: Int, _ count: Int, amount x: Double, payYear: Int) {
        let params = scratch.params
        let raw = scratch.raw
        let span = plan.span
        for i in start..<(start + count) {
            let l = links[i]
            let u = gsl_rng_uniform(rngs[l.program])
            // The uniform is drawn whether or not the match is in force, so that its streams keep
            // their place.
            guard u < params[l.paramBase + l.fraction], payYear < span, payYear >= l.forceFirst, payYear <= l.forceLast else { continue }
            let paid = x * scratch.paidFactor[l.parent * span + payYear]
            let m = MatchTerms(ratio: params[l.paramBase + l.ratio], cap: params[l.paramBase + l.cap])
                .work(parentPayout: paid, matchedShare: l.ofFraction).payout
            guard m > 0, payYear < span else { continue }
            raw[l.program * span + payYear] += m
            if l.childCount > 0 { feed(l.childStart, l.childCount, amount: m, payYear: payYear + l.lag) }
        }
    }

    /// The path's uptake mixing variable of `p` (1 unless its count is mixed per path), from its
    /// own stream so that every other draw keeps its place.
    private func uptakeMixing(_ p: ProgramPlan, path: UInt64, seed: UInt64) -> Double {
        guard let count = p.count, count.mixesPerPath else { return 1 }
        aux.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.uptakeMixingSlot))
        return count.pathMixing(aux.uniformOpen())
    }

    /// The count of event year `t`, whose mean is the count's in the program's year
    /// `t − growthAnchor` (negative before the anchor); `mixing` is the path's uptake mixing variable.
    private func yearCount(_ p: ProgramPlan, _ r: RandomStream, _ t: Int, mixing: Double, path: UInt64) -> Int {
        guard let count = p.count else { return 0 }
        let u1 = r.uniformOpen()
        let u2 = r.uniformOpen()
        let mean = count.count.mean(inProgramYear: t - p.growthAnchor)
        guard let n = count.draw(mean: mean, u1: u1, u2: u2, pathMixing: mixing) else {
            if failure == nil { failure = NumericFailure(program: p.program.id, field: p.countField, path: Int(path), value: .nan) }
            return 0
        }
        return n
    }

    private func simulateClaims(_ p: ProgramPlan, path: UInt64, seed: UInt64) {
        let r = streams[p.index]
        let v = scratch.params + scratch.paramBase[p.index]
        let raw = scratch.raw + p.index * plan.span
        let lag = p.program.paymentLag
        let (cs, cc) = (linkStart[p.index], linkCount[p.index])
        let mixing = uptakeMixing(p, path: path, seed: seed)
        for t in p.activeYears {
            r.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.year(t - plan.history)))
            if cc > 0 { reseedChildren(of: p, path: path, seed: seed, year: t) }
            let n = yearCount(p, r, t, mixing: mixing, path: path)
            var total = 0.0
            switch p.slots {
            case let .rate(approval, rate, floor, cap, minBase, components):
                let terms = RateTerms(rate: v[rate], brackets: p.brackets, floor: v[floor], cap: v[cap], minBase: v[minBase])
                let a = v[approval]
                if !components.isEmpty {
                    total += componentClaims(p, components, n: n, approval: a, floor: v[floor], cap: v[cap], r: r, v: v, year: t)
                    break
                }
                guard let base = p.amount else { break }
                for _ in 0..<n {
                    let u = r.uniform()
                    let b = base.draw(r)
                    guard u < a else { continue }
                    let x = terms.payout(base: b)
                    total += x
                    if cc > 0, x > 0 { feed(cs, cc, amount: x, payYear: t + lag) }
                }
            case let .award(approval):
                let a = v[approval]
                for _ in 0..<n {
                    let u = r.uniform()
                    let x: Double
                    if let amount = p.amount {
                        x = amount.draw(r)
                    } else {
                        let w = r.uniform()
                        let tier = p.tiers.first { w < $0.cumulative } ?? p.tiers[p.tiers.count - 1]
                        x = tier.sampler.draw(r)
                    }
                    guard u < a else { continue }
                    total += x
                    if cc > 0, x > 0 { feed(cs, cc, amount: x, payYear: t + lag) }
                }
            default:
                break
            }
            if !replaying { raw[t] += total }
        }
    }

    /// Claims of a rate program with components: each component draws its use and its base on
    /// every claim (so that the streams stay aligned whatever the parameters), the used ones pay
    /// min(rate × base, cap), and the claimant is paid min(max(sum or max, floor), cap).
    private func componentClaims(
        _ p: ProgramPlan, _ components: [ComponentSlots], n: Int, approval a: Double, floor: Double, cap: Double,
        r: RandomStream, v: UnsafeMutablePointer<Double>, year t: Int
    ) -> Double {
        let (cs, cc) = (linkStart[p.index], linkCount[p.index])
        let lag = p.program.paymentLag
        let limits = ClaimLimits(floor: floor, cap: cap)
        var total = 0.0
        for _ in 0..<n {
            let u = r.uniform()
            var combined = 0.0
            for (k, c) in components.enumerated() {
                let use = r.uniform()
                let b = p.componentBases[k].draw(r)
                guard use < v[c.probability] else { continue }
                let x = ComponentTerms(rate: v[c.rate], cap: v[c.cap], minBase: v[c.minBase]).payout(base: b)
                combined = p.combineMax ? max(combined, x) : combined + x
            }
            guard u < a, combined > 0 else { continue }
            let x = limits.apply(combined).payout
            total += x
            if cc > 0 { feed(cs, cc, amount: x, payYear: t + lag) }
        }
        return total
    }

    // MARK: - Loans

    private func simulateLoans(_ p: ProgramPlan, path: UInt64, seed: UInt64) {
        let r = streams[p.index]
        let v = scratch.params + scratch.paramBase[p.index]
        let span = plan.span
        let raw = scratch.raw + p.index * span
        let term = p.loanTerm
        let segments = p.segmentCumulative.count
        // The year's systematic factor: the scenario's, or the program's own.
        if p.ownFactor {
            for t in 0..<span {
                aux.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.ownFactor(year: t - plan.history)))
                factorZ[t] = aux.gaussian()
            }
        } else {
            for t in 0..<span { factorZ[t] = sharedZ[t] }
        }
        // Conditional default probability per segment and year: pds[s · span + t].
        pds.removeAll(keepingCapacity: true)
        var interest: InterestSubsidyTerms?
        var compensation: CompensationTerms?
        switch p.slots {
        case let .risk(rho, capSlot, segmentPD, _):
            compensation = CompensationTerms(cap: v[capSlot], term: term, repayment: p.repayment)
            for slot in segmentPD { for t in 0..<span { pds.append(Vasicek.conditionalPD(pd: v[slot], rho: v[rho], z: factorZ[t])) } }
        case let .interest(pd, rho, rate, fee, fraction, capSlot):
            interest = InterestSubsidyTerms(
                interestRate: v[rate], feeRate: v[fee], fraction: v[fraction], cap: v[capSlot], term: term, repayment: p.repayment)
            for t in 0..<span { pds.append(Vasicek.conditionalPD(pd: v[pd], rho: v[rho], z: factorZ[t])) }
        default:
            return
        }
        guard let principalSampler = p.amount else { return }
        let recoverySampler = p.recoveryRate
        let recoveryLag = p.recoveryLag
        let rows = scratch.flowRows(p.index)  // written by risk programs only
        let segmentStride = CompensationRow.count * span
        let lag = p.program.paymentLag
        let (cs, cc) = (linkStart[p.index], linkCount[p.index])
        let mixing = uptakeMixing(p, path: path, seed: seed)
        for t in p.activeYears {
            r.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.year(t - plan.history)))
            if cc > 0 { reseedChildren(of: p, path: path, seed: seed, year: t) }
            let n = yearCount(p, r, t, mixing: mixing, path: path)
            for _ in 0..<n {
                let principal = principalSampler.draw(r)
                var seg = 0
                if segments > 1 {
                    let w = r.uniform()
                    while seg < segments - 1, w >= p.segmentCumulative[seg] { seg += 1 }
                }
                let uDefault = r.uniformOpen()
                let uRecovery = r.uniformOpen()
                // The loan defaults in the first year its cumulative default probability exceeds
                // uDefault: one uniform per loan, so a higher pd never delays a default.
                var survival = 1.0
                var defaultYear = -1
                for j in 0..<term {
                    let year = t + j
                    survival *= 1 - pds[seg * span + year]
                    if 1 - survival > uDefault { defaultYear = year; break }
                    if let interest {
                        let x = interest.work(principal: principal, loanYear: j).payout
                        if !replaying { raw[year] += x }
                        if cc > 0, x > 0 { feed(cs, cc, amount: x, payYear: year + lag) }
                    }
                }
                guard defaultYear >= 0, !replaying, let compensation, let recoverySampler else { continue }
                let loan = compensation.work(
                    principal: principal, loanYear: defaultYear - t, recoveryRate: recoverySampler.quantile(uRecovery))
                CompensationRow.add(
                    loan.flows, to: rows + seg * segmentStride, span: span, defaultYear: defaultYear,
                    recoveryYear: defaultYear + recoveryLag)
            }
        }
    }
}

/// One uncertain parameter of one program.
public struct ParameterRef: Sendable, Hashable {
    public var program: Int
    public var slot: Int
}
