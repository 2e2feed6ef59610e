/// Works one claim of one program through its rule, quoting each parameter and the source clause.
///
/// The arithmetic is the engine's: each step narrates what the kind's payout functions
/// (`RateTerms.work`, `ComponentTerms.payout`, `ClaimLimits.apply`, `MatchTerms.work`,
/// `CompensationTerms.work` with `CompensationFlows`, `InterestSubsidyTerms.work`) return, so
/// `explain` and a run cannot disagree.
public struct Explainer {
    let scenario: Scenario
    var unit: String { scenario.unit.label }

    /// Amounts to the yuan: 4 decimals in 万元, 2 in 元.
    private func fmt(_ v: Double) -> String { Formatting.amount(v, decimals: scenario.unit == .wan ? 4 : 2) }

    public init(_ scenario: Scenario) { self.scenario = scenario }

    public func explain(program id: String, _ inputs: ClaimInputs) throws(ExplainError) -> Explanation {
        guard let declared = scenario.program(id) else {
            throw ExplainError("no program `\(id)` in \(scenario.id); programs: \(scenario.programs.map(\.id).joined(separator: ", "))")
        }
        let year = inputs.year ?? (declared.activeYears ?? scenario.years).lowerBound
        guard scenario.years.contains(year) else {
            throw ExplainError("\(year) is outside the scenario's years \(scenario.years.lowerBound)–\(scenario.years.upperBound)")
        }
        let program = declared.inYear(year)
        var e = Explanation()
        e.heading = [
            "\(program.name) (\(program.id)) — \(program.rule.kind)",
            "Source: \(program.source)",
            "One claim made in \(year); amounts in \(unit).",
        ]
        e.heading += parameterLines(declared, year: year)
        e.heading.append("")
        try work(program, inputs, claimYear: year, paidFrom: year, into: &e)
        return e
    }

    /// The parameters `p` reads and the value each takes for the claims of `year`, with its clause.
    private func parameterLines(_ p: Program, year: Int) -> [String] {
        var lines: [String] = []
        for id in p.parameterIDs {
            guard let param = scenario.parameter(id), let i = param.entry(forYear: year, on: p.claimDate) else { continue }
            let entry = param.values[i]
            let fields = p.bindings.filter { $0.parameter == id }.map(\.field).joined(separator: ", ")
            lines.append(
                "Parameter \(id) (\(fields)) = \(ParameterText.format(entry.value, percent: false)) \(param.unit.label), in force from \(entry.from): \(entry.source)"
            )
        }
        return lines
    }

    /// Appends the steps of one claim of `p`; `paidFrom` is the year the lag counts from (the
    /// claim year, or the parent's payment year for a match).
    private func work(_ p: Program, _ inputs: ClaimInputs, claimYear: Int, paidFrom: Int, into e: inout Explanation) throws(ExplainError) {
        var lagFrom = paidFrom
        switch p.rule {
        case let .rate(r): rate(r, p, inputs, &e)
        case let .award(a): try award(a, p, inputs, &e)
        case let .matching(m): lagFrom = try matching(m, p, inputs, claimYear: claimYear, into: &e)
        case let .riskCompensation(r): lagFrom = try risk(r, p, inputs, claimYear: claimYear, &e)
        case let .interestSubsidy(r): lagFrom = try interest(r, p, inputs, claimYear: claimYear, &e)
        }
        if case .riskCompensation = p.rule {} else { split(p, &e) }
        payment(p, from: lagFrom, into: &e)
        if case let .riskCompensation(r) = p.rule { recoveryPayment(p, r.recovery, defaultYear: lagFrom, into: &e) }
    }

    // MARK: - Steps

    private func step(_ e: inout Explanation, _ text: String) {
        e.steps.append("  \(e.steps.filter { $0.hasPrefix("  ") && !$0.hasPrefix("     ") }.count + 1). \(text)")
    }

    private func note(_ e: inout Explanation, _ text: String) { e.steps.append("     \(text)") }

    private func quote(_ name: String, _ p: Parameter, asRate: Bool = false) -> (Double, String) {
        let v = p.central
        let shown = asRate ? Formatting.rate(v) : fmt(v)
        if case let .uncertain(d) = p, !d.isDegenerate {
            return (v, "\(name) = \(shown) (uncertain, \(d.name); its mean is used here)")
        }
        return (v, "\(name) = \(shown)")
    }

