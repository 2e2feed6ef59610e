import CGSL
import CoFundModel
import Foundation

/// Simulates paths one at a time for one worker, with buffers reused from path to path.
///
/// - Complexity: O(claims + loans × term) per path; memory O(programs × funders × years),
///   independent of the number of claims and of paths. Claims are drawn and folded, never stored.
final class PathSimulator {
    let plan: SimulationPlan
    /// One generator per program (matching programs draw while their parent draws) and one for
    /// parameters and factors.
    private let streams: [RandomStream]
    private let aux = RandomStream()
    /// Parameter values of the current path, per program.
    var values: [[Double]]
    /// Raw amounts by event year, per program: claims paid (or compensable loss of segment 0).
    var raw: [[Double]]
    /// Risk programs: compensable loss per segment ≥ 1 and total loss, by event year.
    var rawSegments: [[[Double]]]
    var rawLoss: [[Double]]
    /// Payments of each program funder by event year, after lags and rationing.
    var amounts: [[[Double]]]
    private var sharedZ: [Double]
    private var pcond: [Double]
    /// Budget demand of the current path, one per `budgetCells` entry.
    var demand: [Double]
    /// Each parameter held at a fixed quantile instead of drawn: (program, slot) → u.
    var heldParameters: [ParameterRef: Double] = [:]

    init(plan: SimulationPlan) {
        self.plan = plan
        streams = plan.programs.map { _ in RandomStream() }
        let e = plan.span
        values = plan.programs.map { [Double](repeating: 0, count: $0.parameters.count) }
        raw = plan.programs.map { _ in [Double](repeating: 0, count: e) }
        rawSegments = plan.programs.map { p in (1..<p.segmentCumulative.count).map { _ in [Double](repeating: 0, count: e) } }
        rawLoss = plan.programs.map { _ in [Double](repeating: 0, count: e) }
        amounts = plan.programs.map { p in p.funderIDs.map { _ in [Double](repeating: 0, count: e) } }
        sharedZ = [Double](repeating: 0, count: e)
        pcond = [Double](repeating: 0, count: e)
        demand = [Double](repeating: 0, count: plan.budgetCells.count)
    }

    /// Simulates path `path` and adds its series values into `out` (length `layout.series.count`,
    /// zeroed by the caller).
    func simulate(path: Int, seed: UInt64, into out: UnsafeMutablePointer<Double>) {
        let e = plan.span
        let path = UInt64(path)
        drawParameters(path: path, seed: seed)
        if plan.usesSharedFactor {
            aux.reseed(StreamKey(seed: seed, path: path, program: StreamKey.sharedFactor, slot: 0))
            for t in 0..<e { sharedZ[t] = aux.gaussian() }
        }
        for p in plan.programs.indices {
            for t in 0..<e { raw[p][t] = 0; rawLoss[p][t] = 0 }
            for s in rawSegments[p].indices { for t in 0..<e { rawSegments[p][s][t] = 0 } }
        }
        for p in plan.programs where p.parent == nil {
            switch p.slots {
            case .rate, .award: simulateClaims(p, path: path, seed: seed)
            case .risk, .interest: simulateLoans(p, path: path, seed: seed)
            case .matching: break
            }
        }
        settle(into: out)
    }

    // MARK: - Parameters

