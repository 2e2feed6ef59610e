import Yams

/// Every assumption of a scenario: each number of its programs and budget lines that is written as
/// a literal rather than read from `parameters:` — the numbers no text states.
///
/// Left out, with the reason:
/// - fields read from a parameter (`{param: id}`): a text states them;
/// - timing (payment lags, schedules, loan terms, recovery lags, dates): not a quantity to scale;
/// - a distribution drawn once per path (an uncertain approval, pd, fraction, share): sensitivity
///   holds it at its own p10 and p90 instead (`SimulationPlan.uncertainParameters`);
/// - a budget line with a `source:`: the clause sets it;
/// - a group of one (a share of 1 paid by a single funder): nothing to move it against;
/// - a program's `revisions:`: its dated versions move with the fields they revise.
public enum AssumptionCatalogue {
    /// The assumptions of `text` after `reforms`, programs in the scenario's order, then budget lines.
    ///
    /// - Throws: the text's YAML problems, or a reform's path that names nothing.
    public static func list(text: String, file: String, reforms: [Reform] = []) throws(ScenarioIssues) -> [Assumption] {
        let root = try ScenarioReformer.reformedTree(reforms, text: text, file: file).tree.root
        var out: [Assumption] = []
        for program in root.value(forKey: "programs")?.sequence ?? [] {
            guard let id = program.text(forKey: "id") else { continue }
            var walker = Walker(program: id)
            walker.walkProgram(program)
            out += walker.found
        }
        for line in root.value(forKey: "budget_lines")?.sequence ?? [] {
            // A cited appropriation (`source:`) is a text's figure, not an assumption.
            guard let id = line.text(forKey: "id"), let amount = line.value(forKey: "amount"), line.value(forKey: "source") == nil
            else { continue }
            out.append(
                Assumption(
                    path: "budget_lines.\(id).amount", program: nil, line: id, field: FieldWords.budgetLine, kind: .budget, value: 1,
                    bounds: 0...Double.infinity, node: YAMLValue(amount), others: []))
        }
        return out
    }

    /// Program keys that hold no quantity.
    static let skippedKeys: Set<String> = [
        "id", "name", "source", "kind", "assumption", "in_force", "continue_after_expiry", "matches", "of", "residual",
        "rationing", "claim_date", "revisions", "payment_lag", "payment_schedule", "lag", "term", "years", "combine", "factor",
        "enabled", "mixing", "dist",
    ]
    /// Fields holding a per-claim distribution (drawn claim by claim, so scaled as a whole).
    static let sizeKeys: Set<String> = ["base", "amount", "principal"]
    /// Fields that are probabilities: a moved value stays within [0, 1].
    static let probabilityKeys: Set<String> = ["approval", "probability", "fraction", "pd", "rho", "weight"]

    private struct Walker {
        let program: String
        var found: [Assumption] = []

        init(program: String) { self.program = program }

        mutating func walkProgram(_ node: Node) {
            guard case let .mapping(m) = node else { return }
            for (k, v) in m {
                guard let key = k.scalar?.string, !skippedKeys.contains(key) else { continue }
                walk(v, path: "programs.\(program).\(key)", key: key, parent: nil)
            }
        }

        mutating func walk(_ node: Node, path: String, key: String, parent: String?) {
            if ParameterReference.id(of: node) != nil { return }
            if key == "count" {
                return countAssumptions(node, path: path)
            }
            if key == "budget", case let .mapping(m) = node {
                for (k, v) in m {
                    guard let f = k.scalar?.string, ParameterReference.id(of: v) == nil else { continue }
                    add("\(path).\(f)", FieldWords.budget(funder: f), .budget, 1, 0...Double.infinity, v)
                }
                return
            }
            let isSize = sizeKeys.contains(key) || (key == "rate" && parent == "recovery")
            switch node {
            case let .mapping(m):
                if m.first(where: { $0.key.scalar?.string == "dist" }) != nil {
                    // A per-claim distribution scales as a whole; one drawn per path is held at its quantiles.
                    if isSize { add(path, FieldWords.words(key: key, parent: parent), .size, 1, 0...Double.infinity, node) }
                    return
                }
                if key == "share" || key == "loss_shares" {
                    return funderMap(m, path: path, key: key)
                }
                for (k, v) in m {
                    guard let name = k.scalar?.string, !skippedKeys.contains(name) else { continue }
                    walk(v, path: "\(path).\(name)", key: name, parent: key)
                }
            case let .sequence(items):
                list(Array(items), path: path, key: key)
            case let .scalar(s):
                guard let v = YAMLReader.parseNumber(s.string) else { return }
                let bounds: ClosedRange<Double> =
                    probabilityKeys.contains(key) ? 0...1 : (v < 0 ? -Double.infinity...Double.infinity : 0...Double.infinity)
                add(path, FieldWords.words(key: key, parent: parent), isSize ? .size : .number, isSize ? 1 : v, bounds, node)
            case .alias:
                return
            }
        }

