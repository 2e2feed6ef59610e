import Yams

/// A policy drafter's "what if": overrides of a scenario's fields by dotted path, from one reform
/// file or from the `--set PATH=VALUE` options of one command line.
///
/// Several reforms compose in order; where two set the same field the later wins.
public struct Reform: Sendable, Equatable {
    /// The reform file's path, or `--set`.
    public var label: String
    /// What the reform is, from the file's optional `title:`.
    public var title: String?
    /// The clause the reform comes from, from the file's optional `source:`.
    public var source: String?
    /// The overrides in the order they were written.
    public var overrides: [Override]

    public init(label: String, title: String? = nil, source: String? = nil, overrides: [Override]) {
        self.label = label
        self.title = title
        self.source = source
        self.overrides = overrides
    }
}

/// One override: a dotted path and its new value, with where it was written.
public struct Override: Sendable, Equatable {
    /// The field, e.g. `programs.rd_post_subsidy.cap_per_claim`: `scenario.<key>…`, `funders.<id>.<key>…`,
    /// `programs.<id>.<key>…`, where inside a list `.<item-id>` or `[i]` names an item.
    public var path: String
    /// The new value, any YAML value (a fresh node on each read; see `YAMLValue` for why).
    public var value: Node {
        get { storage.node }
        set { storage = YAMLValue(newValue) }
    }
    /// Where the override was written: the reform file (or `--set`), line and column (1-based;
    /// for `--set`, the line is the option's position among the `--set` options).
    public var file: String
    public var line: Int
    public var column: Int

    /// For a program a reform adds (`programs.<id>:` with the program's fields), where each of
    /// its fields was written, by its path below the program (`claims.count.mean`); empty otherwise.
    public var positions: [String: SourcePosition] = [:]

    private var storage: YAMLValue

    public init(path: String, value: Node, file: String, line: Int, column: Int) {
        self.path = path
        self.storage = YAMLValue(value)
        self.file = file
        self.line = line
        self.column = column
    }

    /// An issue located where this override was written, about its path.
    func issue(_ message: String, hint: String? = nil) -> ScenarioIssue {
        ScenarioIssue(file: file, line: line, column: column, field: path, message: message, hint: hint)
    }
}

/// One field changed by a reform, with its value before and after as one-line YAML text.
public struct AppliedChange: Sendable, Equatable, CustomStringConvertible {
    /// The override's path.
    public var path: String
    /// The value before this override, or `(absent)` when the field was not written.
    public var before: String
    /// The value after it.
    public var after: String
    /// The label of the reform that made the change.
    public var reform: String

    public static let absent = "(absent)"

    public init(path: String, before: String, after: String, reform: String) {
        self.path = path
        self.before = before
        self.after = after
        self.reform = reform
    }

    /// `programs.rd_post_subsidy.cap_per_claim: 250 → 500`.
    public var description: String { "\(path): \(before) → \(after)" }
}

/// A reform file as the outputs cite it: its path, and its `title:` and `source:` when it has them.
public struct ReformCitation: Sendable, Equatable, Codable {
    /// The file's path, as given.
    public var file: String
    /// What the reform is (`title:`).
    public var title: String?
    /// The clause it comes from (`source:`).
    public var source: String?

    public init(file: String, title: String? = nil, source: String? = nil) {
        self.file = file
        self.title = title
        self.source = source
    }

    public init(_ reform: Reform) {
        self.init(file: reform.label, title: reform.title, source: reform.source)
    }

    enum CodingKeys: String, CodingKey {
        case file, title, source
    }

    /// Writes every key, a missing title or source as null.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(title, forKey: .title)
        try c.encode(source, forKey: .source)
    }

    /// One line for a terminal: `title (source) — file`, or the file alone.
    public var description: String {
        let named = [title, source.map { "(\($0))" }].compactMap { $0 }.joined(separator: " ")
        return named.isEmpty ? file : "\(named) — \(file)"
    }
}
