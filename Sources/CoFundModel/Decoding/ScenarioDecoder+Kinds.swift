import Yams

/// Decoding of each kind's own fields.
extension ScenarioDecoder {
    func claims(_ m: MappingCursor) -> ClaimArrivals? {
        guard let n = m.required("claims", hint: "{count: {dist: poisson, mean: 100}, approval: 0.9}"),
              let c = reader.mapping(n, m.path("claims"))
        else { return nil }
        c.rejectUnknownKeys(allowed: Self.claimsKeys)
        guard let countNode = c.required("count"), let arrivals = count(countNode, c.path("count")),
              let approval = optionalParameter(c, "approval", .probability)
        else { return nil }
        return ClaimArrivals(count: arrivals, approval: approval ?? .value(1))
    }

    func rateRule(_ m: MappingCursor) -> ProgramRule? {
        if let cn = m["components"] { return componentRule(m, cn) }
        if let cn = m["combine"] { reader.fail(m.path("combine"), cn, "`combine` applies only to a program with `components`") }
        let arrivals = claims(m)
        let base = m.required("base", hint: "the per-claim base, e.g. {dist: lognormal, median: 500, p90: 3000}")
            .flatMap { distribution($0, m.path("base"), .nonNegative) }
        var rate: Parameter? = .value(0)
        var brackets: [RateRule.Bracket] = []
        if let bn = m["brackets"] {
            if m["rate"] != nil { reader.fail(m.path("rate"), m["rate"], "write either `rate` or `brackets`, not both") }
            guard let b = self.brackets(bn, m.path("brackets")) else { return nil }
            brackets = b
        } else {
            rate = m.required("rate", hint: "e.g. 0.025 or 2.5%").flatMap { parameter($0, m.path("rate"), .nonNegative) }
        }
        guard let floor = optionalParameter(m, "floor", .nonNegative),
              let cap = optionalParameter(m, "cap_per_claim", .nonNegative),
              let minBase = optionalParameter(m, "min_base", .nonNegative),
              let arrivals, let base, let rate
        else { return nil }
        if let floor, let cap, floor.support.lowerBound > cap.support.upperBound {
            reader.fail(m.path("floor"), m["floor"], "the floor is above the cap", hint: "write floor ≤ cap_per_claim")
            return nil
        }
        return .rate(RateRule(claims: arrivals, base: base, rate: rate, brackets: brackets, floor: floor, capPerClaim: cap, minBase: minBase))
    }

    /// A rate program whose claimants have several claim types.
    private func componentRule(_ m: MappingCursor, _ node: Node) -> ProgramRule? {
        for key in ["base", "rate", "brackets", "min_base"] where m[key] != nil {
            reader.fail(m.path(key), m[key], "`\(key)` belongs in each component when a program has `components`")
        }
        let arrivals = claims(m)
        guard let items = reader.sequence(node, m.path("components")) else { return nil }
        guard !items.isEmpty else {
            reader.fail(m.path("components"), node, "no components are given", hint: "e.g. [{id: instrument, base: ..., rate: 0.4, cap_per_claim: 50}]")
            return nil
        }
        var components: [RateRule.Component] = []
        for (n, field) in items {
            guard let c = reader.mapping(n, field) else { continue }
            c.rejectUnknownKeys(allowed: ["id", "probability", "base", "rate", "cap_per_claim", "min_base"])
            let id = c.required("id").flatMap { identifier($0, c.path("id")) }
            let base = c.required("base").flatMap { distribution($0, c.path("base"), .nonNegative) }
            let rate = c.required("rate").flatMap { parameter($0, c.path("rate"), .nonNegative) }
            guard let probability = optionalParameter(c, "probability", .probability),
                  let cap = optionalParameter(c, "cap_per_claim", .nonNegative),
                  let minBase = optionalParameter(c, "min_base", .nonNegative),
                  let id, let base, let rate
            else { continue }
            if components.contains(where: { $0.id == id }) {
                reader.fail(c.path("id"), c["id"], "the component id `\(id)` is used twice")
                continue
            }
            components.append(.init(id: id, probability: probability ?? .value(1), base: base, rate: rate, capPerClaim: cap, minBase: minBase))
        }
        var combine = RateRule.Combine.sum
        if let cn = m["combine"], let c = reader.string(cn, m.path("combine")) {
            if let v = RateRule.Combine(rawValue: c) { combine = v } else {
                reader.fail(m.path("combine"), cn, "unknown combine `\(c)`", hint: "sum (a cap shared by the components) or max (the highest only, 就高不重复)")
            }
        }
        guard components.count == items.count,
              let floor = optionalParameter(m, "floor", .nonNegative),
              let cap = optionalParameter(m, "cap_per_claim", .nonNegative),
              let arrivals
        else { return nil }
        return .rate(RateRule(claims: arrivals, base: .fixed(0), rate: .value(0), floor: floor, capPerClaim: cap,
                              components: components, combine: combine))
    }

