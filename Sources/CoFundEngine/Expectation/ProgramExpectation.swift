import CoFundModel
import Foundation

/// What one program contributes, on average, to the amounts the engine settles: the expected
/// claims paid by event year (rate, award and matching programs: `PathScratch.raw`), or the
/// expected defaulted-loan flows by version, segment and year (risk programs: `PathScratch.flows`).
///
/// Each is an exact expectation of what `PathSimulator` draws, because every factor of a year's
/// amount is drawn independently of the others: the count (mean × a mixing variable of mean 1),
/// approval and a match's fraction (thinning), each claim's payout given the parameters, and the
/// parameters themselves (one stream per slot). The payout's expectation over its base is a closed
/// form (`PiecewiseLinear`) and over its uncertain parameters a Gauss–Legendre product rule.
enum ProgramExpectation {
    case claims([Double])
    case flows([Double])

    /// Gauss–Legendre nodes per uncertain parameter of a claim's payout.
    static let nodes = 24
    /// The most uncertain parameters in one payout (24³ nodes).
    static let maxUncertain = 3

    /// Every program's expectation, or why it has none, programs in scenario order; a match is
    /// computed after its parent.
    static func all(_ plan: SimulationPlan) -> [Result<ProgramExpectation, Missing>] {
        var out = [Result<ProgramExpectation, Missing>](repeating: .failure(Missing("not computed")), count: plan.programs.count)
        let rationed = rationedPrograms(plan)
        for p in plan.programs where p.parent == nil {
            if let line = rationed[p.index] {
                out[p.index] = .failure(Missing("rationed pro rata by \(line)"))
            } else {
                out[p.index] = root(p, plan)
            }
            // The matches follow what their root pays, claim year by claim year.
            for c in p.children { matches(c, parentPay: out[p.index], parent: p, plan, rationed, &out) }
        }
        return out
    }

    /// Why a program has no closed-form mean.
    struct Missing: Error, Sendable {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The programs under a pro-rata line, and their matches (which follow what was actually paid).
    private static func rationedPrograms(_ plan: SimulationPlan) -> [Int: String] {
        var out: [Int: String] = [:]
        for (l, members) in plan.lineMembers.enumerated() where plan.lines[l].rationing == .proRata {
            for m in members {
                out[m.program] = plan.lines[l].id
                for d in plan.descendants[m.program] { out[d] = plan.lines[l].id }
            }
        }
        return out
    }

    private static func root(_ p: ProgramPlan, _ plan: SimulationPlan) -> Result<ProgramExpectation, Missing> {
        switch p.slots {
        case .rate, .award:
            var perClaim: [Double?] = []
            for version in p.versions.indices {
                switch claimMean(p, version: version) {
                case let .success(v): perClaim.append(v)
                case let .failure(m): return .failure(m)
                }
            }
            var raw = [Double](repeating: 0, count: plan.span)
            for t in p.drawnYears {
                let k = p.versionOfYear[t]
                let approval: Int
                switch p.slots {
                case let .rate(a, _, _, _, _, _): approval = a
                case let .award(a): approval = a
                default: return .failure(Missing("not a claim program"))
                }
                raw[t] = count(p, t) * p.versions[k].parameters[approval].central * (perClaim[k] ?? 0)
            }
            return .success(.claims(raw))
        case .risk:
            return compensation(p, plan)
        case .interest:
            return interest(p, plan)
        case .matching:
            return .failure(Missing("a match without a parent"))
        }
    }

    /// The expected approved claims (before approval) of event year t: the count's mean, rounded
    /// for a fixed count as the engine does.
    static func count(_ p: ProgramPlan, _ t: Int) -> Double {
        guard let c = p.count else { return 0 }
        let mean = c.count.mean(inProgramYear: t - p.growthAnchor)
        guard mean > 0 else { return 0 }
        if case .fixed = c.count.family { return mean.rounded() }
        return mean
    }

