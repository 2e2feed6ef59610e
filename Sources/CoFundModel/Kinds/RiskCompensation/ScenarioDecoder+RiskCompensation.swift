import Yams

/// Decoding of a `risk_compensation` program: loans, loss shares, the residual funder and segments.
extension ScenarioDecoder {
    func riskRule(_ m: MappingCursor) -> ProgramRule? {
        let loans = loanBook(m)
        let lgd = m.required("lgd", hint: "loss given default, e.g. {dist: beta, mean: 0.6, sd: 0.2}").flatMap {
            distribution($0, m.path("lgd"), .probability)
        }
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
        return .riskCompensation(
            RiskCompensationRule(
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