    private func brackets(_ node: Node, _ field: String) -> [RateRule.Bracket]? {
        guard let items = reader.sequence(node, field) else { return nil }
        guard !items.isEmpty else {
            reader.fail(field, node, "no brackets are given", hint: "e.g. [{up_to: 1000, rate: 0.05}, {rate: 0.03}]")
            return nil
        }
        var out: [RateRule.Bracket] = []
        var previous = 0.0
        for (i, (n, itemField)) in items.enumerated() {
            guard let b = reader.mapping(n, itemField) else { return nil }
            b.rejectUnknownKeys(allowed: ["up_to", "rate"])
            guard let rn = b.required("rate"), let r = number(rn, b.path("rate"), .nonNegative) else { return nil }
            let isLast = i == items.count - 1
            var upTo: Double?
            if let un = b["up_to"] {
                guard let u = number(un, b.path("up_to"), .positive) else { return nil }
                guard u > previous else {
                    reader.fail(b.path("up_to"), un, "the limits must increase: \(f(u)) follows \(f(previous))")
                    return nil
                }
                if isLast { reader.fail(b.path("up_to"), un, "the last bracket has no `up_to`", hint: "it covers everything above the previous limit") }
                upTo = u
                previous = u
            } else if !isLast {
                reader.fail(b.path("up_to"), n, "`up_to` is missing", hint: "only the last bracket is open-ended")
                return nil
            }
            out.append(.init(upTo: upTo, rate: r))
        }
        return out
    }

    func awardRule(_ m: MappingCursor) -> ProgramRule? {
        let arrivals = claims(m)
        if let tn = m["tiers"] {
            if m["amount"] != nil { reader.fail(m.path("amount"), m["amount"], "write either `amount` or `tiers`, not both") }
            guard let items = reader.sequence(tn, m.path("tiers")) else { return nil }
            var tiers: [AwardRule.Tier] = []
            for (n, f) in items {
                guard let t = reader.mapping(n, f) else { continue }
                t.rejectUnknownKeys(allowed: ["amount", "probability", "name"])
                guard let an = t.required("amount"), let a = distribution(an, t.path("amount"), .nonNegative),
                      let pn = t.required("probability"), let p = number(pn, t.path("probability"), .probability)
                else { continue }
                tiers.append(.init(amount: a, probability: p))
            }
            guard tiers.count == items.count, !tiers.isEmpty else {
                if items.isEmpty { reader.fail(m.path("tiers"), tn, "no tiers are given") }
                return nil
            }
            let sum = tiers.reduce(0) { $0 + $1.probability }
            guard abs(sum - 1) <= 1e-9 else {
                reader.fail(m.path("tiers"), tn, "the tier probabilities add up to \(sum.formatted6), not 1",
                            hint: "each approved claim falls in exactly one tier")
                return nil
            }
            guard let arrivals else { return nil }
            return .award(AwardRule(claims: arrivals, tiers: tiers))
        }
        guard let an = m.required("amount", hint: "a number, a distribution, or `tiers`"),
              let amount = distribution(an, m.path("amount"), .nonNegative),
              let arrivals
        else { return nil }
        return .award(AwardRule(claims: arrivals, amount: amount))
    }

    func matchingRule(_ m: MappingCursor) -> ProgramRule? {
        let parent = m.required("matches", hint: "the id of the program whose payouts are matched").flatMap { n in
            identifier(n, m.path("matches")).flatMap { id in requireProgram(id, n, m.path("matches")) ? id : nil }
        }
        let of = m["of"].flatMap { identifier($0, m.path("of")) }
        let ratio = m.required("ratio", hint: "e.g. 1.0 for 1:1").flatMap { parameter($0, m.path("ratio"), .nonNegative) }
        guard let fraction = optionalParameter(m, "fraction", .probability),
              let cap = optionalParameter(m, "cap_per_claim", .nonNegative),
              let parent, let ratio
        else { return nil }
        return .matching(MatchingRule(matches: parent, of: of, ratio: ratio, fraction: fraction ?? .value(1), capPerClaim: cap))
    }

    private func loanBook(_ m: MappingCursor) -> LoanBook? {
        let defaults = defaultModel(m)
        guard let n = m.required("loans", hint: "{count: ..., principal: ..., term: 1}"),
              let l = reader.mapping(n, m.path("loans"))
        else { return nil }
        l.rejectUnknownKeys(allowed: Self.loansKeys)
        let arrivals = l.required("count").flatMap { count($0, l.path("count")) }
        let principal = l.required("principal").flatMap { distribution($0, l.path("principal"), .nonNegative) }
        var term: Int? = 1
        if let tn = l["term"] { term = reader.integer(tn, l.path("term"), in: 1...30) }
        guard let arrivals, let principal, let term, let defaults else { return nil }
        return LoanBook(count: arrivals, principal: principal, term: term, defaults: defaults)
    }