    /// E[one approved claim's payout] in version k.
    private static func claimMean(_ p: ProgramPlan, version k: Int) -> Result<Double?, Missing> {
        let v = p.versions[k]
        switch p.slots {
        case .award:
            if !v.tiers.isEmpty {
                var below = 0.0
                var mean = 0.0
                for (i, tier) in v.tiers.enumerated() {
                    let upper = i == v.tiers.count - 1 ? 1 : tier.cumulative
                    mean += (upper - below) * tier.sampler.distribution.mean
                    below = upper
                }
                return .success(mean)
            }
            return .success(v.amount?.distribution.mean ?? 0)
        case let .rate(_, rate, floor, cap, minBase, components):
            if components.isEmpty {
                guard let base = v.amount else { return .success(nil) }
                return payoutMean(v, rate: rate, floor: floor, cap: cap, minBase: minBase, brackets: v.brackets, base: base)
            }
            // Components that add up with no floor or cap on their sum: the sum of their means.
            guard !v.combineMax, !v.parameters[floor].isUncertain, v.parameters[floor].central == 0,
                !v.parameters[cap].isUncertain, v.parameters[cap].central == .infinity
            else { return .failure(Missing("its components share a floor or a cap, or pay only the highest")) }
            var total = 0.0
            for (c, slots) in components.enumerated() {
                let mean = payoutMean(
                    v, rate: slots.rate, floor: nil, cap: slots.cap, minBase: slots.minBase, brackets: [], base: v.componentBases[c])
                guard case let .success(m) = mean else { return mean }
                total += v.parameters[slots.probability].central * (m ?? 0)
            }
            return .success(total)
        default:
            return .failure(Missing("not a claim program"))
        }
    }

    /// E over the uncertain slots among (rate, floor, cap, minBase) of the payout's expectation over
    /// the base.
    private static func payoutMean(
        _ v: ProgramTerms, rate: Int, floor: Int?, cap: Int, minBase: Int, brackets: [RateRule.Bracket], base: Sampler
    ) -> Result<Double?, Missing> {
        let slots = [rate, floor ?? -1, cap, minBase]
        let value = parameterExpectation(v, slots: slots) { x in
            let terms = RateTerms(rate: x[0], brackets: brackets, floor: floor == nil ? 0 : x[1], cap: x[2], minBase: x[3])
            return PiecewiseLinear(rate: terms)?.expectation(under: base)
        }
        return value.map { Optional($0) }
    }

    /// E[f(θ)] over the slots' parameters: the fixed ones at their value, the uncertain ones
    /// (independent, each drawn from its own stream) by an n-point Gauss–Legendre rule on each
    /// one's quantile. A slot of −1 is passed as 0.
    static func parameterExpectation(
        _ v: ProgramTerms, slots: [Int], _ f: ([Double]) -> Double?
    ) -> Result<Double, Missing> {
        var x = slots.map { $0 < 0 ? 0 : v.parameters[$0].central }
        let uncertain = slots.indices.filter { slots[$0] >= 0 && v.parameterSamplers[slots[$0]] != nil && v.parameters[slots[$0]].isUncertain }
        guard uncertain.count <= maxUncertain else {
            return .failure(Missing("more than \(maxUncertain) uncertain parameters in one payout"))
        }
        let rule = Quadrature.legendre(nodes)
        var total = 0.0
        var index = [Int](repeating: 0, count: uncertain.count)
        while true {
            var weight = 1.0
            for (d, i) in uncertain.enumerated() {
                let (u, w) = rule[index[d]]
                weight *= w
                x[i] = v.parameterSamplers[slots[i]]!.quantile(u)
            }
            guard let y = f(x), y.isFinite else { return .failure(Missing("its payout's expectation could not be computed")) }
            total += weight * y
            // The next node of the product rule.
            var d = 0
            while d < index.count {
                index[d] += 1
                if index[d] < rule.count { break }
                index[d] = 0
                d += 1
            }
            if d == index.count { break }
        }
        return .success(total)
    }
}