    private func central(_ d: Distribution, given: Double?, _ what: String) -> (Double, String) {
        if let given { return (given, "\(what) = \(fmt(given)) \(unit) (given)") }
        if case let .fixed(v) = d { return (v, "\(what) = \(fmt(v)) \(unit)") }
        let v: Double
        if case let .lognormal(median, _) = d { v = median } else { v = d.mean }
        let which = if case .lognormal = d { "median" } else { "mean" }
        return (v, "\(what) = \(fmt(v)) \(unit) (the \(which) of its \(d.name) distribution; choose another with --base)")
    }

    private func rate(_ r: RateRule, _ p: Program, _ inputs: ClaimInputs, _ e: inout Explanation) {
        if !r.components.isEmpty { return components(r, inputs, &e) }
        let (base, baseText) = central(r.base, given: inputs.base, "base")
        step(&e, baseText)
        let terms = RateTerms(
            rate: r.rate.central, brackets: r.brackets, floor: r.floor?.central ?? 0,
            cap: r.capPerClaim?.central ?? .infinity, minBase: r.minBase?.central ?? 0)
        if let mb = r.minBase {
            let (v, t) = quote("min_base", mb)
            step(&e, "\(t): " + (base < v ? "the base is below it, so the claim pays nothing" : "the base reaches it"))
        }
        let worked = terms.work(base: base)
        if worked.bound == .minBase {
            e.payout = 0
            return
        }
        let gross = worked.gross
        if r.brackets.isEmpty {
            let (_, t) = quote("rate", r.rate, asRate: true)
            step(&e, "\(t) → \(Formatting.rate(terms.rate)) × \(fmt(base)) = \(fmt(gross))")
        } else {
            var lower = 0.0
            var parts: [String] = []
            for b in r.brackets where base > lower {
                let upper = b.upTo ?? .infinity
                parts.append("\(Formatting.rate(b.rate)) × \(fmt(min(base, upper) - lower))")
                lower = upper
            }
            step(&e, "progressive brackets → \(parts.joined(separator: " + ")) = \(fmt(gross))")
        }
        narrateLimits(worked, r, capName: "cap_per_claim", &e)
        e.payout = worked.payout
        step(&e, "payout = \(fmt(worked.payout)) \(unit)")
    }

    /// The floor and the cap of a rate program, as `ClaimLimits.apply` applied them, each quoted.
    private func narrateLimits(_ worked: ClaimPayout, _ r: RateRule, capName: String, _ e: inout Explanation) {
        if let f = r.floor {
            let (v, t) = quote("floor", f)
            step(&e, "\(t): " + (worked.floored > worked.gross ? "binds, raising \(fmt(worked.gross)) to \(fmt(v))" : "does not bind"))
        }
        if let c = r.capPerClaim {
            let (v, t) = quote(capName, c)
            let x = worked.floored
            step(
                &e,
                "\(t): "
                    + (worked.bound == .cap ? "binds — \(fmt(x)) > \(fmt(v)), so the claim pays \(fmt(v))" : "does not bind (\(fmt(x)) ≤ \(fmt(v)))"))
        } else {
            step(&e, "no cap per claim")
        }
    }

    /// The floor and cap of `r` at their central values.
    private func limits(_ r: RateRule) -> ClaimLimits {
        ClaimLimits(floor: r.floor?.central ?? 0, cap: r.capPerClaim?.central ?? .infinity)
    }

    /// A claimant using every component, each at its central base.
    private func components(_ r: RateRule, _ inputs: ClaimInputs, _ e: inout Explanation) {
        var amounts: [Double] = []
        for c in r.components {
            let (base, baseText) = central(c.base, given: nil, "\(c.id): base")
            step(&e, baseText)
            let (rate, rt) = quote("rate", c.rate, asRate: true)
            let terms = ComponentTerms(rate: rate, cap: c.capPerClaim?.central ?? .infinity, minBase: c.minBase?.central ?? 0)
            let x = terms.payout(base: base)
            var text = "    \(rt) → \(fmt(rate * base))"
            if base < terms.minBase { text += "; below min_base \(fmt(terms.minBase)), so nothing" }
            if c.capPerClaim != nil, base >= terms.minBase {
                text += rate * base > terms.cap ? "; its cap \(fmt(terms.cap)) binds" : "; its cap \(fmt(terms.cap)) does not bind"
            }
            note(&e, text + " → \(fmt(x))")
            let (prob, _) = quote("probability", c.probability, asRate: true)
            if prob < 1 { note(&e, "    (a claimant uses this component with probability \(Formatting.rate(prob)); this one does)") }
            amounts.append(x)
        }
        let combined = RateRule.combined(amounts, r.combine)
        step(
            &e,
            r.combine == .sum
                ? "combine: sum → \(amounts.map(fmt).joined(separator: " + ")) = \(fmt(combined))"
                : "combine: max (就高不重复, only the highest is paid) → \(fmt(combined))")
        let worked = limits(r).apply(combined)
        narrateLimits(worked, r, capName: "cap_per_claim (over all components)", &e)
        e.payout = worked.payout
        step(&e, "payout = \(fmt(worked.payout)) \(unit)")
    }

