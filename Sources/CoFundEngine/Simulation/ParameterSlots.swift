import CoFundModel

/// The numeric parameters of one program in a fixed order, so that each has its own slot: its
/// value on a path is drawn from the stream (path, program, slot) and lands in `values[slot]`.
///
/// A program with revisions has the same slots in every version; an uncertain slot is drawn from
/// the same stream in every version, so that versions share their random numbers.
struct ParameterSlots: Sendable {
    private(set) var parameters: [Parameter] = []
    private(set) var names: [String] = []

    /// Adds a parameter and returns its slot.
    mutating func add(_ p: Parameter?, _ name: String, default d: Double) -> Int {
        parameters.append(p ?? .value(d))
        names.append(name)
        return parameters.count - 1
    }

    var samplers: [Sampler?] {
        parameters.map { if case let .uncertain(d) = $0 { Sampler(d) } else { nil } }
    }
}

/// The slots of each kind's parameters.
enum RuleSlots: Sendable, Equatable {
    case rate(approval: Int, rate: Int, floor: Int, cap: Int, minBase: Int, components: [ComponentSlots])
    case award(approval: Int)
    case matching(ratio: Int, fraction: Int, cap: Int)
    /// Per segment: pd slot and one loss-share slot per program funder (−1 for the residual
    /// funder and where the segment has no share for that funder).
    case risk(rho: Int, cap: Int, segmentPD: [Int], segmentShares: [[Int]])
    case interest(pd: Int, rho: Int, rate: Int, fee: Int, fraction: Int, cap: Int)

    static func make(_ rule: ProgramRule, funders: [String], slots: inout ParameterSlots) -> RuleSlots {
        switch rule {
        case let .rate(r):
            return .rate(
                approval: slots.add(r.claims.approval, "claims.approval", default: 1),
                rate: slots.add(r.rate, "rate", default: 0),
                floor: slots.add(r.floor, "floor", default: 0),
                cap: slots.add(r.capPerClaim, "cap_per_claim", default: .infinity),
                minBase: slots.add(r.minBase, "min_base", default: 0),
                components: r.components.map { c in
                    ComponentSlots(
                        probability: slots.add(c.probability, "components.\(c.id).probability", default: 1),
                        rate: slots.add(c.rate, "components.\(c.id).rate", default: 0),
                        cap: slots.add(c.capPerClaim, "components.\(c.id).cap_per_claim", default: .infinity),
                        minBase: slots.add(c.minBase, "components.\(c.id).min_base", default: 0))
                })
        case let .award(a):
            return .award(approval: slots.add(a.claims.approval, "claims.approval", default: 1))
        case let .matching(m):
            return .matching(
                ratio: slots.add(m.ratio, "ratio", default: 1),
                fraction: slots.add(m.fraction, "fraction", default: 1),
                cap: slots.add(m.capPerClaim, "cap_per_claim", default: .infinity))
        case let .riskCompensation(r):
            let rho = slots.add(r.loans.defaults.rho, "rho", default: 0)
            let cap = slots.add(r.capPerBorrower, "cap_per_borrower", default: .infinity)
            let pd = slots.add(r.loans.defaults.pd, "pd", default: 0)
            var mainShares: [Int] = []
            for f in funders {
                let s = f == r.residual ? nil : r.lossShares.first { $0.funder == f }
                mainShares.append(s.map { slots.add($0.fraction, "loss_shares.\(f)", default: 0) } ?? -1)
            }
            var segPD: [Int] = []
            var segShares: [[Int]] = []
            for (j, seg) in r.effectiveSegments.enumerated() {
                segPD.append(seg.pd.map { slots.add($0, "segments[\(j)].pd", default: 0) } ?? pd)
                if let own = seg.lossShares {
                    segShares.append(
                        funders.map { f in
                            own.first { $0.funder == f && f != r.residual }.map {
                                slots.add($0.fraction, "segments[\(j)].loss_shares.\(f)", default: 0)
                            } ?? -1
                        })
                } else {
                    segShares.append(mainShares)
                }
            }
            return .risk(rho: rho, cap: cap, segmentPD: segPD, segmentShares: segShares)
        case let .interestSubsidy(r):
            return .interest(
                pd: slots.add(r.loans.defaults.pd, "pd", default: 0),
                rho: slots.add(r.loans.defaults.rho, "rho", default: 0),
                rate: slots.add(r.interestRate, "interest_rate", default: 0),
                fee: slots.add(r.feeRate, "fee_rate", default: 0),
                fraction: slots.add(r.fraction, "fraction", default: 0),
                cap: slots.add(r.capPerClaim, "cap_per_claim", default: .infinity))
        }
    }
}

/// The slots of one component of a rate program.
struct ComponentSlots: Sendable, Equatable {
    var probability: Int
    var rate: Int
    var cap: Int
    var minBase: Int
}
