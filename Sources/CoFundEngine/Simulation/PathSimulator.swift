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
    /// Each link's terms by root event year: link i's year t at `i · span + t`.
    private let matchYears: UnsafeMutablePointer<MatchYear>
    private let linkStart: [Int]
    private let linkCount: [Int]
    /// Payments of each program funder by event year, after lags and rationing.
    var amounts: [[[Double]]]
    /// Gross and recovered payments of each funder of a risk program by event year (empty for
    /// other programs); `amounts` holds their sum.
    var compensation: [[[FunderFlows]]]
    private var sharedZ: [Double]
    private var factorZ: [Double]
    /// Conditional default probabilities of the loan program being drawn, by the version of the
    /// loans' origination year and segment: `[(version · segments + segment) · span + year]`.
    private var pds: [Double] = []
    /// A program's payments of one payment year, by the version of the claims' year.
    var versionPay: [Double]
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
    /// Collects the path's parameter draws and counts (the stress test's second pass); nil in a run.
    var recorder: PathRecorder?

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
        versionPay = [Double](repeating: 0, count: plan.programs.map(\.versions.count).max() ?? 1)
        var all: [MatchLink] = []
        var years: [MatchYear] = []
        var starts: [Int] = [], counts: [Int] = []
        for p in plan.programs {
            starts.append(all.count)
            counts.append(p.children.count)
            for c in p.children {
                let child = plan.programs[c]
                guard case let .matching(ratio, fraction, cap) = child.slots else { continue }
                all.append(
                    MatchLink(
                        program: c, parent: p.index, ratio: ratio, fraction: fraction, cap: cap, lag: child.program.paymentLag,
                        forceFirst: child.forceFirst, forceLast: child.forceLast, childStart: 0, childCount: 0))
                // The match's version and the parent's share of the root claim's year.
                var of: String?
                if case let .matching(m) = child.program.rule { of = m.of }
                for t in 0..<e {
                    let k = child.versionOfYear[t]
                    let parentShare = p.versions[p.versionOfYear[t]].share
                    years.append(
                        MatchYear(
                            paramBase: scratch.paramBase[c] + k * child.slotCount, ofFraction: of.map { parentShare.fraction(of: $0) } ?? 1))
                }
            }
        }
        for i in all.indices {
            all[i].childStart = starts[all[i].program]
            all[i].childCount = counts[all[i].program]
        }
        links = .allocate(capacity: max(all.count, 1))
        links.initialize(from: all, count: all.count)
        matchYears = .allocate(capacity: max(years.count, 1))
        matchYears.initialize(from: years, count: years.count)
        linkStart = starts
        linkCount = counts
    }

    deinit {
        rngs.deallocate()
        links.deallocate()
        matchYears.deallocate()
    }

    /// Simulates path `path` and adds its values into `out` (length `plan.valueCount`, zeroed by
    /// the caller).
    func simulate(path: Int, seed: UInt64, into out: UnsafeMutablePointer<Double>) {
        let e = plan.span
        let path = UInt64(path)
        recorder?.clear()
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
            for c in plan.descendants[r] {
                (scratch.raw + c * span).update(repeating: 0, count: span)
                recorder?.record.approved[c] = 0
            }
            simulateRoot(plan.programs[r], path: pathSeed.path, seed: pathSeed.seed)
        }
    }

    // MARK: - Parameters

    /// Draws each program's parameters in every version. An uncertain slot is drawn from the
    /// stream (path, program, slot) whatever the version, so that versions share their random
    /// numbers and a program without revisions draws what it always did; a held slot is held in
    /// every version.
    private func drawParameters(path: UInt64, seed: UInt64) {
        for p in plan.programs {
            let base = scratch.paramBase[p.index]
            for slot in 0..<p.slotCount {
                var drawn: Double?
                for (k, version) in p.versions.enumerated() {
                    let at = base + k * p.slotCount + slot
                    guard let sampler = version.parameterSamplers[slot] else {
                        if case let .value(v) = version.parameters[slot] { scratch.params[at] = v }
                        continue
                    }
                    let u: Double
                    if let drawn {
                        u = drawn
                    } else if let held = heldParameters[ParameterRef(program: p.index, slot: slot)] {
                        u = held
                    } else {
                        aux.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.parameterSlotBase + UInt64(slot)))
                        u = aux.uniformOpen()
                    }
                    let first = drawn == nil
                    drawn = u
                    let value = sampler.quantile(u)
                    checkParameter(value, program: p, slot: slot, path: path)
                    if first, let recorder { recorder.drew(ParameterRef(program: p.index, slot: slot), value: value, u: u) }
                    scratch.params[at] = value
                }
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

    /// Passes one claim of root event year `claimYear`, of which the parent pays x before rationing
    /// in year `payYear`, to the matches `links[start ..< start + count]`: each follows what the
    /// parent actually paid, on its terms of the root claim's year.
    @inline(__always)
    private func feed(_ start: Int, _ count: Int, amount x: Double, payYear: Int, claimYear t: Int) {
        let params = scratch.params
        let raw = scratch.raw
        let span = plan.span
        for i in start..<(start + count) {
            let l = links[i]
            let y = matchYears[i * span + t]
            let u = gsl_rng_uniform(rngs[l.program])
            // The uniform is drawn whether or not the match is in force, so that its streams keep
            // their place.
            guard u < params[y.paramBase + l.fraction], payYear < span, payYear >= l.forceFirst, payYear <= l.forceLast else { continue }
            let paid = x * scratch.paidFactor[l.parent * span + payYear]
            let m = MatchTerms(ratio: params[y.paramBase + l.ratio], cap: params[y.paramBase + l.cap])
                .work(parentPayout: paid, matchedShare: y.ofFraction).payout
            guard m > 0, payYear < span else { continue }
            raw[l.program * span + payYear] += m
            if let recorder, recorder.horizon.contains(t) { recorder.record.approved[l.program] += 1 }
            if l.childCount > 0 { feed(l.childStart, l.childCount, amount: m, payYear: payYear + l.lag, claimYear: t) }
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
        let params = scratch.params + scratch.paramBase[p.index]
        let raw = scratch.raw + p.index * plan.span
        let lag = p.program.paymentLag
        let (cs, cc) = (linkStart[p.index], linkCount[p.index])
        let mixing = uptakeMixing(p, path: path, seed: seed)
        for t in p.activeYears {
            r.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.year(t - plan.history)))
            if cc > 0 { reseedChildren(of: p, path: path, seed: seed, year: t) }
            let n = yearCount(p, r, t, mixing: mixing, path: path)
            // The terms of the year's claims: its version, chosen once for the year.
            let k = p.versionOfYear[t]
            let version = p.versions[k]
            let v = params + k * p.slotCount
            var total = 0.0
            var approved = 0
            switch p.slots {
            case let .rate(approval, rate, floor, cap, minBase, components):
                let terms = RateTerms(rate: v[rate], brackets: version.brackets, floor: v[floor], cap: v[cap], minBase: v[minBase])
                let a = v[approval]
                if !components.isEmpty {
                    total += componentClaims(
                        p, version, components, n: n, approval: a, floor: v[floor], cap: v[cap], r: r, v: v, year: t, approved: &approved)
                    break
                }
                guard let base = version.amount else { break }
                for _ in 0..<n {
                    let u = r.uniform()
                    let b = base.draw(r)
                    guard u < a else { continue }
                    approved += 1
                    let x = terms.payout(base: b)
                    total += x
                    if cc > 0, x > 0 { feed(cs, cc, amount: x, payYear: t + lag, claimYear: t) }
                }
            case let .award(approval):
                let a = v[approval]
                for _ in 0..<n {
                    let u = r.uniform()
                    let x: Double
                    if let amount = version.amount {
                        x = amount.draw(r)
                    } else {
                        let w = r.uniform()
                        let tier = version.tiers.first { w < $0.cumulative } ?? version.tiers[version.tiers.count - 1]
                        x = tier.sampler.draw(r)
                    }
                    guard u < a else { continue }
                    approved += 1
                    total += x
                    if cc > 0, x > 0 { feed(cs, cc, amount: x, payYear: t + lag, claimYear: t) }
                }
            default:
                break
            }
            if !replaying { raw[t] += total }
            if let recorder, !replaying, recorder.horizon.contains(t) {
                recorder.record.made[p.index] += n
                recorder.record.approved[p.index] += approved
            }
        }
    }

    /// Claims of a rate program with components: each component draws its use and its base on
    /// every claim (so that the streams stay aligned whatever the parameters), the used ones pay
    /// min(rate × base, cap), and the claimant is paid min(max(sum or max, floor), cap).
    private func componentClaims(
        _ p: ProgramPlan, _ version: ProgramTerms, _ components: [ComponentSlots], n: Int, approval a: Double, floor: Double, cap: Double,
        r: RandomStream, v: UnsafeMutablePointer<Double>, year t: Int, approved: inout Int
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
                let b = version.componentBases[k].draw(r)
                guard use < v[c.probability] else { continue }
                let x = ComponentTerms(rate: v[c.rate], cap: v[c.cap], minBase: v[c.minBase]).payout(base: b)
                combined = version.combineMax ? max(combined, x) : combined + x
            }
            guard u < a, combined > 0 else { continue }
            approved += 1
            let x = limits.apply(combined).payout
            total += x
            if cc > 0 { feed(cs, cc, amount: x, payYear: t + lag, claimYear: t) }
        }
        return total
    }

    // MARK: - Loans

    /// A loan follows the terms of its origination year's version throughout: its pd, rho and
    /// cap, its interest terms, and (kept apart by version in `PathScratch.flows`) its loss shares,
    /// even when it defaults or pays interest in a later year.
    private func simulateLoans(_ p: ProgramPlan, path: UInt64, seed: UInt64) {
        let r = streams[p.index]
        let params = scratch.params + scratch.paramBase[p.index]
        let span = plan.span
        let raw = scratch.raw + p.index * span
        let term = p.loanTerm
        let segments = p.segmentCount
        // The year's systematic factor: the scenario's, or the program's own.
        if p.ownFactor {
            for t in 0..<span {
                aux.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.ownFactor(year: t - plan.history)))
                factorZ[t] = aux.gaussian()
            }
        } else {
            for t in 0..<span { factorZ[t] = sharedZ[t] }
        }
        // Conditional default probability per version, segment and year:
        // pds[(k · segments + s) · span + t].
        pds.removeAll(keepingCapacity: true)
        for k in p.versions.indices {
            let v = params + k * p.slotCount
            switch p.slots {
            case let .risk(rho, _, segmentPD, _):
                for slot in segmentPD { for t in 0..<span { pds.append(Vasicek.conditionalPD(pd: v[slot], rho: v[rho], z: factorZ[t])) } }
            case let .interest(pd, rho, _, _, _, _):
                for t in 0..<span { pds.append(Vasicek.conditionalPD(pd: v[pd], rho: v[rho], z: factorZ[t])) }
            default:
                return
            }
        }
        let recoveryLag = p.recoveryLag
        let rows = scratch.flowRows(p.index)  // written by risk programs only
        let segmentStride = CompensationRow.count * span
        let lag = p.program.paymentLag
        let (cs, cc) = (linkStart[p.index], linkCount[p.index])
        let mixing = uptakeMixing(p, path: path, seed: seed)
        // The horizon's event years, in which a default is counted for a stress test.
        let horizon = plan.history..<(plan.history + plan.years)
        for t in p.activeYears {
            r.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.year(t - plan.history)))
            if cc > 0 { reseedChildren(of: p, path: path, seed: seed, year: t) }
            let n = yearCount(p, r, t, mixing: mixing, path: path)
            // The terms of the loans originated in year t: its version, chosen once for the year.
            let k = p.versionOfYear[t]
            let version = p.versions[k]
            let v = params + k * p.slotCount
            var interest: InterestSubsidyTerms?
            var compensation: CompensationTerms?
            switch p.slots {
            case let .risk(_, capSlot, _, _):
                compensation = CompensationTerms(cap: v[capSlot], term: term, repayment: p.repayment)
            case let .interest(_, _, rate, fee, fraction, capSlot):
                interest = InterestSubsidyTerms(
                    interestRate: v[rate], feeRate: v[fee], fraction: v[fraction], cap: v[capSlot], term: term, repayment: p.repayment)
            default:
                return
            }
            guard let principalSampler = version.amount else { return }
            let recoverySampler = version.recoveryRate
            let cumulative = version.segmentCumulative
            let versionPDs = k * segments * span
            let versionRows = rows + k * segments * segmentStride
            var defaulted = 0
            for _ in 0..<n {
                let principal = principalSampler.draw(r)
                var seg = 0
                if segments > 1 {
                    let w = r.uniform()
                    while seg < segments - 1, w >= cumulative[seg] { seg += 1 }
                }
                let uDefault = r.uniformOpen()
                let uRecovery = r.uniformOpen()
                // The loan defaults in the first year its cumulative default probability exceeds
                // uDefault: one uniform per loan, so a higher pd never delays a default.
                var survival = 1.0
                var defaultYear = -1
                for j in 0..<term {
                    let year = t + j
                    survival *= 1 - pds[versionPDs + seg * span + year]
                    if 1 - survival > uDefault { defaultYear = year; break }
                    if let interest {
                        let x = interest.work(principal: principal, loanYear: j).payout
                        if !replaying { raw[year] += x }
                        if cc > 0, x > 0 { feed(cs, cc, amount: x, payYear: year + lag, claimYear: t) }
                    }
                }
                if defaultYear >= horizon.lowerBound, defaultYear < horizon.upperBound { defaulted += 1 }
                guard defaultYear >= 0, !replaying, let compensation, let recoverySampler else { continue }
                let loan = compensation.work(
                    principal: principal, loanYear: defaultYear - t, recoveryRate: recoverySampler.quantile(uRecovery))
                CompensationRow.add(
                    loan.flows, to: versionRows + seg * segmentStride, span: span, defaultYear: defaultYear,
                    recoveryYear: defaultYear + recoveryLag)
            }
            if let recorder, !replaying {
                if horizon.contains(t) { recorder.record.made[p.index] += n }
                recorder.record.defaulted[p.index] += defaulted
            }
        }
    }
}

/// One uncertain parameter of one program.
public struct ParameterRef: Sendable, Hashable {
    public var program: Int
    public var slot: Int
}
