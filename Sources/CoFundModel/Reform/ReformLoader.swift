import Foundation
import Yams

/// Reads reforms: a reform file (`title:`, `source:` and `PATH: VALUE` lines) or the
/// `--set PATH=VALUE` options of a command line.
///
/// Only the form of each override is checked here; whether its path names a field of the scenario
/// is checked when it is applied (`ScenarioReformer`).
public enum ReformLoader {
    /// Reads the reform file at `path`.
    public static func load(path: String) throws(ScenarioIssues) -> Reform {
        try parse(text: try ScenarioFile.read(path).text, file: path)
    }

    /// Reads the text of a reform file; `file` is its label and the name used in messages.
    public static func parse(text: String, file: String) throws(ScenarioIssues) -> Reform {
        guard !isBlank(text) else {
            throw ScenarioIssues([
                ScenarioIssue(
                    file: file, line: 1, column: 1, field: "", message: "the reform file is empty",
                    hint: "write `PATH: VALUE` lines, e.g. \(ReformPath.example)")
            ])
        }
        let reader = YAMLReader(file: file)
        guard let root = reader.compose(text) else { throw ScenarioIssues(reader.issues) }
        guard case let .mapping(m) = root else {
            reader.fail(
                "", root, "a reform is a mapping of `PATH: VALUE` lines, found \(reader.describe(root))",
                hint: "e.g. programs.rd_post_subsidy.rate: 0.03")
            throw ScenarioIssues(reader.issues)
        }
        var reform = Reform(label: file, overrides: [])
        var budget = YAMLReader.maxNodes
        for (k, v) in m {
            guard let key = k.scalar?.string else {
                reader.fail("", k, "a key must be a dotted path, found \(reader.describe(k))")
                continue
            }
            let mark = k.mark.map { (line: $0.line, column: $0.column) } ?? (line: 1, column: 1)
            switch key {
            case "title", "source":
                guard case let .scalar(s) = v else {
                    reader.fail(key, v, "expected text, found \(reader.describe(v))")
                    continue
                }
                if key == "title" { reform.title = s.string } else { reform.source = s.string }
            default:
                guard key.contains(".") else {
                    let hint =
                        DidYouMean.suggestion(for: key, among: ["title", "source"]).map { "did you mean `\($0)`?" }
                        ?? "a reform sets fields by dotted path, e.g. \(ReformPath.example); it may also have `title:` and `source:`"
                    reader.fail(key, k, "`\(key)` is not a dotted path", hint: hint)
                    continue
                }
                if let p = check(key, v, budget: &budget) {
                    reader.add(ScenarioIssue(file: file, line: mark.line, column: mark.column, field: key, message: p.message, hint: p.hint))
                    continue
                }
                var o = Override(path: key, value: v, file: file, line: mark.line, column: mark.column)
                if case let .success(steps) = ReformPath.parse(key), ReformPath.isProgramAddition(steps) { o.positions = Self.positions(v) }
                reform.overrides.append(o)
            }
        }
        guard reader.issues.isEmpty else { throw ScenarioIssues(reader.issues) }
        return reform
    }

    /// The label of the reform `parse(assignments:)` makes.
    public static let assignmentsLabel = "--set"

