import Yams

/// Decoding of a `rate` program: claims, base, rate or brackets, floor and cap, or components.
extension ScenarioDecoder {
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
            reader.fail(
                m.path("components"), node, "no components are given", hint: "e.g. [{id: instrument, base: ..., rate: 0.4, cap_per_claim: 50}]")
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
            if let v = RateRule.Combine(rawValue: c) {
                combine = v
            } else {
                reader.fail(
                    m.path("combine"), cn, "unknown combine `\(c)`", hint: "sum (a cap shared by the components) or max (the highest only, 就高不重复)")
            }
        }
        guard components.count == items.count,
            let floor = optionalParameter(m, "floor", .nonNegative),
            let cap = optionalParameter(m, "cap_per_claim", .nonNegative),
            let arrivals
        else { return nil }
        return .rate(
            RateRule(
                claims: arrivals, base: .fixed(0), rate: .value(0), floor: floor, capPerClaim: cap,
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
                if isLast {
                    reader.fail(b.path("up_to"), un, "the last bracket has no `up_to`", hint: "it covers everything above the previous limit")
                }
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
}
