import Yams

/// Decoding of the claims that `rate` and `award` programs share: the yearly count and the approval.
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
}
