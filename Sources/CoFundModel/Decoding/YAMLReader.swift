import Foundation
import Yams

/// Reads a composed YAML tree field by field, collecting every problem with its line and column
/// instead of stopping at the first.
///
/// Each accessor records where a field was written (for checks made after decoding) and returns
/// nil after reporting when the value is not what is allowed.
final class YAMLReader {
    let file: String
    private(set) var issues: [ScenarioIssue] = []
    private(set) var locations: SourceLocations
    private(set) var nodesRead = 0

    /// A scenario has a few thousand nodes; more means an alias bomb or a generated file that
    /// would take too long to read.
    static let maxNodes = 200_000

    init(file: String) {
        self.file = file
        locations = SourceLocations(file: file)
    }

    /// Composes `text` into a node tree, reporting a syntax error with its position.
    func compose(_ text: String) -> Node? {
        if let depth = Self.excessiveNesting(text) {
            fail("", nil, "the document nests \(depth) levels deep", hint: "a scenario needs fewer than \(Self.maxNesting)")
            return nil
        }
        do {
            if let key = try Self.keyHoldingAlias(text) {
                fail("", key, "a mapping key holds an alias (`*name`)", hint: "keys are plain words; write the key out")
                return nil
            }
            guard let node = try Yams.compose(yaml: text) else {
                fail("", nil, "the file is empty", hint: "a scenario has `scenario:`, `funders:` and `programs:`")
                return nil
            }
            return node
        } catch let error as YamlError {
            report(error)
        } catch {
            fail("", nil, "not readable as YAML: \(error)")
        }
        return nil
    }

    static let maxNesting = 64

    /// The first mapping key that is or holds an alias (`*a : 1`, `[*a]: 1`, `? *a`), found by
    /// composing a copy of the text in which each possible alias `*name` is written `~name` (a plain
    /// word at the same position). Yams hashes every key while composing, so a key holding an alias
    /// of nested aliases (a billion laughs) would take exponential time before `maxNodes` could
    /// stop it; the copy has no aliases and composes in linear time. Nil when the text has no
    /// aliases or no key holds one; throws the copy's YAML errors, which are at the same positions.
    static func keyHoldingAlias(_ text: String) throws -> Node? {
        func isAnchorChar(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F
        }
        var bytes = Array(text.utf8)
        var placeholders = false
        for i in bytes.indices.dropLast() where bytes[i] == UInt8(ascii: "*") && isAnchorChar(bytes[i + 1]) && (i == 0 || !isAnchorChar(bytes[i - 1]))
        {
            bytes[i] = UInt8(ascii: "~")
            placeholders = true
        }
        guard placeholders, let root = try Yams.compose(yaml: String(decoding: bytes, as: UTF8.self)) else { return nil }
        func holdsPlaceholder(_ node: Node) -> Bool {
            switch node {
            case let .scalar(s): s.style == .plain && s.string.hasPrefix("~") && s.string.utf8.dropFirst().first.map(isAnchorChar) == true
            case let .sequence(items): items.contains(where: holdsPlaceholder)
            case let .mapping(m): m.contains { holdsPlaceholder($0.key) || holdsPlaceholder($0.value) }
            case .alias: true
            }
        }
        var pending = [root]
        while let node = pending.popLast() {
            switch node {
            case let .mapping(m):
                for (k, v) in m {
                    if holdsPlaceholder(k) { return k }
                    pending.append(v)
                }
            case let .sequence(items): pending += items
            default: break
            }
        }
        return nil
    }