    private func drawParameters(path: UInt64, seed: UInt64) {
        for p in plan.programs {
            for (slot, sampler) in p.parameterSamplers.enumerated() {
                guard let sampler else {
                    if case let .value(v) = p.parameters[slot] { values[p.index][slot] = v }
                    continue
                }
                let u: Double
                if let held = heldParameters[ParameterRef(program: p.index, slot: slot)] {
                    u = held
                } else {
                    aux.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.parameterSlotBase + UInt64(slot)))
                    u = aux.uniformOpen()
                }
                values[p.index][slot] = sampler.quantile(u)
            }
        }
    }

    // MARK: - Claims

    /// Positions the streams of `p`'s matching descendants at (path, descendant, year t).
    private func reseedChildren(of p: ProgramPlan, path: UInt64, seed: UInt64, year t: Int) {
        for c in p.children {
            let child = plan.programs[c]
            streams[c].reseed(StreamKey(seed: seed, path: path, program: child.key, slot: UInt64(t)))
            reseedChildren(of: child, path: path, seed: seed, year: t)
        }
    }

    /// Passes one paid claim of `p`, paid in event year `payYear`, to the programs matching it.
    @inline(__always)
    private func feedChildren(of p: ProgramPlan, amount x: Double, payYear: Int) {
        for c in p.children {
            let child = plan.programs[c]
            guard case let .matching(ratio, fraction, cap) = child.slots else { continue }
            let v = values[c]
            let u = streams[c].uniform()
            guard u < v[fraction] else { continue }
            let m = min(v[ratio] * child.ofFraction * x, v[cap])
            guard m > 0, payYear < plan.span else { continue }
            raw[c][payYear] += m
            if !child.children.isEmpty { feedChildren(of: child, amount: m, payYear: payYear + child.program.paymentLag) }
        }
    }

    private func yearCount(_ p: ProgramPlan, _ r: RandomStream, _ t: Int) -> Int {
        guard let count = p.count else { return 0 }
        let u1 = r.uniformOpen()
        let u2 = r.uniformOpen()
        return count.draw(mean: count.count.mean(inYear: t), u1: u1, u2: u2)
    }

    private func simulateClaims(_ p: ProgramPlan, path: UInt64, seed: UInt64) {
        let r = streams[p.index]
        let v = values[p.index]
        let lag = p.program.paymentLag
        let hasChildren = !p.children.isEmpty
        for t in p.activeYears {
            r.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: UInt64(t)))
            if hasChildren { reseedChildren(of: p, path: path, seed: seed, year: t) }
            let n = yearCount(p, r, t)
            var total = 0.0
            switch p.slots {
            case let .rate(approval, rate, floor, cap, minBase):
                let terms = RateTerms(rate: v[rate], brackets: p.brackets, floor: v[floor], cap: v[cap], minBase: v[minBase])
                let a = v[approval]
                guard let base = p.amount else { break }
                for _ in 0..<n {
                    let u = r.uniform()
                    let b = base.draw(r)
                    guard u < a else { continue }
                    let x = terms.payout(base: b)
                    total += x
                    if hasChildren, x > 0 { feedChildren(of: p, amount: x, payYear: t + lag) }
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
                    if hasChildren, x > 0 { feedChildren(of: p, amount: x, payYear: t + lag) }
                }
            default:
                break
            }
            raw[p.index][t] += total
        }
    }

    // MARK: - Loans

    private func simulateLoans(_ p: ProgramPlan, path: UInt64, seed: UInt64) {
        let r = streams[p.index]
        let v = values[p.index]
        let e = plan.span
        let term = p.loanTerm
        let segments = p.segmentCumulative.count
        // The year's factor: shared, or the program's own.
        if p.ownFactor {
            aux.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: StreamKey.ownFactorSlot))
            for t in 0..<e { pcond[t] = aux.gaussian() }
        } else {
            for t in 0..<e { pcond[t] = sharedZ[t] }
        }
        // Conditional default probability per segment and year.
        var pds: [[Double]] = []
        switch p.slots {
        case let .risk(rho, _, segmentPD, _):
            pds = segmentPD.map { slot in (0..<e).map { Vasicek.conditionalPD(pd: v[slot], rho: v[rho], z: pcond[$0]) } }
        case let .interest(pd, rho, _, _, _, _):
            pds = [(0..<e).map { Vasicek.conditionalPD(pd: v[pd], rho: v[rho], z: pcond[$0]) }]
        default:
            return
        }
        guard let principalSampler = p.amount else { return }
        let lgdSampler = p.lgd
        let hasChildren = !p.children.isEmpty
        let lag = p.program.paymentLag
        for t in p.activeYears {
            r.reseed(StreamKey(seed: seed, path: path, program: p.key, slot: UInt64(t)))
            if hasChildren { reseedChildren(of: p, path: path, seed: seed, year: t) }
            let n = yearCount(p, r, t)
            for _ in 0..<n {
                let principal = principalSampler.draw(r)
                var seg = 0
                if segments > 1 {
                    let w = r.uniform()
                    while seg < segments - 1, w >= p.segmentCumulative[seg] { seg += 1 }
                }
                let uDefault = r.uniformOpen()
                let uLGD = r.uniformOpen()
                // The loan defaults in the first year its cumulative default probability
                // exceeds uDefault: one uniform per loan, monotone in pd.
                var survival = 1.0
                var defaultYear = -1
                for j in 0..<term {
                    let year = t + j
                    survival *= 1 - pds[seg][year]
                    if 1 - survival > uDefault { defaultYear = year; break }
                    if case let .interest(_, _, rate, fee, fraction, cap) = p.slots {
                        let x = InterestSubsidyRule.payout(principal: principal, interestRate: v[rate], feeRate: v[fee], fraction: v[fraction], cap: v[cap])
                        raw[p.index][year] += x
                        if hasChildren, x > 0 { feedChildren(of: p, amount: x, payYear: year + lag) }
                    }
                }
                guard defaultYear >= 0, case let .risk(_, cap, _, _) = p.slots, let lgdSampler else { continue }
                let split = LossSplit(principal: principal, lgd: lgdSampler.quantile(uLGD), cap: v[cap])
                if seg == 0 { raw[p.index][defaultYear] += split.compensable } else { rawSegments[p.index][seg - 1][defaultYear] += split.compensable }
                rawLoss[p.index][defaultYear] += split.loss
            }
        }
    }
}

/// One uncertain parameter of one program.
public struct ParameterRef: Sendable, Hashable {
    public var program: Int
    public var slot: Int
}
