import Yams

/// The composed node tree of a scenario while reforms are applied to it: values set by override
/// path, programs removed, and field paths translated between the reform's form
/// (`programs.rd.segments.early.pd`) and the decoder's (`programs[0].segments[1].pd`).
struct ScenarioTree {
    typealias Slot = ReformSchema.Slot

    private(set) var root: Node
    /// Programs removed so far, by id, with the label of the reform that removed each.
    private(set) var removed: [String: String] = [:]

    init(root: Node) { self.root = root }

    /// The ids of the declared funders.
    var funderIDs: [String] { root.value(forKey: "funders")?.sequence?.compactMap { $0.text(forKey: "id") } ?? [] }

    /// Sets the value at `steps`, creating the last key (and mappings above it) where the scenario
    /// allows them. Returns the value replaced, nil when the field was absent.
    mutating func set(_ steps: [PathStep], to value: Node) throws(PathProblem) -> Node? {
        try requireBudgetLine(steps)
        let result = try assign(root, steps[...], .root, [], value)
        root = result.node
        return result.old
    }

    /// Checks that `budget_lines.<id>…` names a declared line; a program's own `budget:` is not one
    /// (it is set at `programs.<id>.budget.<funder>`).
    private func requireBudgetLine(_ steps: [PathStep]) throws(PathProblem) {
        guard steps.count >= 2, steps[0] == .key("budget_lines"), case let .key(id) = steps[1] else { return }
        let ids = root.value(forKey: "budget_lines")?.sequence?.compactMap { $0.text(forKey: "id") } ?? []
        guard !ids.contains(id) else { return }
        let own = "a program's own budget is set at programs.<id>.budget.<funder>"
        guard !ids.isEmpty else { throw PathProblem(message: "the scenario has no budget lines, so no budget line `\(id)`", hint: own) }
        let programs = root.value(forKey: "programs")?.sequence?.compactMap { $0.text(forKey: "id") } ?? []
        if programs.contains(id) {
            throw PathProblem(message: "`\(id)` is a program, not a budget line", hint: "its own budget is set at programs.\(id).budget.<funder>")
        }
        let hint = DidYouMean.suggestion(for: id, among: ids).map { "did you mean `\($0)`?" } ?? "budget_lines: \(ids.joined(separator: ", "))"
        throw PathProblem(message: "the scenario has no budget line `\(id)`", hint: hint)
    }

    /// Checks that the program `id` is present, as `programs.<id>.enabled: true` requires.
    func requireProgram(_ id: String) throws(PathProblem) {
        guard let programs = root.value(forKey: "programs")?.sequence else {
            throw PathProblem(message: "the scenario has no list of programs")
        }
        _ = try itemIndex(programs, id, [.key("programs")])
    }

    /// Removes the program `id` (`programs.<id>.enabled: false`) on behalf of the reform `label`.
    mutating func removeProgram(_ id: String, by label: String) throws(PathProblem) {
        guard case var .mapping(top) = root, let p = top.firstIndex(where: { $0.key.scalar?.string == "programs" }),
            case var .sequence(programs) = top[p].value
        else { throw PathProblem(message: "the scenario has no list of programs") }
        let i = try itemIndex(programs, id, [.key("programs")])
        programs.remove(at: i)
        top[p] = (top[p].key, .sequence(programs))
        root = .mapping(top)
        removed[id] = label
    }

