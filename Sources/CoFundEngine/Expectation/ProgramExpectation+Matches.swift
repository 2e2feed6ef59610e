import CoFundModel

extension ProgramExpectation {
    /// A match's expected payments by payment year, and then its own matches': each claim of root
    /// claim year t that its parent pays in year y is taken with probability `fraction` and pays
    /// ratio × the matched share × the parent's payment (`PathSimulator.pay`), in the years the
    /// match is in force. Linear, hence exact, when the match has no cap per claim.
    static func matches(
        _ c: Int, parentPay: Result<ProgramExpectation, Missing>, parent: ProgramPlan, _ plan: SimulationPlan,
        _ rationed: [Int: String], _ out: inout [Result<ProgramExpectation, Missing>]
    ) {
        // A root parent's expected payments as (claim year, payment year, amount).
        var pays: [(claimYear: Int, payYear: Int, amount: Double)] = []
        if parent.parent == nil, case let .success(.claims(raw)) = parentPay {
            pays = raw.indices.compactMap { t in raw[t] == 0 ? nil : (t, t + parent.program.paymentLag, raw[t]) }
        }
        out[c] = matchExpectation(c, parent: parent, pays: pays, parentPay: parentPay, plan, rationed)
        let child = plan.programs[c]
        for g in child.children { matches(g, parentPay: out[c], parent: child, plan, rationed, &out) }
    }

    private static func matchExpectation(
        _ c: Int, parent: ProgramPlan, pays rootPays: [(claimYear: Int, payYear: Int, amount: Double)],
        parentPay: Result<ProgramExpectation, Missing>, _ plan: SimulationPlan, _ rationed: [Int: String]
    ) -> Result<ProgramExpectation, Missing> {
        if let line = rationed[c] { return .failure(Missing("rationed pro rata by \(line)")) }
        guard case .success = parentPay else { return .failure(Missing("it matches \(parent.program.id), which has none")) }
        let child = plan.programs[c]
        guard case let .matching(ratio, fraction, cap) = child.slots else { return .failure(Missing("not a match")) }
        for v in child.versions where v.parameters[cap].isUncertain || v.parameters[cap].central != .infinity {
            return .failure(Missing("its cap per claim makes the match nonlinear"))
        }
        guard parent.parent == nil else { return .failure(Missing("it matches a match")) }
        if case .interest = parent.slots { return .failure(Missing("it matches an interest subsidy")) }
        var of: String?
        if case let .matching(m) = child.program.rule { of = m.of }
        var raw = [Double](repeating: 0, count: plan.span)
        for pay in rootPays {
            let t = pay.claimYear, y = pay.payYear
            guard y < plan.span, y >= child.forceFirst, y <= child.forceLast else { continue }
            let v = child.versions[child.versionOfYear[t]]
            let share = of.map { parent.versions[parent.versionOfYear[t]].share.fraction(of: $0) } ?? 1
            raw[y] += v.parameters[fraction].central * v.parameters[ratio].central * share * pay.amount
        }
        return .success(.claims(raw))
    }
}