    private func award(_ a: AwardRule, _ p: Program, _ inputs: ClaimInputs, _ e: inout Explanation) throws(ExplainError) {
        if a.tiers.isEmpty {
            let (v, t) = central(a.amount, given: inputs.base, "award")
            step(&e, t)
            e.payout = v
        } else {
            let i = inputs.tier ?? 1
            guard (1...a.tiers.count).contains(i) else { throw ExplainError("--tier must be from 1 to \(a.tiers.count)") }
            for (k, tier) in a.tiers.enumerated() {
                note(&e, "tier \(k + 1): \(fmt(tier.amount.mean)) \(unit) with probability \(Formatting.rate(tier.probability))")
            }
            let (v, t) = central(a.tiers[i - 1].amount, given: inputs.base, "tier \(i) award")
            step(&e, t + (inputs.tier == nil ? " (choose another tier with --tier)" : ""))
            note(&e, "expected award over the tiers: \(fmt(a.meanAmount)) \(unit)")
            e.payout = v
        }
        if case let .uncertain(d) = a.claims.approval { note(&e, "approval is uncertain (\(d.name)); this claim is taken as approved") }
        step(&e, "payout = \(fmt(e.payout)) \(unit)")
    }

    /// Works the parent's claim, then the match; returns the year the parent paid, from which the
    /// match's lag counts.
    private func matching(_ m: MatchingRule, _ p: Program, _ inputs: ClaimInputs, claimYear: Int, into e: inout Explanation) throws(ExplainError)
        -> Int
    {
        guard let parent = scenario.program(m.matches)?.inYear(claimYear) else { throw ExplainError("`\(m.matches)` is not a program") }
        var pe = Explanation()
        try work(parent, inputs, claimYear: claimYear, paidFrom: claimYear, into: &pe)
        e.steps.append("  First the matched claim of \(parent.name) (\(parent.id)), \(parent.source):")
        e.steps += pe.steps.map { "    " + $0 }
        let matchedShare = m.of.map { of in parent.share.parts.first { $0.funder == of }?.fraction ?? 0 } ?? 1
        let (ratio, rt) = quote("ratio", m.ratio)
        let worked = MatchTerms(ratio: ratio, cap: m.capPerClaim?.central ?? .infinity).work(parentPayout: pe.payout, matchedShare: matchedShare)
        let parentYear = pe.payments.first?.year ?? claimYear
        step(
            &e,
            "matched amount = \(fmt(worked.matched)) \(unit)" + (m.of.map { " (what \($0) paid)" } ?? " (the parent's payout)")
                + ", paid in \(parentYear)")
        step(&e, "\(rt) → \(Formatting.trimmed(ratio)) × \(fmt(worked.matched)) = \(fmt(worked.gross))")
        let x = worked.payout
        if let c = m.capPerClaim {
            let (v, t) = quote("cap_per_claim", c)
            step(&e, "\(t): " + (worked.capBinds ? "binds, so the match pays \(fmt(v))" : "does not bind"))
        }
        let (_, ft) = quote("fraction", m.fraction, asRate: true)
        note(&e, "\(ft) of the parent's claims are in this area; this one is taken to be (the simulation matches that share)")
        e.payout = x
        step(&e, "payout = \(fmt(x)) \(unit)")
        return parentYear
    }

    /// The loan year of `inputs` (0 unless given), checked against the term.
    private func loanYear(_ inputs: ClaimInputs, _ loans: LoanBook) throws(ExplainError) -> Int {
        let j = inputs.loanYear ?? 0
        guard (0..<loans.term).contains(j) else {
            throw ExplainError("--loan-year must be from 0 to \(loans.term - 1) (the term is \(loans.term) years)")
        }
        return j
    }

