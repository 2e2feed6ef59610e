import Foundation
import Yams

/// What differs between two decoded scenarios (two policy documents, or two drafts of one): the
/// programs, funders and budget lines present in one only, and every field whose value differs in
/// those present in both, named by the path a reform would use
/// (`programs.rd_post_subsidy.cap_per_claim: 250 → 500`).
///
/// Computed on the decoded scenarios, so that a field written out at its default and one left to
/// the default are the same, and so that the values compared are the ones a run uses. Programs,
/// funders and budget lines are matched by id (a budget line by id and funder); list items with an
/// id (components, segments) by their id, loss shares by funder, other list items by position.
public struct ScenarioDiff: Sendable, Equatable {
    /// One differing value: its path and its text in each scenario (`AppliedChange.absent` on the
    /// side where it is missing).
    public struct Field: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var base: String
        public var reform: String

        public init(path: String, base: String, reform: String) {
            self.path = path
            self.base = base
            self.reform = reform
        }

        /// `programs.rd.cap_per_claim: 250 → 500`.
        public var description: String { "\(path): \(base) → \(reform)" }
    }

    public var programsAdded: [String] = []
    public var programsRemoved: [String] = []
    /// Programs in both scenarios with at least one differing field, in the base's order.
    public var programsChanged: [String] = []
    public var parametersAdded: [String] = []
    public var parametersRemoved: [String] = []
    /// Parameters in both scenarios whose name, unit or dated values differ, in the base's order.
    public var parametersChanged: [String] = []
    /// The ids of the programs reading each added, removed or changed parameter, in either
    /// scenario: the base's in its order, then those only the reform has.
    public var parameterReaders: [String: [String]] = [:]
    public var fundersAdded: [String] = []
    public var fundersRemoved: [String] = []
    /// Declared budget lines (`budget_lines:`) as `id` or `id/funder` when the id has several funders.
    public var budgetLinesAdded: [String] = []
    public var budgetLinesRemoved: [String] = []
    public var budgetLinesChanged: [String] = []
    /// Every differing value, in order: the header, funders, programs, budget lines; an added or
    /// removed program, funder or line is one row at its path with its name on its side.
    public var fields: [Field] = []

    /// The programs reading the parameter a field's path names (`parameters.<id>…`), in either
    /// scenario; empty for any other path.
    public func readers(ofPath path: String) -> [String] {
        let parts = path.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "parameters" else { return [] }
        return parameterReaders[String(parts[1])] ?? []
    }

    /// True when the two scenarios differ in nothing this diff compares.
    public var isEmpty: Bool { fields.isEmpty }

    /// The differences from `base` to `reform`.
    public init(base: Scenario, reform: Scenario) {
        for (key, a, b) in [
            ("id", base.id, reform.id), ("title", base.title, reform.title), ("description", base.description, reform.description),
            ("unit", base.unit.rawValue, reform.unit.rawValue),
            ("years", Self.range(base.years), Self.range(reform.years)),
            ("history_from", base.historyFrom.map(String.init) ?? AppliedChange.absent, reform.historyFrom.map(String.init) ?? AppliedChange.absent),
            ("seed", String(base.seed), String(reform.seed)), ("paths", String(base.paths), String(reform.paths)),
        ] where a != b {
            fields.append(Field(path: "scenario.\(key)", base: a, reform: b))
        }
        let parameters = Self.matched(base.parameters, reform.parameters, id: \.id, section: "parameters", name: \.name, flatten: Self.flatten)
        (parametersAdded, parametersRemoved, parametersChanged) = (parameters.added, parameters.removed, parameters.changed)
        for id in parametersAdded + parametersRemoved + parametersChanged {
            var ids = base.programs(reading: id).map(\.id)
            for p in reform.programs(reading: id) where !ids.contains(p.id) { ids.append(p.id) }
            parameterReaders[id] = ids
        }
        fields += parameters.fields
        let funders = Self.matched(base.funders, reform.funders, id: \.id, section: "funders", name: \.name, flatten: Self.flatten)
        (fundersAdded, fundersRemoved) = (funders.added, funders.removed)
        let programs = Self.matched(base.programs, reform.programs, id: \.id, section: "programs", name: \.name, flatten: Self.flatten)
        (programsAdded, programsRemoved, programsChanged) = (programs.added, programs.removed, programs.changed)
        let allLines = base.budgetLines + reform.budgetLines
        let lineID: (BudgetLine) -> String = { line in
            Set(allLines.filter { $0.id == line.id }.map(\.funder)).count > 1 ? "\(line.id)/\(line.funder)" : line.id
        }
        let lines = Self.matched(base.budgetLines, reform.budgetLines, id: lineID, section: "budget_lines", name: \.name, flatten: Self.flatten)
        (budgetLinesAdded, budgetLinesRemoved, budgetLinesChanged) = (lines.added, lines.removed, lines.changed)
        fields += funders.fields + programs.fields + lines.fields
    }

    /// Matches `base` and `reform` items by `id`: those present on one side only, those on both
    /// with a differing field, and the fields (an item on one side only is one field at its path,
    /// with its name on its side).
    private static func matched<T>(
        _ base: [T], _ reform: [T], id: (T) -> String, section: String, name: (T) -> String, flatten: (T) -> [(String, String)]
    ) -> (added: [String], removed: [String], changed: [String], fields: [Field]) {
        var out: (added: [String], removed: [String], changed: [String], fields: [Field]) = ([], [], [], [])
        var reformByID: [String: T] = [:]
        for r in reform where reformByID[id(r)] == nil { reformByID[id(r)] = r }
        let baseIDs = Set(base.map(id))
        for b in base {
            let key = id(b)
            guard let r = reformByID[key] else {
                out.removed.append(key)
                out.fields.append(Field(path: "\(section).\(key)", base: name(b), reform: AppliedChange.absent))
                continue
            }
            let differing = differences(flatten(b), flatten(r), prefix: "\(section).\(key)")
            if !differing.isEmpty { out.changed.append(key) }
            out.fields += differing
        }
        for r in reform where !baseIDs.contains(id(r)) {
            out.added.append(id(r))
            out.fields.append(Field(path: "\(section).\(id(r))", base: AppliedChange.absent, reform: name(r)))
        }
        return out
    }

    /// The fields whose values differ between two flattened items, in the base's order, then the
    /// fields only the reform has.
    private static func differences(_ base: [(String, String)], _ reform: [(String, String)], prefix: String) -> [Field] {
        let r = Dictionary(reform, uniquingKeysWith: { a, _ in a })
        let b = Dictionary(base, uniquingKeysWith: { a, _ in a })
        var out: [Field] = []
        for (path, value) in base where r[path] != value {
            // Two distributions of one family differ in the parameters named (`base.p90: 3000 → 4000`).
            if let other = r[path], let a = parameters(value), let b = parameters(other), a.first?.1 == b.first?.1, a.map(\.0) == b.map(\.0) {
                for (x, y) in zip(a, b) where x.1 != y.1 {
                    out.append(Field(path: "\(prefix).\(path).\(x.0)", base: x.1, reform: y.1))
                }
                continue
            }
            out.append(Field(path: "\(prefix).\(path)", base: value, reform: r[path] ?? AppliedChange.absent))
        }
        for (path, value) in reform where b[path] == nil {
            out.append(Field(path: "\(prefix).\(path)", base: AppliedChange.absent, reform: value))
        }
        return out
    }

    /// The keys and values of a distribution or count as this diff writes it (`{dist: beta, mean: 0.04,
    /// sd: 0.01}`), `dist` first; nil for any other text.
    private static func parameters(_ text: String) -> [(String, String)]? {
        guard text.hasPrefix("{dist: "), text.hasSuffix("}") else { return nil }
        var out: [(String, String)] = []
        for part in text.dropFirst().dropLast().components(separatedBy: ", ") {
            guard let colon = part.range(of: ": ") else { return nil }
            out.append((String(part[..<colon.lowerBound]), String(part[colon.upperBound...])))
        }
        return out
    }

    // MARK: - Flattening

    /// A parameter's fields, each dated value at `values.<from>` as `value until <date> — source`.
    static func flatten(_ p: PolicyParameter) -> [(String, String)] {
        var out: [(String, String)] = [("name", p.name), ("unit", p.unit.rawValue), ("description", p.description)]
        for e in p.values {
            let value: String =
                switch e.value {
                case let .value(v): number(v)
                case let .uncertain(d): distribution(d)
                }
            out.append(("values.\(e.from)", value + (e.until.map { " until \($0)" } ?? "") + " — " + e.source))
        }
        return out
    }

    static func flatten(_ f: Funder) -> [(String, String)] {
        [("name", f.name), ("level", f.level.rawValue), ("fiscal", f.fiscal ? "true" : "false")]
    }

    static func flatten(_ line: BudgetLine) -> [(String, String)] {
        var out: [(String, String)] = [
            ("name", line.name), ("funder", line.funder), ("programs", "[" + line.programs.joined(separator: ", ") + "]"),
            ("rationing", line.rationing.rawValue), ("source", line.source ?? AppliedChange.absent),
            ("assumption", list(line.assumptions)),
        ]
        for year in line.amounts.keys.sorted() { out.append(("amount.\(year)", number(line.amounts[year]!))) }
        return out
    }

    static func flatten(_ p: Program) -> [(String, String)] {
        var out: [(String, String)] = [
            ("name", p.name), ("source", p.source), ("kind", p.rule.kind), ("assumption", list(p.assumptions)),
            ("years", p.activeYears.map(range) ?? AppliedChange.absent),
        ]
        for part in p.share.parts { out.append(("share.\(part.funder)", number(part.fraction))) }
        for funder in p.budget.keys.sorted() { out.append(("budget.\(funder)", number(p.budget[funder]!))) }
        out += [
            ("rationing", p.rationing.rawValue), ("payment_lag", String(p.paymentLag)),
            ("payment_schedule", "[" + p.paymentSchedule.map(number).joined(separator: ", ") + "]"),
            ("in_force.from", p.inForce?.from.map(\.description) ?? AppliedChange.absent),
            ("in_force.until", p.inForce?.until.map(\.description) ?? AppliedChange.absent),
            ("continue_after_expiry", String(p.continuesAfterExpiry)),
            ("claim_date", p.claimDate.description),
        ]
        for b in p.bindings { out.append(("\(b.field).param", b.parameter)) }
        let rule: Any =
            switch p.rule {
            case let .rate(r): r
            case let .award(a): a
            case let .matching(m): m
            case let .riskCompensation(r): r
            case let .interestSubsidy(r): r
            }
        walk(rule, "", &out)
        // A loan book's default model is written at the program's level (`pd`, `rho`, `factor`).
        return out.map { (path, value) in
            (path.hasPrefix("loans.defaults.") ? String(path.dropFirst("loans.defaults.".count)) : path, value)
        }
    }

    /// Appends the leaves of `value` below `path`: structures field by field (names in the file's
    /// snake case), lists item by item, numbers, distributions and counts as one-line YAML.
    private static func walk(_ value: Any, _ path: String, _ out: inout [(String, String)]) {
        func join(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        if let leaf = leaf(value) {
            out.append((path, leaf))
            return
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            if let some = mirror.children.first { walk(some.value, path, &out) } else { out.append((path, AppliedChange.absent)) }
        case .collection:
            let items = mirror.children.map(\.value)
            if items.isEmpty {
                out.append((path, "[]"))
                return
            }
            for (i, item) in items.enumerated() {
                let fields = Mirror(reflecting: item).children
                if let id = fields.first(where: { $0.label == "id" })?.value as? String {
                    walk(item, join(id), &out)
                } else if let funder = fields.first(where: { $0.label == "funder" })?.value as? String,
                    let fraction = fields.first(where: { $0.label == "fraction" })?.value
                {
                    walk(fraction, join(funder), &out)
                } else {
                    walk(item, "\(path)[\(i)]", &out)
                }
            }
        case .struct, .class, .tuple:
            for child in mirror.children {
                guard let label = child.label, label != "id" else { continue }
                walk(child.value, join(snakeCase(label)), &out)
            }
        default:
            out.append((path, String(describing: value)))
        }
    }

    /// The one-line text of a value the diff does not descend into, nil for structures.
    private static func leaf(_ value: Any) -> String? {
        switch value {
        case let v as Double: number(v)
        case let v as Int: String(v)
        case let v as String: v
        case let v as Bool: v ? "true" : "false"
        case let p as Parameter: parameter(p)
        case let d as Distribution: distribution(d)
        case let c as CountDistribution: count(c)
        case let r as any RawRepresentable: "\(r.rawValue)"
        default: nil
        }
    }

    /// A parameter's value as one line of YAML: a number, or a distribution (`{dist: beta, mean: 0.04, sd: 0.01}`).
    public static func parameter(_ p: Parameter) -> String {
        switch p {
        case let .value(v): number(v)
        case let .uncertain(d): distribution(d)
        }
    }

    static func distribution(_ d: Distribution) -> String {
        switch d {
        case let .fixed(v): number(v)
        case let .uniform(low, high): "{dist: uniform, low: \(number(low)), high: \(number(high))}"
        case let .triangular(low, mode, high): "{dist: triangular, low: \(number(low)), mode: \(number(mode)), high: \(number(high))}"
        case let .lognormal(median, p90): "{dist: lognormal, median: \(number(median)), p90: \(number(p90))}"
        case let .gamma(mean, sd): "{dist: gamma, mean: \(number(mean)), sd: \(number(sd))}"
        case let .beta(mean, sd): "{dist: beta, mean: \(number(mean)), sd: \(number(sd))}"
        }
    }

    static func count(_ c: CountDistribution) -> String {
        let growth = ", growth: \(number(c.growth))"
        switch c.family {
        case .fixed: return "{dist: fixed, value: \(number(c.mean))\(growth)}"
        case .poisson: return "{dist: poisson, mean: \(number(c.mean))\(growth)}"
        case let .negativeBinomial(k, mixing):
            return "{dist: negative_binomial, mean: \(number(c.mean)), dispersion: \(number(k))\(growth), mixing: \(mixing.rawValue)}"
        }
    }

    /// A number as a scenario file would write it: no grouping, no trailing zeros, up to 10 decimals.
    public static func number(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        var text = String(format: "%.10f", v)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    private static func range(_ r: ClosedRange<Int>) -> String { "[\(r.lowerBound), \(r.upperBound)]" }

    private static func list(_ notes: [String]) -> String {
        notes.isEmpty ? AppliedChange.absent : "[" + notes.map { CompactYAML.render(.init($0)) }.joined(separator: ", ") + "]"
    }

    /// `capPerClaim` → `cap_per_claim`.
    static func snakeCase(_ name: String) -> String {
        var out = ""
        for c in name {
            if c.isUppercase {
                out += "_" + c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out
    }
}