    /// Reads `--set` options, each `PATH=VALUE` with VALUE written in YAML (`0.03`,
    /// `{dist: beta, mean: 0.03, sd: 0.01}`). The label is `--set`; an override's line is its
    /// position (1-based) among the options and its column 1.
    public static func parse(assignments: [String]) throws(ScenarioIssues) -> Reform {
        let file = assignmentsLabel
        var reform = Reform(label: file, overrides: [])
        var issues: [ScenarioIssue] = []
        var budget = YAMLReader.maxNodes
        for (i, assignment) in assignments.enumerated() {
            func fail(_ message: String, hint: String? = nil, column: Int = 1) {
                issues.append(ScenarioIssue(file: file, line: i + 1, column: column, field: "", message: message, hint: hint))
            }
            guard let eq = assignment.firstIndex(of: "=") else {
                fail("`\(assignment)` has no `=`", hint: "write --set PATH=VALUE, e.g. --set programs.rd_post_subsidy.rate=0.03")
                continue
            }
            let path = assignment[..<eq].trimmingCharacters(in: .whitespaces)
            let text = String(assignment[assignment.index(after: eq)...])
            let valueColumn = assignment[...eq].count + 1
            guard !isBlank(text) else {
                fail("`\(path)=` has no value", hint: "write --set \(path)=VALUE; for empty text write \(path)=\"\"", column: valueColumn)
                continue
            }
            let reader = YAMLReader(file: file)
            guard let value = reader.compose(text) else {
                for var issue in reader.issues {
                    issue.column = issue.line <= 1 ? valueColumn + max(0, issue.column - 1) : valueColumn
                    issue.line = i + 1
                    issue.field = path
                    issues.append(issue)
                }
                continue
            }
            if let p = check(path, value, budget: &budget) {
                issues.append(ScenarioIssue(file: file, line: i + 1, column: 1, field: path, message: p.message, hint: p.hint))
                continue
            }
            reform.overrides.append(Override(path: path, value: value, file: file, line: i + 1, column: 1))
        }
        guard issues.isEmpty else { throw ScenarioIssues(issues) }
        return reform
    }

    /// The problem with an override's path or value that can be seen without the scenario: the
    /// path's grammar, an `enabled` that is not true or false, a value too large to copy.
    /// Checked before the value is copied into an `Override`, which would expand shared aliases.
    private static func check(_ path: String, _ value: Node, budget: inout Int) -> PathProblem? {
        let steps: [PathStep]
        switch ReformPath.parse(path) {
        case let .success(s): steps = s
        case let .failure(p): return p
        }
        if ReformPath.isProgramAddition(steps), value.mapping == nil {
            return PathProblem(
                message: "`\(path)` names a whole program, and a program is a mapping of its fields, found \(CompactYAML.render(value))",
                hint: "set one field (\(path).rate), or add a program: \(ReformPath.additionHint)")
        }
        if ReformPath.isEnabledSwitch(steps), value.scalar.flatMap({ ReformPath.enabledValue($0.string) }) == nil {
            return PathProblem(
                message: "`enabled` takes true or false, found \(CompactYAML.render(value))",
                hint: ReformPath.enabledHint)
        }
        budget -= YAMLValue.count(value, limit: budget)
        guard budget >= 0 else {
            return PathProblem(
                message: "the reform's values have more than \(YAMLReader.maxNodes) nodes", hint: "check for aliases that expand recursively")
        }
        return nil
    }

    /// Where each field below `node` was written, by its path relative to `node` in the decoder's
    /// form (`claims.count.mean`, `tiers[0].amount`), so that a problem of a program a reform adds
    /// is reported at the line of the field that has it.
    static func positions(_ node: Node) -> [String: SourcePosition] {
        var out: [String: SourcePosition] = [:]
        func visit(_ n: Node, _ path: String) {
            if let m = n.mark, !path.isEmpty, out[path] == nil { out[path] = SourcePosition(line: m.line, column: m.column) }
            switch n {
            case let .mapping(m):
                for (k, v) in m {
                    guard let key = k.scalar?.string else { continue }
                    let p = path.isEmpty ? key : "\(path).\(key)"
                    if let mark = k.mark, out[p] == nil { out[p] = SourcePosition(line: mark.line, column: mark.column) }
                    visit(v, p)
                }
            case let .sequence(items):
                for (i, item) in items.enumerated() { visit(item, "\(path)[\(i)]") }
            default: break
            }
        }
        visit(node, "")
        return out
    }

    /// True when `text` holds no YAML content: only blank lines, comments and document markers.
    static func isBlank(_ text: String) -> Bool {
        text.split(whereSeparator: \.isNewline).allSatisfy { line in
            let t = line.trimmingCharacters(in: .whitespaces)
            return t.isEmpty || t.hasPrefix("#") || t == "---" || t == "..."
        }
    }
}