        /// A count's level and, when it grows, its growth.
        mutating func countAssumptions(_ node: Node, path: String) {
            let words = FieldWords.count(path: path)
            switch node {
            case let .scalar(s):
                if let v = YAMLReader.parseNumber(s.string) { add(path, words, .countLevel, v, 0...Double.infinity, node) }
            case .mapping:
                let level = node.text(forKey: "mean") ?? node.text(forKey: "value")
                if let v = level.flatMap(YAMLReader.parseNumber) { add(path, words, .countLevel, v, 0...Double.infinity, node) }
                if let g = node.text(forKey: "growth").flatMap(YAMLReader.parseNumber), g != 0 {
                    add("\(path).growth", FieldWords.growth(of: words), .growth, g, -0.999...1, node)
                }
            default:
                return
            }
        }

        /// Literal shares by funder: each entry of a group of two or more is moved against the others;
        /// loss shares (the residual funder bears the rest) each move alone.
        mutating func funderMap(_ m: Node.Mapping, path: String, key: String) {
            let literal = m.compactMap { e -> (String, Double)? in
                guard let f = e.key.scalar?.string, let v = e.value.scalar.flatMap({ YAMLReader.parseNumber($0.string) }) else { return nil }
                return (f, v)
            }
            if key == "loss_shares" {
                for (f, v) in literal {
                    add("\(path).\(f)", FieldWords.share(of: f, loss: true), .number, v, 0...1, Node(String(v)))
                }
                return
            }
            guard literal.count >= 2, literal.count == m.count else { return }
            for (f, v) in literal {
                let others = literal.filter { $0.0 != f }.map { (path: "\(path).\($0.0)", value: $0.1) }
                found.append(
                    Assumption(
                        path: "\(path).\(f)", program: program, line: nil, field: FieldWords.share(of: f, loss: false), kind: .mix,
                        value: v, bounds: 0...1, node: YAMLValue(Node(String(v))), others: others))
            }
        }

        /// Items of a list: named by id where they have one (`components.equipment`), else by
        /// position (`tiers[0]`); the weights of segments and the probabilities of tiers are a group.
        mutating func list(_ items: [Node], path: String, key: String) {
            let names = items.enumerated().map { i, item in item.text(forKey: "id").map { "\(path).\($0)" } ?? "\(path)[\(i)]" }
            let groupKey = key == "segments" ? "weight" : (key == "tiers" ? "probability" : nil)
            for (i, item) in items.enumerated() {
                guard case let .mapping(m) = item else { continue }
                for (k, v) in m {
                    guard let name = k.scalar?.string, !skippedKeys.contains(name) else { continue }
                    if name == groupKey, let value = v.scalar.flatMap({ YAMLReader.parseNumber($0.string) }) {
                        let others = items.enumerated().compactMap { j, other -> (path: String, value: Double)? in
                            guard j != i, let w = other.text(forKey: name).flatMap(YAMLReader.parseNumber) else { return nil }
                            return (path: "\(names[j]).\(name)", value: w)
                        }
                        found.append(
                            Assumption(
                                path: "\(names[i]).\(name)", program: program, line: nil,
                                field: FieldWords.item(FieldWords.words(key: name, parent: key), names[i], path),
                                kind: others.isEmpty ? .number : .mix,
                                value: value, bounds: 0...1, node: YAMLValue(v), others: others))
                        continue
                    }
                    let before = found.count
                    walk(v, path: "\(names[i]).\(name)", key: name, parent: key)
                    for j in before..<found.count { found[j].field = FieldWords.item(found[j].field, names[i], path) }
                }
            }
        }

        mutating func add(_ path: String, _ field: String, _ kind: Assumption.Kind, _ value: Double, _ bounds: ClosedRange<Double>, _ node: Node) {
            found.append(
                Assumption(
                    path: path, program: program, line: nil, field: field, kind: kind, value: value, bounds: bounds, node: YAMLValue(node), others: []
                ))
        }
    }
}
