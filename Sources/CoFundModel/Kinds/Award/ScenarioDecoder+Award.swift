import Yams

/// Decoding of an `award` program: claims, and an amount or tiers.
extension ScenarioDecoder {
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
                reader.fail(
                    m.path("tiers"), tn, "the tier probabilities add up to \(sum.formatted6), not 1",
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
}
