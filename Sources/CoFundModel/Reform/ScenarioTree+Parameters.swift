import Yams

/// Reforms of parameters: `parameters.<id>: <value>` sets the parameter to one value from its first
/// date on, `parameters.<id>.values.<YYYY-MM-DD>: <value>` adds (or replaces) the value in force from
/// that date, and a program field bound to a parameter is not set directly.
extension ScenarioTree {
    /// The parameters section's mapping of `id` → parameter node.
    private var parameterNodes: Node.Mapping? {
        guard case let .mapping(m)? = root.value(forKey: "parameters") else { return nil }
        return m
    }

    var parameterIDs: [String] { parameterNodes?.compactMap { $0.key.scalar?.string } ?? [] }

    /// The ids of the programs with a field reading parameter `id`.
    func programs(reading id: String) -> [String] {
        (root.value(forKey: "programs")?.sequence ?? []).compactMap { p in
            ParameterReference.all(in: p).contains { $0.parameter == id } ? p.text(forKey: "id") : nil
        }
    }

    /// Sets the parameter `id` to the single value `value` (a number or a distribution) from the
    /// date of its first value, citing `source`. Returns the values replaced.
    mutating func setParameter(_ id: String, to value: Node, source: String) throws(PathProblem) -> Node? {
        let param = try parameterNode(id)
        guard let first = param.value(forKey: "values")?.sequence?.first?.value(forKey: "from") else {
            throw PathProblem(message: "the parameter `\(id)` has no dated value to start from", hint: "give it values in the scenario first")
        }
        let entry = Node.mapping(Node.Mapping([(Node("from"), first), (Node("value"), value), (Node("source"), Node(source))]))
        return try set([.key("parameters"), .key(id), .key("values")], to: .sequence(Node.Sequence([entry])))
    }

    /// Adds the value `value` of parameter `id` from `date` on, citing `source` (or replaces the
    /// value of the entry that starts on that date). An entry before it whose `until` reaches the
    /// date is ended the day before. `value` may be a number, a distribution, or `{value, until,
    /// source}`. Returns the entry replaced, nil when the date is new.
    mutating func addParameterValue(_ id: String, from date: CalendarDate, _ value: Node, source: String) throws(PathProblem) -> Node? {
        guard case let .sequence(entries)? = try parameterNode(id).value(forKey: "values") else {
            throw PathProblem(message: "the parameter `\(id)` has no list of values", hint: "give it `values:` in the scenario")
        }
        var fields: [(Node, Node)] = [(Node("from"), Node(date.description))]
        if case let .mapping(m) = value, m.contains(where: { $0.key.scalar?.string == "value" }) {
            for (k, v) in m where k.scalar?.string != "from" { fields.append((k, v)) }
            if !m.contains(where: { $0.key.scalar?.string == "source" }) { fields.append((Node("source"), Node(source))) }
        } else {
            fields += [(Node("value"), value), (Node("source"), Node(source))]
        }
        let entry = Node.mapping(Node.Mapping(fields))
        var list = Array(entries)
        var replaced: Node?
        if let i = list.firstIndex(where: { $0.text(forKey: "from").flatMap(CalendarDate.parse) == date }) {
            replaced = list[i]
            list[i] = entry
        } else {
            let i = list.firstIndex { ($0.text(forKey: "from").flatMap(CalendarDate.parse) ?? date) > date } ?? list.count
            list.insert(entry, at: i)
        }
        // An earlier entry whose stated end reaches the new date now ends the day before it.
        for (i, e) in list.enumerated() {
            guard let from = e.text(forKey: "from").flatMap(CalendarDate.parse), from < date,
                let until = e.text(forKey: "until").flatMap(CalendarDate.parse), until >= date, case var .mapping(m) = e
            else { continue }
            m[Node("until")] = Node(date.dayBefore.description)
            list[i] = .mapping(m)
        }
        _ = try set([.key("parameters"), .key(id), .key("values")], to: .sequence(Node.Sequence(list)))
        return replaced
    }

    private func parameterNode(_ id: String) throws(PathProblem) -> Node {
        guard let params = parameterNodes else {
            throw PathProblem(message: "the scenario declares no parameters", hint: "set the program's field instead")
        }
        if let p = params.first(where: { $0.key.scalar?.string == id })?.value { return p }
        let ids = parameterIDs
        throw PathProblem(
            message: "the scenario has no parameter `\(id)`",
            hint: DidYouMean.suggestion(for: id, among: ids).map { "did you mean `parameters.\($0)`?" }
                ?? "parameters: \(ids.joined(separator: ", "))")
    }

    /// Refuses to set the program field at `steps` when it reads a parameter and `value` does not:
    /// the clause's number is the parameter's, and setting it moves every program the clause governs.
    func refuseBoundField(_ steps: [PathStep], _ value: Node) throws(PathProblem) {
        guard steps.count >= 3, steps[0] == .key("programs"), ParameterReference.id(of: value) == nil else { return }
        var node = root
        for step in steps {
            switch (node, step) {
            case let (.mapping, .key(k)):
                guard let v = node.value(forKey: k) else { return }
                node = v
            case let (.sequence(s), .key(id)):
                guard let v = s.first(where: { $0.text(forKey: "id") == id }) else { return }
                node = v
            case let (.sequence(s), .index(i)):
                guard i < s.count else { return }
                node = s[i]
            default:
                return
            }
        }
        let bound = ParameterReference.all(in: node).map(\.parameter)
        guard let id = bound.first else { return }
        let readers = programs(reading: id)
        let path = ReformPath.render(steps)
        throw PathProblem(
            message:
                "`\(path)` reads the parameter `\(id)`, which \(readers.count == 1 ? "only this program reads" : "governs \(readers.joined(separator: ", "))"); set the parameter, not the field",
            hint:
                "did you mean `parameters.\(id)=\(CompactYAML.render(value))`? (or `parameters.\(id).values.YYYY-MM-DD=…` from a date; to change this program alone, bind the field to a parameter of its own: {param: <id>})"
        )
    }
}