    /// Appends the program `id`, whose fields are the mapping `fields` (its `id`, when written,
    /// must be `id`; when not, it is added first).
    mutating func addProgram(_ id: String, _ fields: Node) throws(PathProblem) {
        guard case var .mapping(program) = fields else {
            throw PathProblem(message: "a program is a mapping of its fields, found \(CompactYAML.render(fields))", hint: ReformPath.additionHint)
        }
        if let written = fields.value(forKey: "id") {
            guard written.scalar?.string == id else {
                throw PathProblem(
                    message: "the new program's `id` is \(CompactYAML.render(written)), not `\(id)` as its path says",
                    hint: "leave `id` out, or write the same id in both places")
            }
        } else {
            program = .init([(Node("id"), Node(id))] + program.map { ($0.key, $0.value) }, program.tag, program.style)
        }
        guard case var .mapping(top) = root else { throw PathProblem(message: "the scenario is not a mapping") }
        guard let p = top.firstIndex(where: { $0.key.scalar?.string == "programs" }), case var .sequence(programs) = top[p].value else {
            throw PathProblem(message: "the scenario has no list of programs")
        }
        if programs.contains(where: { $0.text(forKey: "id") == id }) {
            throw PathProblem(
                message: "the scenario already has a program `\(id)`, so a reform cannot add one",
                hint:
                    "change its fields one by one (programs.\(id).<field>), or remove it first (programs.\(id).enabled: false) and add the new one after"
            )
        }
        programs.append(.mapping(program))
        top[p] = (top[p].key, .sequence(programs))
        root = .mapping(top)
        removed[id] = nil
    }

    // MARK: - Setting

    private func assign(_ node: Node, _ steps: ArraySlice<PathStep>, _ slot: Slot, _ trail: [PathStep], _ value: Node)
        throws(PathProblem) -> (node: Node, old: Node?)
    {
        guard let step = steps.first else { return (value, node) }
        let rest = steps.dropFirst()
        let here = trail + [step]
        switch (node, step) {
        case (.mapping(var m), .key(let k)):
            if let i = m.firstIndex(where: { $0.key.scalar?.string == k }) {
                let child = try assign(m[i].value, rest, ReformSchema.child(of: slot, key: k), here, value)
                m[i] = (m[i].key, child.node)
                return (.mapping(m), child.old)
            }
            if let allowed = ReformSchema.allowedKeys(slot, node, funders: funderIDs), !allowed.contains(k) {
                throw unknownKey(k, in: trail, slot: slot, candidates: node.plainKeys + allowed)
            }
            var created = value
            if let next = rest.first {
                guard case .key = next else {
                    throw PathProblem(
                        message: "`\(ReformPath.render(here))` is absent, so it has no item \(ReformPath.render([next]))",
                        hint: "set `\(ReformPath.render(here))` whole")
                }
                created = try assign(.mapping(.init([])), rest, ReformSchema.child(of: slot, key: k), here, value).node
            }
            m[Node(k)] = created
            return (.mapping(m), nil)
        case (.mapping, .index):
            throw PathProblem(
                message: "`\(ReformPath.render(trail))` is a mapping, not a list, so it has no item \(ReformPath.render([step]))",
                hint: "name one of its keys: \(node.plainKeys.joined(separator: ", "))")
        case (.sequence(var s), _):
            let i: Int
            switch step {
            case let .key(id): i = try itemIndex(s, id, trail)
            case let .index(n): i = try position(n, in: s, trail)
            }
            let child = try assign(s[i], rest, ReformSchema.item(of: slot), here, value)
            s[i] = child.node
            return (.sequence(s), child.old)
        default:
            throw PathProblem(
                message: "`\(ReformPath.render(trail))` is a single value (\(CompactYAML.render(node))), so it has no \(ReformPath.render([step]))",
                hint: "set `\(ReformPath.render(trail))` itself, e.g. to a distribution {dist: ..., ...}")
        }
    }

    private func unknownKey(_ k: String, in trail: [PathStep], slot: Slot, candidates: [String]) -> PathProblem {
        var unique: [String] = []
        for c in candidates where !unique.contains(c) { unique.append(c) }
        let place = ReformPath.render(trail)
        if slot == .funderMap {
            return PathProblem(
                message: "`\(k)` is not a declared funder, so `\(place)` cannot name it",
                hint: DidYouMean.suggestion(for: k, among: unique).map { "did you mean `\($0)`?" }
                    ?? "declared funders: \(funderIDs.joined(separator: ", "))")
        }
        return PathProblem(
            message: "unknown key `\(k)` in `\(place)`",
            hint: DidYouMean.suggestion(for: k, among: unique).map { "did you mean `\($0)`?" }
                ?? "allowed here: \(unique.joined(separator: ", "))")
    }