    /// What is outstanding in loan year `j`, as `Repayment.outstanding` computed it.
    private func outstandingText(_ loans: LoanBook, principal: Double, j: Int, _ outstanding: Double) -> String {
        switch loans.repayment {
        case .bullet: "repayment bullet: the whole principal is outstanding until maturity → \(fmt(outstanding)) \(unit)"
        case .linear:
            "repayment linear: 1/\(loans.term) of the principal is repaid at the end of each loan year, so in loan year \(j) "
                + "\(fmt(principal)) × \(loans.term - j)/\(loans.term) = \(fmt(outstanding)) \(unit) is outstanding"
        }
    }

    /// One loan defaulting in loan year `--loan-year` (default 0): each funder's share of the capped
    /// non-performing principal, the recovery and the bank's part; returns the default year.
    private func risk(_ r: RiskCompensationRule, _ p: Program, _ inputs: ClaimInputs, claimYear: Int, _ e: inout Explanation) throws(ExplainError)
        -> Int
    {
        let segments = r.effectiveSegments
        let seg: RiskCompensationRule.Segment
        if let s = inputs.segment {
            guard let found = segments.first(where: { $0.id == s }) else {
                throw ExplainError("no segment `\(s)`; segments: \(segments.map(\.id).joined(separator: ", "))")
            }
            seg = found
        } else {
            seg = segments[0]
        }
        if !r.segments.isEmpty { step(&e, "segment \(seg.id) (weight \(Formatting.rate(seg.weight)) of the loans)") }
        let (principal, pt) = central(r.loans.principal, given: inputs.principal ?? inputs.base, "principal of the defaulted loan")
        step(&e, pt)
        let j = try loanYear(inputs, r.loans)
        let defaultYear = claimYear + j
        let rate: Double
        let rateText: String
        if let given = inputs.recoveryRate {
            (rate, rateText) = (given, "recovery rate = \(Formatting.rate(given)) (given)")
        } else {
            rate = r.recovery.rate.mean
            rateText =
                "recovery rate = \(Formatting.rate(rate))"
                + (r.recovery.rate.isDegenerate ? "" : " (the mean of its \(r.recovery.rate.name) distribution; choose another with --recovery)")
        }
        let terms = CompensationTerms(cap: r.capPerBorrower?.central ?? .infinity, term: r.loans.term, repayment: r.loans.repayment)
        let loan = terms.work(principal: principal, loanYear: j, recoveryRate: rate)
        let flows = loan.flows
        step(&e, "the loan defaults in \(defaultYear) (loan year \(j) of a \(r.loans.term)-year term)")
        step(&e, "non-performing principal: " + outstandingText(r.loans, principal: principal, j: j, flows.outstanding))
        if let c = r.capPerBorrower {
            let (v, t) = quote("cap_per_borrower", c)
            step(
                &e,
                "\(t): "
                    + (loan.capBinds
                        ? "binds — only \(fmt(v)) of the \(fmt(flows.outstanding)) is compensated" : "does not bind"))
        }
        step(&e, "compensation base = min(non-performing principal, cap) = \(fmt(flows.base)) \(unit)")
        let shares = seg.lossShares ?? r.lossShares
        var paid = FunderFlows.zero
        var funders: [(String, FunderFlows)] = []
        for f in r.funderIDs where f != r.residual {
            guard let s = shares.first(where: { $0.funder == f }) else { continue }
            let (v, t) = quote("loss share of \(f)", s.fraction, asRate: true)
            let x = flows.funder(share: v)
            paid = paid + x
            funders.append((f, x))
            step(&e, "\(t) → pays \(fmt(x.gross)) \(unit) at default")
        }
        let bank = flows.residual(paid: paid)
        step(
            &e,
            "\(r.residual) (residual) bears the non-performing principal minus what the funders paid: "
                + "\(fmt(flows.outstanding)) − \(fmt(paid.gross)) = \(fmt(bank.gross)) \(unit)")
        step(&e, rateText + " → recovered = \(Formatting.rate(rate)) × \(fmt(flows.outstanding)) = \(fmt(flows.recovered)) \(unit)")
        let back = funders.map { "\($0.0) \(fmt($0.1.recovered))" }
        note(
            &e,
            "returned to the funders in proportion to what they paid (rate × what each paid, a negative payment): "
                + (back.isEmpty ? "none" : back.joined(separator: "; ")) + " \(unit)")
        note(
            &e,
            "\(r.residual) keeps the rest of the recovery: \(fmt(flows.recovered)) − \(fmt(-paid.recovered)) = \(fmt(-bank.recovered)) "
                + "\(unit), a payment of \(fmt(bank.recovered))")
        for (f, x) in funders + [(r.residual, bank)] {
            e.amounts.append((f, x.gross))
            e.recoveries.append((f, x.recovered))
        }
        let nets = (funders + [(r.residual, bank)]).map { "\($0.0) \(fmt($0.1.net))" }
        step(&e, "net of the recovery: " + nets.joined(separator: "; ") + " \(unit)")
        e.payout = flows.outstanding
        return defaultYear
    }

