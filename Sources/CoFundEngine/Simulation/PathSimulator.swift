import CoFundModel
import Foundation

/// Simulates paths one at a time for one worker, with buffers reused from path to path.
///
/// - Complexity: O(approved claims + defaulted loans + subsidised loans × term) per path: refused
///   claims and the loans of a risk pool that do not default are counted, not drawn. Memory
///   O(programs × funders × years) and a chunk of 512 claims' buffers, independent of the number of
///   claims and of paths. Claims are drawn a chunk at a time and folded, never kept.
final class PathSimulator {
    let plan: SimulationPlan
    /// One generator state per program, for the matches (a match draws while its parent draws);
    /// a root program draws from a local copy, and parameters and factors from generators made
    /// where they are drawn.
    let states: UnsafeMutablePointer<Xoshiro256>
    /// Room for one chunk of claims' bases and their normals (`Sampler.fill`).
    let bases: UnsafeMutablePointer<Double>
    let normals: UnsafeMutablePointer<Double>
    /// Each claim's combined component payments, for a chunk of claims.
    let combinedBuffer: UnsafeMutablePointer<Double>
    /// The claims drawn and paid together: small enough to stay in the first-level cache.
    static let chunk = 512
    let scratch: PathScratch
    /// The matches of every program, program p's at `linkStart[p] ..< linkStart[p] + linkCount[p]`.
    let links: UnsafeMutablePointer<MatchLink>
    /// Each link's terms by root event year: link i's year t at `i · span + t`.
    let matchYears: UnsafeMutablePointer<MatchYear>
    let linkStart: [Int]
    let linkCount: [Int]
    /// Payments of each program funder by event year, after lags and rationing.
    var amounts: [[[Double]]]
    /// Gross and recovered payments of each funder of a risk program by event year (empty for
    /// other programs); `amounts` holds their sum.
    var compensation: [[[FunderFlows]]]
    var sharedZ: [Double]
    var factorZ: [Double]
    /// Conditional default probabilities of the loan program being drawn, by the version of the
    /// loans' origination year and segment: `[(version · segments + segment) · span + year]`.
    var pds: [Double] = []
    /// A risk pool's cumulative default probabilities over a loan's term, for one segment and year.
    var defaultBy: [Double] = []
    /// A program's payments of one payment year, by the version of the claims' year.
    var versionPay: [Double]
    /// Each budget cell's pro-rata factor on the current path (1 when the year fits).
    var lineFactor: [Double]
    /// Whether the claim loops are drawing a program's claims again only to feed its matches.
    var replaying = false
    /// Each parameter held at a fixed quantile instead of drawn: (program, slot) → u.
    var heldParameters: [ParameterRef: Double] = [:]
    /// The seed and path being simulated, for drawing matches again and stratifying inputs.
    private(set) var pathSeed: (seed: UInt64, path: UInt64) = (0, 0)
    /// The first value found that is not a finite number; the worker stops at it.
    var failure: NumericFailure?
    /// Collects the path's parameter draws and counts (the stress test's second pass); nil in a run.
    var recorder: PathRecorder?
    /// Importance sampling: the shift of each per-path input's normal score (`PathInput`), nil in a
    /// run; with it, `logWeight` is the path's log likelihood ratio and `scores` (when not nil) its
    /// inputs' normal scores, in the order drawn.
    var inputShift: [PathInput: Double]?
    var logWeight = 0.0
    var scores: [(input: PathInput, score: Double)]?
    /// The Latin hypercube of the per-path inputs of a stratified run, nil otherwise.
    var stratification: LatinHypercube?

    /// A simulator of `plan` drawing as `options` say: its held parameters, and its Latin hypercube
    /// when stratified.
    convenience init(plan: SimulationPlan, options: SimulationOptions) {
        self.init(plan: plan)
        heldParameters = options.heldParameters
        if options.stratified { stratification = LatinHypercube(seed: options.seed, paths: options.paths) }
    }

    init(plan: SimulationPlan) {
        GSL.configure()
        self.plan = plan
        states = .allocate(capacity: max(plan.programs.count, 1))
        states.initialize(repeating: Xoshiro256(state: (1, 0, 0, 0)), count: max(plan.programs.count, 1))
        bases = .allocate(capacity: Self.chunk)
        normals = .allocate(capacity: Self.chunk)
        combinedBuffer = .allocate(capacity: Self.chunk)
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
        states.deallocate()
        bases.deallocate()
        normals.deallocate()
        combinedBuffer.deallocate()
        links.deallocate()
        matchYears.deallocate()
    }

    /// Simulates path `path` and adds its values into `out` (length `plan.valueCount`, zeroed by
    /// the caller).
    func simulate(path: Int, seed: UInt64, into out: UnsafeMutablePointer<Double>) {
        let e = plan.span
        let path = UInt64(path)
        recorder?.clear()
        pathSeed = (seed, path)
        logWeight = 0
        scores?.removeAll(keepingCapacity: true)
        drawParameters(path: path, seed: seed)
        if plan.usesSharedFactor {
            // One stream per calendar year, so that a year's factor does not depend on the year
            // claims are simulated from.
            for t in 0..<e {
                var g = Xoshiro256(StreamKey(seed: seed, path: path, program: StreamKey.sharedFactor, slot: StreamKey.year(t - plan.history)))
                sharedZ[t] = sampled(.sharedFactor(year: t), normal: Ziggurat.normal(&g))
            }
        }
        scratch.clear()
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
                        var g = Xoshiro256(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.parameterSlotBase + UInt64(slot)))
                        u = sampled(.parameter(program: p.index, slot: slot), uniform: g.uniformOpen())
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
    func reseedChildren(of p: ProgramPlan, path: UInt64, seed: UInt64, year t: Int) {
        for c in p.children {
            let child = plan.programs[c]
            states[c] = Xoshiro256(StreamKey(seed: seed, path: path, program: child.key, slot: StreamKey.year(t - plan.history)))
            reseedChildren(of: child, path: path, seed: seed, year: t)
        }
    }

