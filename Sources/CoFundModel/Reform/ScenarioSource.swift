/// A scenario as a command names it (a file, or the built-in portfolio when none is named), with
/// what a run records of where it came from.
///
/// Reforms apply to the scenario's text, not to the decoded scenario, so the text is kept beside
/// it: a sweep re-applies the reforms at every point, and a shard carries the text so that the
/// merge rebuilds the scenario the shards ran. The fingerprint is taken of the bytes read, so that
/// a manifest names exactly the file that ran.
public struct ScenarioSource: Sendable {
    public var scenario: Scenario
    /// The file's path, or `BuiltinScenario.name`: its name in messages and manifests.
    public let file: String
    /// The scenario's text, to which reforms apply.
    public let text: String
    /// SHA-256 of the file's bytes (of the built-in text for the built-in scenario).
    public let sha256: String
    /// The overrides applied, as `path: before → after`.
    public var changes: [AppliedChange]
    /// The reform files applied, in order, each with its `title:` and `source:`.
    public var reformFiles: [ReformCitation] = []

    public init(scenario: Scenario, file: String, text: String, sha256: String, changes: [AppliedChange] = []) {
        self.scenario = scenario
        self.file = file
        self.text = text
        self.sha256 = sha256
        self.changes = changes
    }

    /// The name messages give the scenario `path` names: the path, or the built-in's name.
    public static func name(_ path: String?) -> String { path ?? BuiltinScenario.name }

    /// Reads and decodes `path`, or the built-in Jinan portfolio when `path` is nil.
    ///
    /// - Throws: the file's problems, each at its line and column in `name(path)`.
    public static func load(_ path: String?) throws(ScenarioIssues) -> ScenarioSource {
        let file = name(path)
        let source =
            try path.map { p throws(ScenarioIssues) in try ScenarioFile.read(p) }
            ?? ScenarioFile(path: file, bytes: Array(BuiltinScenario.jinanPortfolio.utf8), text: BuiltinScenario.jinanPortfolio)
        return ScenarioSource(
            scenario: try ScenarioDecoder.decode(source.text, file: file), file: file, text: source.text,
            sha256: SHA256.hex(source.bytes))
    }

    /// The reforms of reform files and of `PATH=VALUE` assignments, in that order (the assignments
    /// as one reform, when there are any).
    ///
    /// - Throws: a file's problems, or the assignments'.
    public static func reforms(files: [String], assignments: [String]) throws(ScenarioIssues) -> [Reform] {
        var reforms = try files.map { f throws(ScenarioIssues) in try ReformLoader.load(path: f) }
        if !assignments.isEmpty { reforms.append(try ReformLoader.parse(assignments: assignments)) }
        return reforms
    }

    /// This scenario with reform files and `PATH=VALUE` assignments applied, in that order (itself
    /// when there are none).
    public func reformed(files: [String], assignments: [String]) throws(ScenarioIssues) -> ScenarioSource {
        try reformed(try Self.reforms(files: files, assignments: assignments))
    }

    /// This scenario's text with `reforms` applied in order and decoded again (itself when there are
    /// none); `changes` are the overrides applied.
    ///
    /// - Throws: an override that names nothing in the scenario, or the problems of the reformed
    ///   scenario, each at the override that caused it (`ScenarioReformer`).
    public func reformed(_ reforms: [Reform]) throws(ScenarioIssues) -> ScenarioSource {
        guard !reforms.isEmpty else { return self }
        let (scenario, changes) = try ScenarioReformer.apply(reforms, to: text, file: file)
        var out = self
        out.scenario = scenario
        out.changes = changes
        out.reformFiles = reforms.filter { $0.label != ReformLoader.assignmentsLabel }.map(ReformCitation.init)
        return out
    }
}
