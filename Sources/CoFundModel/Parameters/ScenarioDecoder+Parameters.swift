import Yams

/// Decoding of the `parameters:` section: each parameter's name, unit and dated, cited values.
extension ScenarioDecoder {
    static let parameterKeys = ["name", "unit", "description", "values"]
    static let parameterEntryKeys = ["from", "until", "value", "source"]

    /// A decoded parameter with the node of each entry's value, which program fields reading the
    /// parameter are decoded from.
    struct DeclaredParameter {
        var parameter: PolicyParameter
        var valueNodes: [Node]
        /// The decoder's path of each entry's value (`parameters.rd_cap.values[0].value`).
        var valueFields: [String]
    }

    /// `parameters: {id: {name, unit, description, values: [{from, until, value, source}]}}`, in
    /// the order written. Entries must start in order, each after the previous one ends.
    func decodeParameters(_ node: Node) -> [String: DeclaredParameter] {
        guard let m = reader.mapping(node, "parameters") else { return [:] }
        var out: [String: DeclaredParameter] = [:]
        for e in m.entries {
            let field = m.path(e.key)
            guard identifier(e.keyNode, field) != nil else { continue }
            guard let p = decodeParameter(e.key, e.value, field) else { continue }
            out[e.key] = p
        }
        return out
    }

    private func decodeParameter(_ id: String, _ node: Node, _ field: String) -> DeclaredParameter? {
        guard let m = reader.mapping(node, field) else { return nil }
        m.rejectUnknownKeys(allowed: Self.parameterKeys)
        let before = reader.issues.count
        let name = m.required("name", hint: "what the number is, as the text calls it").flatMap { reader.string($0, m.path("name")) }
        let units = ParameterUnit.allCases.map(\.rawValue)
        var unit: ParameterUnit?
        if let n = m.required("unit", hint: units.joined(separator: ", ")), let u = reader.string(n, m.path("unit")) {
            unit = ParameterUnit(rawValue: u)
            if unit == nil {
                reader.fail(
                    m.path("unit"), n, "unknown unit `\(u)`",
                    hint: DidYouMean.suggestion(for: u, among: units).map { "did you mean `\($0)`?" }
                        ?? "one of \(units.joined(separator: ", ")) (wan: 万元, yuan: 元, fraction: a share or rate from 0 to 1)")
            }
        }
        let description = m["description"].flatMap { reader.string($0, m.path("description")) } ?? ""
        guard let valuesNode = m.required("values", hint: "a list of {from: YYYY-MM-DD, value: …, source: 文号 and clause}"),
            let items = reader.sequence(valuesNode, m.path("values"))
        else { return nil }
        if items.isEmpty {
            reader.fail(m.path("values"), valuesNode, "the parameter has no value", hint: "at least one {from, value, source}")
        }
        var entries: [PolicyParameter.Entry] = []
        var valueNodes: [Node] = []
        var valueFields: [String] = []
        for (n, itemField) in items {
            guard let e = reader.mapping(n, itemField) else { continue }
            e.rejectUnknownKeys(allowed: Self.parameterEntryKeys)
            let from = e.required("from", hint: "the date the value comes into force, YYYY-MM-DD").flatMap { date($0, e.path("from")) }
            let until = e["until"].map { date($0, e.path("until")) }
            let source = e.required("source", hint: "the document number (文号) and clause that set the value").flatMap {
                reader.string($0, e.path("source"))
            }
            guard let valueNode = e.required("value", hint: "a number or a distribution") else { continue }
            let rule = unit.map(Self.valueRule) ?? .any
            let value = parameter(valueNode, e.path("value"), rule)
            if let unit = unit, unit == .years, let v = value, case let .value(x) = v, x != x.rounded() {
                reader.fail(e.path("value"), valueNode, "\(f(x)) is not a whole number of years")
            }
            guard let from, let source, let value, case .some(let end) = until ?? .some(nil) else { continue }
            if let end, end < from {
                reader.fail(
                    e.path("until"), e["until"], "the value ends on \(end), before it comes into force on \(from)",
                    hint: "`until` must be on or after `from`")
                continue
            }
            if let last = entries.last {
                let lastEnd = last.until
                if from <= last.from {
                    reader.fail(
                        e.path("from"), e["from"],
                        "the values are out of order: this one comes into force on \(from), not after the previous one (\(last.from))",
                        hint: "list the values in the order they come into force")
                    continue
                }
                if let lastEnd, from <= lastEnd {
                    reader.fail(
                        e.path("from"), e["from"], "this value comes into force on \(from), while the previous one is in force until \(lastEnd)",
                        hint: "the dates overlap: end the previous value before \(from), or start this one after \(lastEnd)")
                    continue
                }
            }
            entries.append(PolicyParameter.Entry(from: from, until: end, value: value, source: source))
            valueNodes.append(valueNode)
            valueFields.append(e.path("value"))
        }
        guard reader.issues.count == before, let name, let unit else { return nil }
        let p = PolicyParameter(id: id, name: name, unit: unit, description: description, values: entries)
        return DeclaredParameter(parameter: p, valueNodes: valueNodes, valueFields: valueFields)
    }

    /// The values a parameter of `unit` may take.
    static func valueRule(_ unit: ParameterUnit) -> ValueRule {
        switch unit {
        case .fraction: .probability
        case .wan, .yuan, .ratio, .years: .nonNegative
        }
    }
}
