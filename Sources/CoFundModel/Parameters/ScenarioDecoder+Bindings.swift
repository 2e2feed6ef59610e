import Yams

/// Programs whose fields read parameters (`cap_per_claim: {param: rd_cap}`): each is decoded with
/// the values in force in its first claim year, and again for every later year from which a value
/// it reads changes (`Program.revisions`).
extension ScenarioDecoder {
    /// A program that reads parameters, waiting for its claim years to be known.
    struct BoundProgram {
        var index: Int
        var node: Node
        var field: String
        var references: [ParameterReference]
    }

    /// Checks the references of a program or budget line at `field`: each names a declared
    /// parameter whose unit fits the field. Returns whether all do.
    func checkReferences(
        _ refs: [ParameterReference], at field: String, parameters: [String: DeclaredParameter], money: Scenario.Unit
    ) -> Bool {
        var ok = true
        for r in refs {
            let place = "\(field).\(r.decoderField)"
            guard let declared = parameters[r.parameter] else {
                // A declared parameter with mistakes of its own is reported there, not here.
                if names.parameters.contains(r.parameter) {
                    ok = false
                    continue
                }
                let ids = parameters.keys.sorted()
                reader.fail(
                    place, r.node, "unknown parameter `\(r.parameter)`",
                    hint: DidYouMean.suggestion(for: r.parameter, among: ids).map { "did you mean `\($0)`?" }
                        ?? (ids.isEmpty ? "declare it under `parameters:`" : "declared parameters: \(ids.joined(separator: ", "))"))
                ok = false
                continue
            }
            guard let measure = r.measure else {
                reader.fail(
                    place, r.node, "`\(r.field)` cannot read a parameter",
                    hint: "parameters are the numbers a text sets: \(FieldMeasure.bindableFields)")
                ok = false
                continue
            }
            let unit = declared.parameter.unit
            guard measure.accepts(unit, money: money) else {
                let conversion =
                    measure == .money && (unit == .wan || unit == .yuan)
                    ? "; write the parameter's values in \(money.label) and give it unit: \(money.rawValue)" : ""
                reader.fail(
                    place, r.node,
                    "`\(r.field)` expects \(measure.expected(money: money)), but `\(r.parameter)` is in \(unit.label) (unit: \(unit.rawValue))",
                    hint: "bind a parameter of the field's unit\(conversion)")
                ok = false
                continue
            }
        }
        return ok
    }

    /// The value nodes of the entries `entries[k]` of the parameters `ids[k]`.
    func valueNodes(_ ids: [String], _ entries: [Int], _ parameters: [String: DeclaredParameter]) -> [String: Node] {
        var out: [String: Node] = [:]
        for (id, i) in zip(ids, entries) { out[id] = parameters[id]?.valueNodes[i] }
        return out
    }

    /// Decodes a program whose references all name fitting parameters with the entries
    /// `entries` (one per id of `ids`), attributing a problem with a substituted value to the
    /// parameter's entry.
    func decodeBound(
        _ node: Node, _ field: String, ids: [String], entries: [Int], parameters: [String: DeclaredParameter]
    ) -> Program? {
        let before = reader.issues.count
        let program = decodeProgram(ParameterReference.substitute(node, valueNodes(ids, entries, parameters)), field)
        var origins: [SourcePosition: String] = [:]
        for (id, i) in zip(ids, entries) {
            guard let declared = parameters[id], let mark = declared.valueNodes[i].mark else { continue }
            origins[SourcePosition(line: mark.line, column: mark.column)] = declared.valueFields[i]
        }
        reader.rewriteIssues(from: before) { issue in
            guard let origin = origins[SourcePosition(line: issue.line, column: issue.column)] else { return }
            issue.message = "read by \(issue.field): \(issue.message)"
            issue.field = origin
        }
        return program
    }

    /// The provisional entries of a program's parameters: those in force on its claim date in the
    /// horizon's first year (the first entry where none is); `resolveRevisions` settles them once
    /// the program's claim years are known.
    func provisionalEntries(_ ids: [String], _ node: Node, _ parameters: [String: DeclaredParameter], horizon: ClosedRange<Int>) -> [Int] {
        let day = node.text(forKey: "claim_date").flatMap(MonthDay.parse) ?? .januaryFirst
        return ids.map { parameters[$0]?.parameter.entry(forYear: horizon.lowerBound, on: day) ?? 0 }
    }

    /// Decodes program `bound` again for the entries in force in each of its claim years: the
    /// first year's are the program's own terms, each change a revision from its year.
    func resolveRevisions(_ bound: BoundProgram, in scenario: Scenario, parameters: [String: DeclaredParameter]) -> Program? {
        let provisional = scenario.programs[bound.index]
        let ids = uniqueIDs(bound.references)
        guard let years = scenario.claimYears(of: provisional) else { return provisional }
        var versions: [(year: Int, entries: [Int])] = []
        var missing = false
        for y in years {
            var entries: [Int] = []
            for id in ids {
                guard let p = parameters[id]?.parameter, let i = p.entry(forYear: y, on: provisional.claimDate) else {
                    let r = bound.references.first { $0.parameter == id }!
                    reader.fail(
                        "\(bound.field).\(r.decoderField)", r.node,
                        "the parameter `\(id)` has no value in force in \(y), a year in which `\(provisional.id)` takes claims",
                        hint:
                            "add a value in force in \(y) to parameters.\(id), or limit the program's claims (in_force, years)\(y < scenario.years.lowerBound ? "; claims are simulated from \(years.lowerBound) because payments from them fall in the horizon" : "")"
                    )
                    missing = true
                    break
                }
                entries.append(i)
            }
            if missing { return nil }
            if versions.last?.entries != entries { versions.append((y, entries)) }
        }
        guard let first = versions.first else { return provisional }
        for r in bound.references where r.measure == .years {
            let k = ids.firstIndex(of: r.parameter)!
            let values = Set(versions.compactMap { v in parameters[r.parameter].map { $0.parameter.values[v.entries[k]].value.central } })
            if values.count > 1 {
                reader.fail(
                    "\(bound.field).\(r.decoderField)", r.node,
                    "`\(r.field)` is one number for the whole program, but `\(r.parameter)` changes value over its claim years",
                    hint: "a lag or a loan term cannot change from one year to the next; split the program at the change (in_force) instead")
                return nil
            }
        }
        let reused = first.entries == provisionalEntries(ids, bound.node, parameters, horizon: scenario.years)
        guard var program = reused ? provisional : decodeBound(bound.node, bound.field, ids: ids, entries: first.entries, parameters: parameters)
        else { return nil }
        var revisions: [ProgramRevision] = []
        for v in versions.dropFirst() {
            guard let p = decodeBound(bound.node, bound.field, ids: ids, entries: v.entries, parameters: parameters) else { return nil }
            revisions.append(ProgramRevision(fromYear: v.year, rule: p.rule, share: p.share, budget: p.budget))
        }
        program.bindings = provisional.bindings
        program.revisions = revisions
        return program
    }

    func uniqueIDs(_ refs: [ParameterReference]) -> [String] {
        var ids: [String] = []
        for r in refs where !ids.contains(r.parameter) { ids.append(r.parameter) }
        return ids
    }
}