    private func defaultModel(_ m: MappingCursor) -> DefaultModel? {
        let pd = m.required("pd", hint: "annual default probability, e.g. 0.03 or {dist: beta, mean: 0.03, sd: 0.01}")
            .flatMap { parameter($0, m.path("pd"), .probability) }
        guard let rho = optionalParameter(m, "rho", .correlation), let pd else { return nil }
        var factor = DefaultModel.Factor.shared
        if let fn = m["factor"], let f = reader.string(fn, m.path("factor")) {
            guard let v = DefaultModel.Factor(rawValue: f) else {
                reader.fail(m.path("factor"), fn, "unknown factor `\(f)`", hint: "shared or own")
                return nil
            }
            factor = v
        }
        return DefaultModel(pd: pd, rho: rho ?? .value(0), factor: factor)
    }

    func riskRule(_ m: MappingCursor) -> ProgramRule? {
        let loans = loanBook(m)
        let lgd = m.required("lgd", hint: "loss given default, e.g. {dist: beta, mean: 0.6, sd: 0.2}").flatMap { distribution($0, m.path("lgd"), .probability) }
        let shares = m.required("loss_shares", hint: "e.g. {province: 0.35, city: 0.35}").flatMap { lossShares($0, m.path("loss_shares")) }
        let residual = m.required("residual", hint: "the funder bearing the rest of each loss, e.g. bank").flatMap { n in
            identifier(n, m.path("residual")).map { id in
                requireFunder(id, n, m.path("residual"), "the residual")
                return id
            }
        }
        let segments = m["segments"].map { self.segments($0, m.path("segments")) } ?? []
        let cap = optionalParameter(m, "cap_per_borrower", .nonNegative)
        guard let cap, let loans, let lgd, let shares, let residual, let segments else { return nil }
        return .riskCompensation(RiskCompensationRule(
            loans: loans, capPerBorrower: cap, lgd: lgd, lossShares: shares, residual: residual, segments: segments))
    }

    /// `{funder: fraction}` whose fractions can never add up to more than 1.
    private func lossShares(_ node: Node, _ field: String) -> [RiskCompensationRule.LossShare]? {
        guard let m = reader.mapping(node, field) else { return nil }
        var out: [RiskCompensationRule.LossShare] = []
        var complete = true
        for e in m.entries {
            requireFunder(e.key, e.keyNode, m.path(e.key), "the loss share")
            guard let p = parameter(e.value, m.path(e.key), .probability) else { complete = false; continue }
            out.append(.init(funder: e.key, fraction: p))
        }
        guard complete else { return nil }
        let most = out.reduce(0) { $0 + $1.fraction.support.upperBound }
        guard most <= 1 + 1e-9 else {
            reader.fail(field, node, "the loss shares can add up to \(most.formatted6), more than the whole loss",
                        hint: "the funders' fractions must sum to at most 1; the residual funder bears the rest")
            return nil
        }
        return out
    }

    private func segments(_ node: Node, _ field: String) -> [RiskCompensationRule.Segment]? {
        guard let items = reader.sequence(node, field) else { return nil }
        var out: [RiskCompensationRule.Segment] = []
        var complete = true
        var seen: Set<String> = []
        for (n, f) in items {
            guard let s = reader.mapping(n, f) else { complete = false; continue }
            s.rejectUnknownKeys(allowed: ["id", "name", "weight", "pd", "loss_shares"])
            let idNode = s.required("id")
            let id = idNode.flatMap { identifier($0, s.path("id")) }
            let w = s.required("weight").flatMap { number($0, s.path("weight"), .probability) }
            let pd = optionalParameter(s, "pd", .probability)
            let shares: [RiskCompensationRule.LossShare]?? = s["loss_shares"].map { lossShares($0, s.path("loss_shares")) }
            if let id, !seen.insert(id).inserted {
                reader.fail(s.path("id"), idNode, "the segment id `\(id)` is used twice in this program", hint: "give each segment its own id")
                complete = false
            }
            guard let id, let w, let pd, shares != .some(nil) else { complete = false; continue }
            out.append(.init(id: id, weight: w, pd: pd, lossShares: shares ?? nil))
        }
        guard complete else { return nil }
        let sum = out.reduce(0) { $0 + $1.weight }
        guard !out.isEmpty, abs(sum - 1) <= 1e-9 else {
            reader.fail(field, node, "the segment weights add up to \(sum.formatted6), not 1", hint: "each loan belongs to one segment")
            return nil
        }
        return out
    }

    func interestRule(_ m: MappingCursor) -> ProgramRule? {
        let loans = loanBook(m)
        let rate = m.required("interest_rate", hint: "the loan's annual interest rate, e.g. 0.04").flatMap { parameter($0, m.path("interest_rate"), .nonNegative) }
        let fraction = m.required("fraction", hint: "the subsidised fraction of interest and fees, e.g. 0.5").flatMap { parameter($0, m.path("fraction"), .probability) }
        guard let fee = optionalParameter(m, "fee_rate", .nonNegative),
              let cap = optionalParameter(m, "cap_per_claim", .nonNegative),
              let loans, let rate, let fraction
        else { return nil }
        return .interestSubsidy(InterestSubsidyRule(loans: loans, interestRate: rate, feeRate: fee ?? .value(0), fraction: fraction, capPerClaim: cap))
    }
}
