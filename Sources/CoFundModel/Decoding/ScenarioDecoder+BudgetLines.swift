import Yams

/// Decoding of `budget_lines:`, and the checks that tie every appropriation (declared lines and the
/// programs' own `budget:`) to the programs it covers.
extension ScenarioDecoder {
    static let budgetLineKeys = ["id", "name", "funder", "programs", "amount", "rationing", "source", "assumption"]

    func decodeBudgetLines(
        _ node: Node, horizon: ClosedRange<Int>?, parameters: [String: DeclaredParameter] = [:], money: Scenario.Unit = .wan
    ) -> [BudgetLine] {
        guard let items = reader.sequence(node, "budget_lines") else { return [] }
        var lines: [BudgetLine] = []
        var seen: Set<String> = []
        for (n, field) in items {
            guard let m = reader.mapping(n, field) else { continue }
            let before = reader.issues.count
            m.rejectUnknownKeys(allowed: Self.budgetLineKeys)
            var id: String?
            if let idNode = m.required("id"), let v = identifier(idNode, m.path("id")), refuseReserved(v, idNode, m.path("id")) {
                if names.programs.contains(v) {
                    reader.fail(
                        m.path("id"), idNode, "`\(v)` is a program id; a program's own `budget:` is reported under it",
                        hint: "give the line an id of its own, e.g. `\(v)-line`")
                } else if !seen.insert(v).inserted {
                    reader.fail(m.path("id"), idNode, "the budget line id `\(v)` is used twice", hint: "give each line its own id")
                } else {
                    id = v
                }
            }
            let name = m["name"].flatMap { reader.string($0, m.path("name")) }
            var funder: String?
            if let fn = m.required("funder", hint: "the id of the funder whose appropriation this is"),
                let f = reader.string(fn, m.path("funder"))
            {
                requireFunder(f, fn, m.path("funder"), "the budget line")
                funder = f
            }
            let programs = m.required("programs", hint: "a list of program ids, e.g. [rd-ordinary, rd-large]")
                .flatMap { coveredPrograms($0, m.path("programs")) }
            let amounts = m.required("amount", hint: "a yearly amount, or {year: amount}")
                .flatMap { appropriation($0, m.path("amount"), horizon: horizon, parameters: parameters, money: money) }
            var rationing = Program.Rationing.none
            if let rn = m["rationing"], let r = reader.string(rn, m.path("rationing")) {
                if let v = Program.Rationing(rawValue: r) {
                    rationing = v
                } else {
                    reader.fail(m.path("rationing"), rn, "unknown rationing `\(r)`", hint: "none or pro_rata")
                }
            }
            let source = m["source"].flatMap { reader.string($0, m.path("source")) }
            let assumptions = m["assumption"].map { assumptionList($0, m.path("assumption")) } ?? []
            guard reader.issues.count == before, let id, let funder, let programs, let amounts else { continue }
            lines.append(
                BudgetLine(
                    id: id, name: name ?? id, funder: funder, programs: programs, amounts: amounts, rationing: rationing,
                    source: source, assumptions: assumptions))
        }
        return lines
    }

    /// A non-empty list of declared program ids, each once.
    private func coveredPrograms(_ node: Node, _ field: String) -> [String]? {
        guard let items = reader.sequence(node, field) else { return nil }
        guard !items.isEmpty else {
            reader.fail(field, node, "a budget line covers at least one program")
            return nil
        }
        var ids: [String] = []
        var ok = true
        for (n, f) in items {
            guard let id = reader.string(n, f) else { ok = false; continue }
            guard requireProgram(id, n, f) else { ok = false; continue }
            if ids.contains(id) {
                reader.fail(f, n, "`\(id)` is listed twice", hint: "list each program once")
                ok = false
                continue
            }
            ids.append(id)
        }
        return ok ? ids : nil
    }

    /// A yearly amount (every year of the horizon) or a mapping from year to amount.
    private func appropriation(
        _ node: Node, _ field: String, horizon: ClosedRange<Int>?, parameters: [String: DeclaredParameter], money: Scenario.Unit
    ) -> [Int: Double]? {
        if let id = ParameterReference.id(of: node) {
            guard let horizon else { return [:] }
            var out: [Int: Double] = [:]
            for year in horizon {
                guard let v = parameterAmount(id, node, field, year: year, parameters: parameters, money: money) else { return nil }
                if let v { out[year] = v }
            }
            guard !out.isEmpty else {
                reader.fail(
                    field, node, "the parameter `\(id)` has no value in force in any year of the horizon", hint: "add a value to parameters.\(id)")
                return nil
            }
            return out
        }
        guard case .mapping = node else {
            guard let v = number(node, field, .nonNegative) else { return nil }
            // Without a valid horizon the scenario is refused anyway; the amount is still checked.
            guard let horizon else { return [:] }
            return Dictionary(uniqueKeysWithValues: horizon.map { ($0, v) })
        }
        guard let m = reader.mapping(node, field) else { return nil }
        var out: [Int: Double] = [:]
        var ok = true
        for e in m.entries {
            guard let year = Int(e.key), (1900...2200).contains(year) else {
                reader.fail(m.path(e.key), e.keyNode, "`\(e.key)` is not a year", hint: "e.g. 2026: 12000")
                ok = false
                continue
            }
            if let horizon, !horizon.contains(year) {
                reader.fail(
                    m.path(e.key), e.keyNode, "\(year) is outside the scenario's years \(horizon.lowerBound)–\(horizon.upperBound)",
                    hint: "give amounts for years of the horizon only")
                ok = false
                continue
            }
            if let id = ParameterReference.id(of: e.value) {
                guard let v = parameterAmount(id, e.value, m.path(e.key), year: year, parameters: parameters, money: money) else {
                    ok = false; continue
                }
                guard let v else {
                    reader.fail(
                        m.path(e.key), e.value, "the parameter `\(id)` has no value in force in \(year)",
                        hint: "add a value in force in \(year) to parameters.\(id)")
                    ok = false
                    continue
                }
                out[year] = v
                continue
            }
            guard let v = number(e.value, m.path(e.key), .nonNegative) else { ok = false; continue }
            out[year] = v
        }
        if ok, out.isEmpty { reader.fail(field, node, "the appropriation names no year", hint: "e.g. {2025: 12000, 2026: 13000}") }
        return ok && !out.isEmpty ? out : nil
    }

    /// The amount an appropriation reads from parameter `id` in `year`: the value in force on its
    /// first day (on the nearest day when the value comes into force or ends during the year);
    /// `.some(nil)` when none is in force in the year, nil after reporting a bad reference.
    private func parameterAmount(
        _ id: String, _ node: Node, _ field: String, year: Int, parameters: [String: DeclaredParameter], money: Scenario.Unit
    ) -> Double?? {
        let ref = ParameterReference(parameter: id, node: node, field: "amount", decoderField: "", key: "amount", parentKey: nil)
        guard checkReferences([ref], at: field, parameters: parameters, money: money), let p = parameters[id]?.parameter else { return nil }
        guard let i = p.entry(forYear: year, on: .januaryFirst) else { return .some(nil) }
        guard case let .value(v) = p.values[i].value else {
            reader.fail(
                field, node, "an appropriation is a number, but `\(id)` is uncertain from \(p.values[i].from)", hint: "give the parameter a number")
            return nil
        }
        return v
    }
}