    /// Passes one claim of root event year `claimYear`, of which the parent pays x before rationing
    /// in year `payYear`, to the matches `links[start ..< start + count]`: each takes it with its
    /// probability (`fraction`, one uniform from the match's stream, drawn whether or not the match
    /// is in force so that its stream keeps its place) and follows what the parent actually paid.
    @inline(__always)
    func feed(_ start: Int, _ count: Int, amount x: Double, payYear: Int, claimYear t: Int) {
        let params = scratch.params
        let span = plan.span
        for i in start..<(start + count) {
            let l = links[i]
            let y = matchYears[i * span + t]
            let u = states[l.program].uniform()
            guard u < params[y.paramBase + l.fraction] else { continue }
            pay(i, amount: x, payYear: payYear, claimYear: t)
        }
    }

    /// How many of a root's `n` approved claims of event year t its only match takes:
    /// Binomial(n, fraction), by inversion of one uniform from the match's stream. The claims are
    /// independent and alike, so letting the first of them be the matched ones is exact; and under
    /// common random numbers a larger fraction takes more of the same claims.
    func matchedCount(link i: Int, claims n: Int, claimYear t: Int) -> Int {
        let l = links[i]
        let fraction = scratch.params[matchYears[i * plan.span + t].paramBase + l.fraction]
        return DiscreteQuantile.binomial(states[l.program].uniformOpen(), trials: n, probability: fraction)
    }

    /// Passes one of a root's claims to its matches: the first `matched` claims of the year to the
    /// only match (`single`, see `matchedCount`), or each claim to every match (`feed`).
    @inline(__always)
    func pass(_ x: Double, single: Bool, matched: inout Int, links start: Int, _ count: Int, payYear: Int, claimYear t: Int) {
        if single {
            guard matched > 0 else { return }
            matched -= 1
            if x > 0 { pay(start, amount: x, payYear: payYear, claimYear: t) }
        } else if count > 0, x > 0 {
            feed(start, count, amount: x, payYear: payYear, claimYear: t)
        }
    }

    /// One claim taken by the match `links[i]`: the match pays on what the parent actually paid (x
    /// scaled by the parent's rationing in `payYear`), in the years it is in force, and passes its
    /// payment on to its own matches.
    @inline(__always)
    func pay(_ i: Int, amount x: Double, payYear: Int, claimYear t: Int) {
        let l = links[i]
        let span = plan.span
        guard payYear < span, payYear >= l.forceFirst, payYear <= l.forceLast else { return }
        let params = scratch.params
        let y = matchYears[i * span + t]
        let paid = x * scratch.paidFactor[l.parent * span + payYear]
        let m = MatchTerms(ratio: params[y.paramBase + l.ratio], cap: params[y.paramBase + l.cap])
            .work(parentPayout: paid, matchedShare: y.ofFraction).payout
        guard m > 0 else { return }
        scratch.raw[l.program * span + payYear] += m
        if let recorder, recorder.horizon.contains(t) { recorder.record.approved[l.program] += 1 }
        if l.childCount > 0 { feed(l.childStart, l.childCount, amount: m, payYear: payYear + l.lag, claimYear: t) }
    }

    /// The path's uptake mixing variable of `p` (1 unless its count is mixed per path), from its
    /// own stream so that every other draw keeps its place.
    func uptakeMixing(_ p: ProgramPlan, path: UInt64, seed: UInt64) -> Double {
        guard let count = p.count, count.mixesPerPath else { return 1 }
        var g = Xoshiro256(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.uptakeMixingSlot))
        return count.pathMixing(sampled(.mixing(program: p.index), uniform: g.uniformOpen()))
    }

    /// The claims of event year `t` (made, and approved with probability `approval`), whose mean is
    /// the count's in the program's year `t − growthAnchor` (negative before the anchor); `mixing` is
    /// the path's uptake mixing variable. Stops the run at a mixing variable that is not finite.
    func yearCount(
        _ p: ProgramPlan, _ g: inout Xoshiro256, _ t: Int, approval: Double, mixing: Double, path: UInt64
    ) -> CountSampler.YearCount {
        guard let count = p.count else { return .init(made: 0, approved: 0) }
        let mean = count.count.mean(inProgramYear: t - p.growthAnchor)
        guard let n = count.draw(mean: mean, approval: approval, pathMixing: mixing, countRefused: recorder != nil, &g) else {
            if failure == nil { failure = NumericFailure(program: p.program.id, field: p.countField, path: Int(path), value: .nan) }
            return .init(made: 0, approved: 0)
        }
        return n
    }
}

/// One uncertain parameter of one program.
public struct ParameterRef: Sendable, Hashable {
    public var program: Int
    public var slot: Int
}
