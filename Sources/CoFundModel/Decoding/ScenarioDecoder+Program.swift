import Foundation
import Yams

/// Decoding of one program: the fields every kind has, then the kind's own.
extension ScenarioDecoder {
    func decodeProgram(_ node: Node, _ field: String) -> Program? {
        guard let m = reader.mapping(node, field) else { return nil }
        let before = reader.issues.count
        let idNode = m.required("id")
        let id = idNode.flatMap { n in identifier(n, m.path("id")).flatMap { refuseReserved($0, n, m.path("id")) ? $0 : nil } }
        let name = m.required("name").flatMap { reader.string($0, m.path("name")) }
        let source = m.required("source", hint: "the document number (文号) and clause").flatMap { reader.string($0, m.path("source")) }
        guard let kindNode = m.required("kind", hint: ProgramKind.names.joined(separator: ", ")),
            let kindName = reader.string(kindNode, m.path("kind"))
        else { return nil }
        guard let kind = ProgramKind(rawValue: kindName) else {
            let hint =
                DidYouMean.suggestion(for: kindName, among: ProgramKind.names).map { "did you mean `\($0)`?" }
                ?? "one of \(ProgramKind.names.joined(separator: ", "))"
            reader.fail(m.path("kind"), kindNode, "unknown kind `\(kindName)`", hint: hint)
            return nil
        }
        let isRisk = !kind.splitsByShare
        if isRisk, let s = m["share"] {
            reader.fail(
                m.path("share"), s, "a risk_compensation program splits each loss by `loss_shares` and `residual`, not `share`",
                hint: "write loss_shares: {province: 0.35, city: 0.35} and residual: bank")
        }
        m.rejectUnknownKeys(allowed: kind.allFields + (isRisk ? ["share", "lgd"] : []))

        let assumptions = m["assumption"].map { assumptionList($0, m.path("assumption")) } ?? []
        let activeYears = m["years"].flatMap { years($0, m.path("years")) }
        let inForce = m["in_force"].flatMap { decodeInForce($0, m.path("in_force")) }
        let continues = m["continue_after_expiry"].flatMap { reader.boolean($0, m.path("continue_after_expiry")) } ?? false
        if continues, let node = m["continue_after_expiry"] {
            continuation(m, node, inForce: inForce, assumptions: assumptions)
        }
        let share: CostShare? =
            isRisk
            ? CostShare([]) : m.required("share", hint: "e.g. {province: 0.5, city: 0.25, district: 0.25}").flatMap { costShare($0, m.path("share")) }
        let budget = m["budget"].flatMap { budgetMap($0, m.path("budget")) } ?? [:]
        var rationing = Program.Rationing.none
        if let n = m["rationing"], let r = reader.string(n, m.path("rationing")) {
            if let v = Program.Rationing(rawValue: r) {
                rationing = v
            } else {
                reader.fail(m.path("rationing"), n, "unknown rationing `\(r)`", hint: "none or pro_rata")
            }
        }
        let lag = m["payment_lag"].flatMap { reader.integer($0, m.path("payment_lag"), in: 0...20) } ?? 0
        var claimDate = MonthDay.januaryFirst
        if let n = m["claim_date"], let text = reader.string(n, m.path("claim_date")) {
            if let d = MonthDay.parse(text) {
                claimDate = d
            } else {
                reader.fail(
                    m.path("claim_date"), n, "`\(text)` is not a day of the year",
                    hint: "write MM-DD (e.g. 06-30): the day on which a year's claims take the parameters' values in force")
            }
        }
        let schedule = m["payment_schedule"].flatMap { paymentSchedule($0, m.path("payment_schedule")) } ?? [1]

        let rule: ProgramRule?
        switch kind {
        case .rate: rule = rateRule(m)
        case .award: rule = awardRule(m)
        case .matching: rule = matchingRule(m)
        case .riskCompensation: rule = riskRule(m)
        case .interestSubsidy: rule = interestRule(m)
        }
        guard reader.issues.count == before, let id, let name, let source, let share, let rule else { return nil }
        return Program(
            id: id, name: name, source: source, assumptions: assumptions, rule: rule, share: share,
            budget: budget, rationing: rationing, paymentLag: lag, paymentSchedule: schedule, activeYears: activeYears,
            inForce: inForce, continuesAfterExpiry: continues, claimDate: claimDate)
    }

    /// `in_force: {from: YYYY-MM-DD, until: YYYY-MM-DD}`, either end optional, `from` not after
    /// `until`.
    func decodeInForce(_ node: Node, _ field: String) -> InForce? {
        guard let m = reader.mapping(node, field) else { return nil }
        m.rejectUnknownKeys(allowed: ["from", "until"])
        guard m["from"] != nil || m["until"] != nil else {
            reader.fail(field, node, "`in_force` names neither `from` nor `until`", hint: "e.g. {from: 2020-05-01, until: 2022-12-31}")
            return nil
        }
        let from = m["from"].map { date($0, m.path("from")) }
        let until = m["until"].map { date($0, m.path("until")) }
        if case .some(.none) = from { return nil }
        if case .some(.none) = until { return nil }
        let force = InForce(from: from ?? nil, until: until ?? nil)
        if let a = force.from, let b = force.until, a > b {
            reader.fail(
                m.path("from"), m["from"], "the text comes into force on \(a), after it expires on \(b)",
                hint: "`from` must be on or before `until`")
            return nil
        }
        return force
    }

