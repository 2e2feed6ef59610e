/// One step of a dotted path: a mapping key (or, inside a list, the `id` of an item), or a list index.
enum PathStep: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// Why a path cannot be used: a message and, when there is a clear answer, what to write instead.
struct PathProblem: Error {
    var message: String
    var hint: String?
}

/// The grammar of override paths: `scenario.<key>…`, `funders.<id>.<key>…`,
/// `programs.<id>.<key>[.<key>|[i]|.<item-id>]…`, `budget_lines.<id>.<key>…`, the reform-only
/// `programs.<id>.enabled`, and `programs.<id>` with a whole new program.
enum ReformPath {
    static let roots = ["scenario", "parameters", "funders", "programs", "budget_lines"]
    static let example = "programs.<id>.rate, funders.<id>.name or scenario.paths"

    /// The steps of `path` split at `.` and `[i]`, without checking what they name. Nil when the
    /// path is empty, has an empty segment (`a..b`) or a bracket that is not `[digits]`.
    static func steps(_ path: String) -> [PathStep]? {
        var steps: [PathStep] = []
        var rest = Substring(path)
        var expectKey = true
        while !rest.isEmpty || expectKey {
            if rest.first == "[" {
                guard !expectKey, let close = rest.firstIndex(of: "]") else { return nil }
                let digits = rest[rest.index(after: rest.startIndex)..<close]
                guard !digits.isEmpty, digits.allSatisfy(\.isASCII), let i = Int(digits), i >= 0 else { return nil }
                steps.append(.index(i))
                rest = rest[rest.index(after: close)...]
                expectKey = false
            } else if expectKey {
                let end = rest.firstIndex { $0 == "." || $0 == "[" || $0 == "]" } ?? rest.endIndex
                guard end != rest.startIndex, rest[end...].first != "]" else { return nil }
                steps.append(.key(String(rest[..<end])))
                rest = rest[end...]
                expectKey = false
            } else {
                guard rest.first == "." else { return nil }
                rest = rest.dropFirst()
                expectKey = true
                if rest.isEmpty { return nil }
            }
        }
        return steps
    }

    /// The steps of an override path, checked against the grammar.
    static func parse(_ path: String) -> Result<[PathStep], PathProblem> {
        guard let steps = steps(path) else {
            return .failure(
                PathProblem(
                    message: "`\(path)` is not a dotted path",
                    hint: "write keys joined by `.`, and `[i]` for a list item by position, e.g. \(example)"))
        }
        guard case let .key(root) = steps[0], roots.contains(root) else {
            let first = steps.first.map(render) ?? path
            let hint =
                DidYouMean.suggestion(for: first, among: roots).map { "did you mean `\($0)`?" }
                ?? "a path starts with scenario, parameters, funders, programs or budget_lines"
            return .failure(PathProblem(message: "`\(first)` is not a section of a scenario", hint: hint))
        }
        if root == "scenario", steps.count < 2 {
            return .failure(PathProblem(message: "`\(path)` names the whole section", hint: "name one field, e.g. scenario.paths"))
        }
        if isProgramAddition(steps) { return .success(steps) }
        if root == "parameters" {
            guard steps.count >= 2 else {
                return .failure(PathProblem(message: "`\(path)` names the whole section", hint: "name one parameter, e.g. parameters.<id>=500"))
            }
            return .success(steps)
        }
        if root != "scenario", steps.count < 3 {
            let what = root == "programs" ? "program" : root == "funders" ? "funder" : "budget line"
            let field = root == "programs" ? "rate" : root == "funders" ? "name" : "amount"
            return .failure(
                PathProblem(
                    message: "`\(path)` names a whole \(what)",
                    hint: "name one field, e.g. \(root).<id>.\(field)"
                        + (root == "programs" ? ", or programs.<id>.enabled: false to remove it" : "")))
        }
        return .success(steps)
    }

    /// The parameter id of `parameters.<id>`, which sets the parameter to one value.
    static func parameterValue(_ steps: [PathStep]) -> String? {
        guard steps.count == 2, steps[0] == .key("parameters"), case let .key(id) = steps[1] else { return nil }
        return id
    }

    /// The parameter id and date of `parameters.<id>.values.<YYYY-MM-DD>`, a dated value.
    static func datedParameterValue(_ steps: [PathStep]) -> (id: String, date: String)? {
        guard steps.count == 4, steps[0] == .key("parameters"), case let .key(id) = steps[1], steps[2] == .key("values"),
            case let .key(date) = steps[3]
        else { return nil }
        return (id, date)
    }

    /// True when `steps` is `programs.<id>.enabled`, the reform-only key that removes a program.
    static func isEnabledSwitch(_ steps: [PathStep]) -> Bool {
        steps.count == 3 && steps[0] == .key("programs") && steps[2] == .key("enabled")
    }

    /// True when `steps` is `programs.<id>`: a whole program, which a reform may add (its value
    /// is the mapping of the program's fields, as in a scenario file).
    static func isProgramAddition(_ steps: [PathStep]) -> Bool {
        guard steps.count == 2, steps[0] == .key("programs"), case .key = steps[1] else { return false }
        return true
    }

    static let additionHint = "a reform adds a program as `programs.<id>:` followed by the mapping of its fields, as in a scenario file"

    /// The value of an `enabled` switch: true or false, nil for anything else.
    static func enabledValue(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "true": true
        case "false": false
        default: nil
        }
    }

    static let enabledHint = "`enabled: false` removes the program; `true` leaves it"

    /// `steps` written as a path: keys joined by `.`, indices as `[i]`.
    static func render(_ steps: [PathStep]) -> String {
        var s = ""
        for step in steps {
            switch step {
            case let .key(k): s += s.isEmpty ? k : ".\(k)"
            case let .index(i): s += "[\(i)]"
            }
        }
        return s
    }

    private static func render(_ step: PathStep) -> String { render([step]) }
}
