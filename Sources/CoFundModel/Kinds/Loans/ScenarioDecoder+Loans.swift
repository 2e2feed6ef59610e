import Yams

/// Decoding of the loan book and the default model that risk-compensation and interest-subsidy
/// programs share.
extension ScenarioDecoder {
    func loanBook(_ m: MappingCursor) -> LoanBook? {
        let defaults = defaultModel(m)
        guard let n = m.required("loans", hint: "{count: ..., principal: ..., term: 1}"),
            let l = reader.mapping(n, m.path("loans"))
        else { return nil }
        l.rejectUnknownKeys(allowed: Self.loansKeys)
        let arrivals = l.required("count").flatMap { count($0, l.path("count")) }
        let principal = l.required("principal").flatMap { distribution($0, l.path("principal"), .nonNegative) }
        var term: Int? = 1
        if let tn = l["term"] { term = reader.integer(tn, l.path("term"), in: 1...30) }
        var repayment: Repayment? = .bullet
        if let rn = l["repayment"], let r = reader.string(rn, l.path("repayment")) {
            repayment = Repayment(rawValue: r)
            if repayment == nil {
                reader.fail(
                    l.path("repayment"), rn, "unknown repayment `\(r)`",
                    hint: "bullet (the whole principal at maturity) or linear (equal principal repayments at the end of each loan year)")
            }
        }
        guard let arrivals, let principal, let term, let repayment, let defaults else { return nil }
        return LoanBook(count: arrivals, principal: principal, term: term, repayment: repayment, defaults: defaults)
    }

    func defaultModel(_ m: MappingCursor) -> DefaultModel? {
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
}