    /// A date written `YYYY-MM-DD` (a year from 1900 to 2200, a day that exists).
    func date(_ node: Node, _ field: String) -> CalendarDate? {
        guard let text = reader.string(node, field) else { return nil }
        guard let d = CalendarDate.parse(text) else {
            reader.fail(
                field, node, "`\(text)` is not a date",
                hint: "write YYYY-MM-DD, a day that exists, in a year from 1900 to 2200 (e.g. 2022-12-31)")
            return nil
        }
        return d
    }

    /// `continue_after_expiry: true` needs a text that expires (`in_force.until`) and an
    /// assumption saying why the program runs past it.
    private func continuation(_ m: MappingCursor, _ node: Node, inForce: InForce?, assumptions: [String]) {
        let field = m.path("continue_after_expiry")
        guard m["in_force"] != nil else {
            reader.fail(
                field, node, "`continue_after_expiry` needs the date the text expires",
                hint: "add in_force: {until: YYYY-MM-DD} from the text, or drop continue_after_expiry")
            return
        }
        guard let inForce else { return }
        guard let until = inForce.until else {
            reader.fail(
                field, node, "`continue_after_expiry` needs `in_force.until`, the date the text expires",
                hint: "add until: YYYY-MM-DD to in_force, or drop continue_after_expiry")
            return
        }
        if Program.expiryNotes(in: assumptions).isEmpty {
            reader.fail(
                field, node, "the program runs past its text's expiry (\(until)) without an assumption saying why",
                hint:
                    "add to assumption: a note on the expiry, using one of \(Program.expiryAssumptionWords.joined(separator: ", ")) (e.g. \"continued after expiry: renewed in practice by …\")"
            )
        }
    }

    func assumptionList(_ node: Node, _ field: String) -> [String] {
        if case .sequence = node {
            return reader.sequence(node, field)?.compactMap { reader.string($0.node, $0.field) } ?? []
        }
        return reader.string(node, field).map { [$0] } ?? []
    }

    /// `{funder: fraction}` with fractions in [0, 1] summing to 1 (±1e-9).
    func costShare(_ node: Node, _ field: String) -> CostShare? {
        if let m = node.mapping {
            for (k, _) in m { if let f = k.scalar?.string { requireFunder(f, k, "\(field).\(f)", "the share") } }
        }
        guard let parts = funderFractions(node, field) else { return nil }
        guard !parts.isEmpty else {
            reader.fail(field, node, "no funder is named", hint: "e.g. {city: 1.0}")
            return nil
        }
        let sum = parts.reduce(0) { $0 + $1.fraction }
        guard abs(sum - 1) <= 1e-9 else {
            reader.fail(
                field, node, "the shares add up to \(sum.formatted6), not 1",
                hint: "make the fractions sum to 1 (50/25/25 is 0.5, 0.25, 0.25; 4:6 is 0.4, 0.6)")
            return nil
        }
        return CostShare(parts)
    }

    func funderFractions(_ node: Node, _ field: String) -> [(funder: String, fraction: Double)]? {
        guard let m = reader.mapping(node, field) else { return nil }
        var parts: [(funder: String, fraction: Double)] = []
        var ok = true
        for e in m.entries {
            if let v = number(e.value, m.path(e.key), .probability) { parts.append((e.key, v)) } else { ok = false }
        }
        return ok ? parts : nil
    }

    private func budgetMap(_ node: Node, _ field: String) -> [String: Double]? {
        guard let m = reader.mapping(node, field) else { return nil }
        var out: [String: Double] = [:]
        for e in m.entries {
            requireFunder(e.key, e.keyNode, m.path(e.key), "the budget")
            if let v = number(e.value, m.path(e.key), .nonNegative) { out[e.key] = v }
        }
        return out
    }

    private func paymentSchedule(_ node: Node, _ field: String) -> [Double]? {
        guard let items = reader.sequence(node, field) else { return nil }
        guard (1...20).contains(items.count) else {
            reader.fail(field, node, "a payment schedule has 1 to 20 installments, found \(items.count)")
            return nil
        }
        let values = items.compactMap { number($0.node, $0.field, .probability) }
        guard values.count == items.count else { return nil }
        let sum = values.reduce(0, +)
        guard abs(sum - 1) <= 1e-9 else {
            reader.fail(field, node, "the installments add up to \(sum.formatted6), not 1", hint: "e.g. [0.4, 0.3, 0.3]")
            return nil
        }
        return values
    }

    /// An optional parameter.
    func optionalParameter(_ m: MappingCursor, _ key: String, _ rule: ValueRule) -> Parameter?? {
        guard let n = m[key] else { return .some(nil) }
        guard let p = parameter(n, m.path(key), rule) else { return nil }
        return .some(p)
    }
}

extension Double {
    /// Up to six significant decimals, without trailing zeros; twelve significant digits when six
    /// decimals would round a value that is not whole to a whole number (a sum of 1.000000002 must
    /// not read "adds up to 1, not 1").
    var formatted6: String {
        var s = String(format: "%.6f", self)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        if self != self.rounded(), Double(s) == self.rounded() { return String(format: "%.12g", self) }
        return s
    }
}
