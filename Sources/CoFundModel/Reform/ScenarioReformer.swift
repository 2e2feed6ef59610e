import Yams

/// Applies reforms to a scenario's text and decodes the result, reporting every problem at the
/// override that caused it.
public enum ScenarioReformer {
    /// Applies reforms in order to the scenario text's node tree, then decodes and validates the result.
    ///
    /// - Parameters:
    ///   - reforms: applied in order; where two set the same field the later wins.
    ///   - text: the scenario's YAML text.
    ///   - file: the scenario's name in messages.
    /// - Returns: the reformed scenario, and one change per override in the order applied.
    /// - Throws: `ScenarioIssues`: an override whose path names nothing in the scenario (at the
    ///   override, with a did-you-mean), or the scenario's issues after the reforms, those about a
    ///   reformed field moved to the override and prefixed `after <label>: `.
    public static func apply(_ reforms: [Reform], to text: String, file: String) throws(ScenarioIssues)
        -> (scenario: Scenario, changes: [AppliedChange])
    {
        let (tree, changes, applied) = try reformedTree(reforms, text: text, file: file)
        do {
            return (try ScenarioDecoder.decode(root: tree.root, file: file), changes)
        } catch {
            throw ScenarioIssues(IssueAttribution(tree: tree, applied: applied).attribute(error.issues))
        }
    }

    /// The node tree of `text` with `reforms` applied in order, not yet decoded.
    ///
    /// - Throws: the text's YAML problems, or an override whose path names nothing in the scenario.
    static func reformedTree(_ reforms: [Reform], text: String, file: String) throws(ScenarioIssues)
        -> (tree: ScenarioTree, changes: [AppliedChange], applied: [IssueAttribution.Applied])
    {
        let reader = YAMLReader(file: file)
        guard let root = reader.compose(text) else { throw ScenarioIssues(reader.issues) }
        var tree = ScenarioTree(root: root)
        guard case .mapping = root else { return (tree, [], []) }
        var changes: [AppliedChange] = []
        var applied: [IssueAttribution.Applied] = []
        var issues: [ScenarioIssue] = []
        for reform in reforms {
            for o in reform.overrides {
                do {
                    let (change, a) = try apply(o, of: reform.label, source: reform.source, to: &tree)
                    changes.append(change)
                    applied.append(a)
                } catch {
                    issues.append(o.issue(error.message, hint: error.hint))
                }
            }
        }
        guard issues.isEmpty else { throw ScenarioIssues(issues) }
        return (tree, changes, applied)
    }

    /// Applies one override to `tree`.
    private static func apply(_ o: Override, of label: String, source: String?, to tree: inout ScenarioTree) throws(PathProblem)
        -> (AppliedChange, IssueAttribution.Applied)
    {
        let steps: [PathStep]
        switch ReformPath.parse(o.path) {
        case let .success(s): steps = s
        case let .failure(p): throw p
        }
        let value = o.value
        var applied = IssueAttribution.Applied(override: o, label: label, steps: steps)
        let before: String, after: String
        if ReformPath.isProgramAddition(steps), case let .key(id) = steps[1] {
            try tree.addProgram(id, value)
            applied.addedProgram = id
            (before, after) = (AppliedChange.absent, CompactYAML.render(value))
        } else if ReformPath.isEnabledSwitch(steps) {
            guard case let .key(id) = steps[1] else {
                throw PathProblem(message: "a program is switched off by its id", hint: "write programs.<id>.enabled: false")
            }
            guard let on = value.scalar.flatMap({ ReformPath.enabledValue($0.string) }) else {
                throw PathProblem(message: "`enabled` takes true or false, found \(CompactYAML.render(value))", hint: ReformPath.enabledHint)
            }
            if on {
                try tree.requireProgram(id)
            } else {
                try tree.removeProgram(id, by: label)
                applied.removedProgram = id
            }
            (before, after) = ("true", on ? "true" : "false")
        } else if let id = ReformPath.parameterValue(steps), ParameterReference.id(of: value) == nil, !isWholeParameter(value) {
            let old = try tree.setParameter(id, to: value, source: source ?? label)
            (before, after) = (old.map(valuesText) ?? AppliedChange.absent, CompactYAML.render(value))
        } else if let (id, text) = ReformPath.datedParameterValue(steps) {
            guard let date = CalendarDate.parse(text) else {
                throw PathProblem(message: "`\(text)` is not a date", hint: "parameters.<id>.values.YYYY-MM-DD: the day the value comes into force")
            }
            let old = try tree.addParameterValue(id, from: date, value, source: source ?? label)
            (before, after) = (old.map(valuesText) ?? AppliedChange.absent, CompactYAML.render(value))
        } else {
            try tree.refuseBoundField(steps, value)
            let old = try tree.set(steps, to: value)
            (before, after) = (old.map(CompactYAML.render) ?? AppliedChange.absent, CompactYAML.render(value))
        }
        return (AppliedChange(path: o.path, before: before, after: after, reform: label), applied)
    }

    /// Whether `value` is a whole parameter (`{name, unit, values}`) rather than one value.
    private static func isWholeParameter(_ value: Node) -> Bool {
        value.value(forKey: "values") != nil || value.value(forKey: "unit") != nil
    }

    /// A parameter's dated values as a change reads them: `250`, or `1000 from 2020-03-20, 250 from
    /// 2027-01-01` (an entry: its value).
    private static func valuesText(_ node: Node) -> String {
        let entries = node.sequence.map(Array.init) ?? [node]
        let texts = entries.map { e -> String in
            let value = e.value(forKey: "value").map(CompactYAML.render) ?? CompactYAML.render(e)
            guard entries.count > 1, let from = e.text(forKey: "from") else { return value }
            return "\(value) from \(from)"
        }
        return texts.joined(separator: ", ")
    }
}