    /// One loan-year `--loan-year` (default 0) of a loan that does not default; returns the year.
    private func interest(_ r: InterestSubsidyRule, _ p: Program, _ inputs: ClaimInputs, claimYear: Int, _ e: inout Explanation)
        throws(ExplainError) -> Int
    {
        let (principal, pt) = central(r.loans.principal, given: inputs.principal ?? inputs.base, "principal of a loan repaid on time")
        step(&e, pt)
        let j = try loanYear(inputs, r.loans)
        let (rate, rt) = quote("interest_rate", r.interestRate, asRate: true)
        let (fee, ft) = quote("fee_rate", r.feeRate, asRate: true)
        let (fraction, frt) = quote("fraction", r.fraction, asRate: true)
        let terms = InterestSubsidyTerms(
            interestRate: rate, feeRate: fee, fraction: fraction, cap: r.capPerClaim?.central ?? .infinity, term: r.loans.term,
            repayment: r.loans.repayment)
        let year = terms.work(principal: principal, loanYear: j)
        if r.loans.term > 1 || r.loans.repayment != .bullet {
            step(&e, "loan year \(j) (\(claimYear + j)); " + outstandingText(r.loans, principal: principal, j: j, year.outstanding))
        }
        step(&e, "\(rt), \(ft) → a year's interest and fees = \(fmt(year.charges))")
        step(&e, "\(frt) → \(fmt(year.gross))")
        if let c = r.capPerClaim {
            let (_, t) = quote("cap_per_claim (per firm per year)", c)
            step(&e, "\(t): " + (year.capBinds ? "binds, so the year pays \(fmt(terms.cap))" : "does not bind"))
        }
        e.payout = year.payout
        step(&e, "payout for one year of a loan that does not default = \(fmt(e.payout)) \(unit)")
        note(&e, "paid each year of the \(r.loans.term)-year term in which the loan does not default")
        return claimYear + j
    }

    private func split(_ p: Program, _ e: inout Explanation) {
        let parts = p.share.parts.map { part -> String in
            let amount = part.fraction * e.payout
            e.amounts.append((part.funder, amount))
            return "\(part.funder) \(Formatting.rate(part.fraction)) → \(fmt(amount))"
        }
        step(&e, "split by share: " + parts.joined(separator: "; ") + " \(unit)")
    }

    /// The recovery of a loan that defaulted in `defaultYear`: `lag` years later, then paid with the
    /// program's payment lag and schedule.
    private func recoveryPayment(_ p: Program, _ recovery: Recovery, defaultYear: Int, into e: inout Explanation) {
        let first = defaultYear + recovery.lag + p.paymentLag
        e.recoveryPayments = p.paymentSchedule.enumerated().map { (first + $0, $1) }
        let years = e.recoveryPayments.map { "\($0.year)" + (p.paymentSchedule.count > 1 ? " (\(Formatting.rate($0.fraction)))" : "") }
        step(
            &e,
            "recovery lag = \(recovery.lag): the recovery comes back in \(years.joined(separator: ", "))"
                + (first > scenario.years.upperBound ? " (after the horizon)" : ""))
    }

    private func payment(_ p: Program, from year: Int, into e: inout Explanation) {
        let first = year + p.paymentLag
        e.payments = p.paymentSchedule.enumerated().map { (first + $0, $1) }
        if p.paymentSchedule.count == 1 {
            let after = p.paymentLag == 0 ? "in the year of the claim" : "\(p.paymentLag) year\(p.paymentLag == 1 ? "" : "s") later"
            step(&e, "payment_lag = \(p.paymentLag): paid \(after), in \(first)" + (first > scenario.years.upperBound ? " (after the horizon)" : ""))
        } else {
            let parts = e.payments.map { "\(Formatting.rate($0.fraction)) in \($0.year)" }
            step(&e, "payment_schedule: " + parts.joined(separator: ", "))
        }
    }
}
