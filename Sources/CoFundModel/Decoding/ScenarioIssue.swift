/// One problem in a scenario or reform file: where it is, what was found and what is allowed.
public struct ScenarioIssue: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    /// The field path, e.g. `programs[2].share.county`.
    public var field: String
    public var message: String
    /// What to write instead, when there is a clear answer.
    public var hint: String?

    public init(file: String, line: Int, column: Int, field: String, message: String, hint: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.field = field
        self.message = message
        self.hint = hint
    }

    public var description: String {
        let position = line > 0 ? "\(file):\(line):\(column)" : file
        var s = "\(position): \(field.isEmpty ? "" : field + ": ")\(message)"
        if let hint { s += " — \(hint)" }
        return s
    }
}

/// Every problem found in a file; thrown when there is at least one.
public struct ScenarioIssues: Error, Sendable, CustomStringConvertible {
    public var issues: [ScenarioIssue]
    public init(_ issues: [ScenarioIssue]) { self.issues = issues }

    /// The issues sorted by line and column (a stable sort: issues at one place keep their order),
    /// without repeats.
    static func inFileOrder(_ issues: [ScenarioIssue]) -> [ScenarioIssue] {
        var seen = Set<String>()
        return issues.enumerated()
            .sorted { ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset) }
            .map(\.element)
            .filter { seen.insert($0.description).inserted }
    }
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}

/// A line and column in a file (1-based).
public struct SourcePosition: Sendable, Hashable {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// Where each field path of a decoded file was written, so that checks made after decoding can
/// point at the line.
public struct SourceLocations: Sendable {
    public var file: String
    public var positions: [String: SourcePosition] = [:]

    public init(file: String) { self.file = file }

    /// The position of `field`, or of its nearest written ancestor.
    public func position(of field: String) -> SourcePosition {
        var path = field
        while true {
            if let p = positions[path] { return p }
            guard let cut = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            path = String(path[..<cut])
        }
        return SourcePosition(line: 1, column: 1)
    }

    public func issue(_ field: String, _ message: String, hint: String? = nil) -> ScenarioIssue {
        let p = position(of: field)
        return ScenarioIssue(file: file, line: p.line, column: p.column, field: field, message: message, hint: hint)
    }
}