    /// The bracket or indentation depth of `text` when it exceeds `maxNesting`, checked before
    /// composing so that a pathological file cannot exhaust the stack.
    static func excessiveNesting(_ text: String) -> Int? {
        var depth = 0, deepest = 0
        for b in text.utf8 {
            if b == UInt8(ascii: "[") || b == UInt8(ascii: "{") { depth += 1; deepest = max(deepest, depth) }
            if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { depth = max(0, depth - 1) }
        }
        if deepest > maxNesting { return deepest }
        var indent = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            let n = line.prefix { $0 == " " || $0 == "-" }.count
            indent = max(indent, n)
        }
        return indent > maxNesting * 4 ? indent / 2 : nil
    }

    private func report(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let ctx = context.map { " (\($0.text))" } ?? ""
            add(ScenarioIssue(file: file, line: mark.line, column: mark.column, field: "", message: "YAML syntax: \(problem)\(ctx)"))
        case let .duplicatedKeysInMapping(duplicates, context):
            add(
                ScenarioIssue(
                    file: file, line: context.mark.line, column: context.mark.column, field: "",
                    message: "the key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) is written twice in one mapping",
                    hint: "keep one"))
        case let .reader(problem, _, _, _):
            fail("", nil, "not readable as UTF-8 text: \(problem)")
        default:
            fail("", nil, "not readable as YAML: \(error)")
        }
    }

    // MARK: - Reporting

    func add(_ issue: ScenarioIssue) { issues.append(issue) }

    /// Rewrites the issues reported since `index` (to say where a substituted value came from).
    func rewriteIssues(from index: Int, _ transform: (inout ScenarioIssue) -> Void) {
        for i in index..<issues.count { transform(&issues[i]) }
    }

    func fail(_ field: String, _ node: Node?, _ message: String, hint: String? = nil) {
        let p = node?.mark.map { SourcePosition(line: $0.line, column: $0.column) } ?? locations.position(of: field)
        add(ScenarioIssue(file: file, line: p.line, column: p.column, field: field, message: message, hint: hint))
    }

    func record(_ field: String, _ node: Node) {
        if let m = node.mark { locations.positions[field] = SourcePosition(line: m.line, column: m.column) }
    }

    /// Counts a node; false (after one report) once the document is too large to read.
    private func visit(_ field: String, _ node: Node) -> Bool {
        nodesRead += 1
        if nodesRead == Self.maxNodes + 1 {
            fail(field, node, "the document has more than \(Self.maxNodes) values", hint: "check for aliases that expand recursively")
        }
        return nodesRead <= Self.maxNodes
    }

    // MARK: - Shapes

    func mapping(_ node: Node, _ field: String) -> MappingCursor? {
        guard visit(field, node) else { return nil }
        record(field, node)
        guard case let .mapping(m) = node else {
            fail(field, node, "expected a mapping of `key: value` lines, found \(describe(node))")
            return nil
        }
        var entries: [MappingCursor.Entry] = []
        for (k, v) in m {
            guard let key = k.scalar?.string else {
                fail(field, k, "a key must be a plain word, found \(describe(k))")
                continue
            }
            entries.append(.init(key: key, keyNode: k, value: v))
        }
        return MappingCursor(reader: self, field: field, node: node, entries: entries)
    }

    func sequence(_ node: Node, _ field: String) -> [(node: Node, field: String)]? {
        guard visit(field, node) else { return nil }
        record(field, node)
        guard case let .sequence(s) = node else {
            fail(field, node, "expected a list, found \(describe(node))")
            return nil
        }
        return s.enumerated().map { ($1, "\(field)[\($0)]") }
    }

    func string(_ node: Node, _ field: String) -> String? {
        guard visit(field, node) else { return nil }
        record(field, node)
        guard case let .scalar(s) = node else {
            fail(field, node, "expected text, found \(describe(node))")
            return nil
        }
        return s.string
    }

    /// A finite number no larger in magnitude than `Self.maxMagnitude`. Accepts `2.5%` and `1.5‰`.
    func number(_ node: Node, _ field: String) -> Double? {
        guard let text = string(node, field) else { return nil }
        guard let v = Self.parseNumber(text) else {
            fail(field, node, "expected a number, found `\(text)`")
            return nil
        }
        guard v.isFinite else {
            fail(field, node, "\(text) is not a number that can be simulated", hint: "write a finite number")
            return nil
        }
        guard abs(v) <= Self.maxMagnitude else {
            fail(field, node, "\(text) is too large to simulate", hint: "amounts and counts up to 1e12 are allowed; check the unit")
            return nil
        }
        return v
    }

    static let maxMagnitude = 1e12

    static func parseNumber(_ raw: String) -> Double? {
        var t = raw.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        var scale = 1.0
        if t.hasSuffix("%") { scale = 0.01; t.removeLast() } else if t.hasSuffix("‰") { scale = 0.001; t.removeLast() }
        switch t.lowercased() {
        case ".nan", "nan": return .nan
        case ".inf", "+.inf", "inf", "infinity": return .infinity
        case "-.inf", "-inf", "-infinity": return -.infinity
        default: break
        }
        guard !t.isEmpty, t.allSatisfy({ "0123456789+-.eE".contains($0) }), let v = Double(t) else { return nil }
        return v * scale
    }

    /// A whole number in `range`.
    func integer(_ node: Node, _ field: String, in range: ClosedRange<Int>) -> Int? {
        guard let v = number(node, field) else { return nil }
        guard v == v.rounded(), v >= Double(range.lowerBound), v <= Double(range.upperBound) else {
            fail(field, node, "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(Self.format(v))")
            return nil
        }
        return Int(v)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case let .scalar(s): s.string.isEmpty ? "nothing" : "`\(s.string)`"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    static func format(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return String(v)
    }
}

/// The entries of one YAML mapping, tracking which keys were read so that unknown ones are
/// reported with a did-you-mean.
struct MappingCursor {
    struct Entry {
        var key: String
        var keyNode: Node
        var value: Node
    }

    let reader: YAMLReader
    let field: String
    let node: Node
    let entries: [Entry]

    func path(_ key: String) -> String { field.isEmpty ? key : "\(field).\(key)" }

    subscript(key: String) -> Node? { entries.first { $0.key == key }?.value }

    /// The value of a key that must be present.
    func required(_ key: String, hint: String? = nil) -> Node? {
        if let v = self[key] { return v }
        reader.fail(path(key), node, "`\(key)` is missing", hint: hint)
        return nil
    }

    /// Reports every key not in `allowed`, suggesting the closest allowed key.
    func rejectUnknownKeys(allowed: [String]) {
        for e in entries where !allowed.contains(e.key) {
            let hint =
                DidYouMean.suggestion(for: e.key, among: allowed).map { "did you mean `\($0)`?" }
                ?? "allowed here: \(allowed.joined(separator: ", "))"
            reader.fail(path(e.key), e.keyNode, "unknown key `\(e.key)`", hint: hint)
        }
    }
}