    // MARK: - List items

    /// The index of the item of `list` whose `id` is `id`.
    private func itemIndex(_ list: Node.Sequence, _ id: String, _ trail: [PathStep]) throws(PathProblem) -> Int {
        if let i = list.firstIndex(where: { $0.text(forKey: "id") == id }) { return i }
        let ids = list.compactMap { $0.text(forKey: "id") }
        let name = ReformPath.render(trail)
        let what = name == "programs" ? "program" : name == "funders" ? "funder" : name == "budget_lines" ? "budget line" : "item"
        if what == "program", let label = removed[id] {
            throw PathProblem(message: "the program `\(id)` was removed by \(label)", hint: "its overrides must come before the removal")
        }
        guard !ids.isEmpty else {
            throw PathProblem(
                message: "the items of `\(name)` have no id, so `\(id)` names none of them",
                hint: list.isEmpty ? "the list is empty; set `\(name)` whole" : "name an item by position: [0]…[\(list.count - 1)]")
        }
        let hint = DidYouMean.suggestion(for: id, among: ids).map { "did you mean `\($0)`?" } ?? "\(name): \(ids.joined(separator: ", "))"
        throw PathProblem(message: what == "item" ? "`\(name)` has no item with id `\(id)`" : "the scenario has no \(what) `\(id)`", hint: hint)
    }

    private func position(_ n: Int, in list: Node.Sequence, _ trail: [PathStep]) throws(PathProblem) -> Int {
        guard n < list.count else {
            let name = ReformPath.render(trail)
            throw PathProblem(
                message: "`\(name)` has \(list.count) item\(list.count == 1 ? "" : "s"), so [\(n)] is past the end",
                hint: list.isEmpty ? "set `\(name)` whole" : "items are [0]…[\(list.count - 1)]")
        }
        return n
    }

    // MARK: - Field paths

    /// The decoder's field path (`programs[0].share.city`) of a reform path, nil when it names
    /// nothing in the tree.
    func decoderField(_ steps: [PathStep]) -> String? {
        var node = root
        var field = ""
        for step in steps {
            switch (node, step) {
            case let (.mapping, .key(k)):
                guard let v = node.value(forKey: k) else { return nil }
                field = field.isEmpty ? k : "\(field).\(k)"
                node = v
            case let (.sequence(s), .key(id)):
                guard let i = s.firstIndex(where: { $0.text(forKey: "id") == id }) else { return nil }
                field += "[\(i)]"
                node = s[i]
            case let (.sequence(s), .index(i)):
                guard i < s.count else { return nil }
                field += "[\(i)]"
                node = s[i]
            default:
                return nil
            }
        }
        return field
    }

    /// A decoder field path in the reform's form, list items named by their id where they have
    /// one (`programs[0].segments[1].pd` → `programs.rd.segments.early.pd`). Keys below the last
    /// one present (a field the decoder found missing) are kept as written; nil when a list
    /// index is past the end or the path does not fit the tree's shape.
    func reformPath(ofDecoderField field: String) -> String? {
        guard let steps = ReformPath.steps(field) else { return nil }
        var node = root
        var out: [PathStep] = []
        for (n, step) in steps.enumerated() {
            switch (node, step) {
            case let (.mapping, .key(k)):
                out.append(step)
                guard let v = node.value(forKey: k) else {
                    out += steps[(n + 1)...]  // a key the decoder found missing
                    return ReformPath.render(out)
                }
                node = v
            case let (.sequence(s), .index(i)):
                guard i < s.count else { return nil }
                out.append(s[i].text(forKey: "id").map(PathStep.key) ?? step)
                node = s[i]
            default:
                return nil
            }
        }
        return ReformPath.render(out)
    }
}
