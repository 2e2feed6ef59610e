import Yams

/// Decoding of a `risk_compensation` program: loans, recoveries, loss shares, the residual funder
/// and segments.
extension ScenarioDecoder {
    func riskRule(_ m: MappingCursor) -> ProgramRule? {
        let loans = loanBook(m)
        // A file still giving `lgd` gets one message, the rewrite, not a second for `recovery`.
        if let old = m["lgd"] { retiredLGD(old, m.path("lgd")) }
        let recovery =
            (m["lgd"] != nil && m["recovery"] == nil
                ? nil
                : m.required("recovery", hint: "e.g. {rate: {dist: beta, mean: 0.3, sd: 0.2}, lag: 2}").flatMap {
                    self.recovery($0, m.path("recovery"))
                })
        let shares = m.required("loss_shares", hint: "e.g. {province: 0.35, city: 0.35}").flatMap { lossShares($0, m.path("loss_shares")) }
        let residual = m.required("residual", hint: "the funder bearing the rest of each loss, e.g. bank").flatMap { n in
            identifier(n, m.path("residual")).map { id in
                requireFunder(id, n, m.path("residual"), "the residual")
                return id
            }
        }
        let segments = m["segments"].map { self.segments($0, m.path("segments")) } ?? []
        let cap = optionalParameter(m, "cap_per_borrower", .nonNegative)
        guard let cap, let loans, let recovery, let shares, let residual, let segments, m["lgd"] == nil else { return nil }
        return .riskCompensation(
            RiskCompensationRule(
                loans: loans, capPerBorrower: cap, recovery: recovery, lossShares: shares, residual: residual, segments: segments))
    }

    /// `{rate: <number or distribution on [0, 1]>, lag: <years>}`.
    private func recovery(_ node: Node, _ field: String) -> Recovery? {
        guard let r = reader.mapping(node, field) else { return nil }
        r.rejectUnknownKeys(allowed: ["rate", "lag"])
        let rate = r.required("rate", hint: "the recovered fraction of the non-performing principal, e.g. 0.3 or {dist: beta, mean: 0.3, sd: 0.2}")
            .flatMap { distribution($0, r.path("rate"), .probability) }
        let lag = r.required("lag", hint: "years from the default to the recovery, e.g. 2").flatMap {
            reader.integer($0, r.path("lag"), in: 0...30)
        }
        guard let rate, let lag else { return nil }
        return Recovery(rate: rate, lag: lag)
    }

    /// The loss given default of older files: compensation is now paid on the non-performing
    /// principal and recoveries come back later, so `lgd` is refused with its rewrite.
    private func retiredLGD(_ node: Node, _ field: String) {
        let rate = Self.recoveryRate(ofLGD: node) ?? "1 − the mean LGD"
        reader.fail(
            field, node,
            "`lgd` is replaced by `recovery`: funders pay their share of the non-performing principal at default, and a recovered fraction comes back later",
            hint: "write recovery: {rate: \(rate), lag: <years from default to recovery, e.g. 2>}; "
                + "the recovery rate is 1 − LGD (a beta(a, b) LGD is a beta(b, a) recovery rate: same sd, mean 1 − mean), "
                + "and the lag is a choice to state in `assumption`")
    }

    /// The recovery rate 1 − LGD written as YAML, when the LGD is a number or a distribution whose
    /// mirror image is of the same family.
    static func recoveryRate(ofLGD node: Node) -> String? {
        func one(_ text: String?) -> String? {
            guard let t = text, let v = Double(t), (0...1).contains(v) else { return nil }
            return YAMLReader.format(((1 - v) * 1e9).rounded() / 1e9)
        }
        if case let .scalar(s) = node { return one(s.string) }
        guard let dist = node.text(forKey: "dist") else { return nil }
        func at(_ k: String) -> String? { node.text(forKey: k) }
        switch dist {
        case "fixed": return one(at("value"))
        case "beta":
            guard let mean = one(at("mean")), let sd = at("sd") else { return nil }
            return "{dist: beta, mean: \(mean), sd: \(sd)}"
        case "uniform":
            guard let low = one(at("high")), let high = one(at("low")) else { return nil }
            return "{dist: uniform, low: \(low), high: \(high)}"
        case "triangular":
            guard let low = one(at("high")), let mode = one(at("mode")), let high = one(at("low")) else { return nil }
            return "{dist: triangular, low: \(low), mode: \(mode), high: \(high)}"
        default: return nil
        }
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
            reader.fail(
                field, node, "the loss shares can add up to \(most.formatted6), more than the whole loss",
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
}
