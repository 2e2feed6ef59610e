/// Moves the decoder's issues about reformed fields to the overrides that changed them, so that a
/// drafter sees which override broke which rule (`after plan.reform.yaml: the shares add up to
/// 1.25, not 1`, at the override's line). Issues about fields no override touched keep their
/// position in the scenario.
struct IssueAttribution {
    /// An override as applied: its reform's label, its path's steps, and the program it removed.
    struct Applied {
        var override: Override
        var label: String
        var steps: [PathStep]
        var removedProgram: String?
        /// The program it added (`programs.<id>:` with the program's fields).
        var addedProgram: String? = nil
    }

    let tree: ScenarioTree
    let applied: [Applied]
    /// Each applied override's field in the decoder's form, in the final tree (nil for removals
    /// and for fields a later removal took away).
    private let fields: [String?]

    init(tree: ScenarioTree, applied: [Applied]) {
        self.tree = tree
        self.applied = applied
        fields = applied.map { $0.removedProgram == nil && !ReformPath.isEnabledSwitch($0.steps) ? tree.decoderField($0.steps) : nil }
    }

    func attribute(_ issues: [ScenarioIssue]) -> [ScenarioIssue] { issues.map(attribute) }

    /// Where, in the reform, the field `field` of a program the override `a` added was written:
    /// the deepest of its written fields that holds `field` (the program's key when none does).
    private func addedFieldPosition(_ field: String, _ a: Applied) -> SourcePosition? {
        guard a.addedProgram != nil, !a.override.positions.isEmpty, let program = tree.decoderField(a.steps),
            field.hasPrefix(program + ".")
        else { return nil }
        var relative = String(field.dropFirst(program.count + 1))
        while !relative.isEmpty {
            if let p = a.override.positions[relative] { return p }
            guard let cut = relative.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            relative = String(relative[..<cut])
        }
        return nil
    }

    private func attribute(_ issue: ScenarioIssue) -> ScenarioIssue {
        if let (a, message, hint) = removal(issue) { return located(issue, a, message: message, hint: hint) }
        if let a = culprit(issue.field) { return located(issue, a, message: issue.message, hint: issue.hint) }
        return issue
    }

    /// The last override whose field holds the issue's field; failing that, within one section or
    /// item, the last override below the issue's field (a sum of shares, a distribution's
    /// parameters, the years of a range).
    private func culprit(_ field: String) -> Applied? {
        guard !field.isEmpty else { return nil }
        func isWithin(_ inner: String, _ outer: String) -> Bool {
            inner == outer || inner.hasPrefix(outer + ".") || inner.hasPrefix(outer + "[")
        }
        let candidates = zip(applied, fields).reversed().compactMap { a, f in f.map { (a, $0) } }
        if let hit = candidates.first(where: { isWithin(field, $0.1) }) { return hit.0 }
        guard let steps = ReformPath.steps(field), steps.count > (steps.first == .key("scenario") ? 1 : 2) else { return nil }
        return candidates.first { isWithin($0.1, field) }?.0
    }

    /// A matching program left without its parent by `programs.<id>.enabled: false`, or a
    /// scenario left without programs.
    private func removal(_ issue: ScenarioIssue) -> (Applied, String, String?)? {
        let removals = applied.filter { $0.removedProgram != nil }
        guard let last = removals.last else { return nil }
        if issue.field == "programs" { return (last, issue.message, "at least one program must remain") }
        guard let steps = ReformPath.steps(issue.field), steps.count == 3, steps[0] == .key("programs"), steps[2] == .key("matches"),
            case let .index(i) = steps[1],
            let program = tree.root.value(forKey: "programs")?.sequence.flatMap({ i < $0.count ? $0[i] : nil }),
            let parent = program.text(forKey: "matches"),
            let remover = removals.last(where: { $0.removedProgram == parent })
        else { return nil }
        let child = program.text(forKey: "id") ?? "program \(i)"
        return (
            remover, "`\(child)` matches `\(parent)`, which is removed",
            "remove `\(child)` too (programs.\(child).enabled: false) or point its `matches` at another program"
        )
    }

    private func located(_ issue: ScenarioIssue, _ a: Applied, message: String, hint: String?) -> ScenarioIssue {
        let position = addedFieldPosition(issue.field, a) ?? SourcePosition(line: a.override.line, column: a.override.column)
        return ScenarioIssue(
            file: a.override.file, line: position.line, column: position.column,
            field: tree.reformPath(ofDecoderField: issue.field) ?? issue.field,
            message: "after \(a.label): \(message)", hint: hint)
    }
}
