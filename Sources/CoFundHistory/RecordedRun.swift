import CoFundModel
import Foundation
import GRDB

/// One recorded command: what ran, on which scenario, with which settings, and where it wrote.
public struct RecordedRun: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "run"

    public enum Kind: String, Codable, Sendable, DatabaseValueConvertible {
        case run, compare, sweep, merge

        /// What it is called in a sentence.
        public var noun: String { self == .compare ? "comparison" : rawValue }
    }

    public var id: Int64?
    public var kind: Kind
    /// ISO 8601, UTC.
    public var recordedAt: String
    public var cofundVersion: String
    public var scenarioID: String
    public var scenarioTitle: String
    public var scenarioFile: String
    /// SHA-256 of the scenario file's bytes, as the manifest gives it.
    public var scenarioSHA256: String
    /// The scenario's text before any reform.
    public var scenarioText: String
    /// The second file of `compare A.yaml B.yaml`.
    public var comparedFile: String?
    public var comparedSHA256: String?
    public var comparedText: String?
    public var unit: String
    public var firstYear: Int
    public var lastYear: Int
    /// Decimal digits: a seed is a UInt64, wider than SQLite's integers.
    public var seed: String
    public var paths: Int
    public var threads: Int
    public var runDirectory: String
    /// Whether the per-path inputs were drawn by Latin hypercube (`cofund run --stratify`).
    public var stratified: Bool = false

    enum CodingKeys: String, CodingKey {
        case id, kind
        case recordedAt = "recorded_at"
        case cofundVersion = "cofund_version"
        case scenarioID = "scenario_id"
        case scenarioTitle = "scenario_title"
        case scenarioFile = "scenario_file"
        case scenarioSHA256 = "scenario_sha256"
        case scenarioText = "scenario_text"
        case comparedFile = "compared_file"
        case comparedSHA256 = "compared_sha256"
        case comparedText = "compared_text"
        case unit
        case firstYear = "first_year"
        case lastYear = "last_year"
        case seed, paths, threads, stratified
        case runDirectory = "run_directory"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension RecordedRun {
    /// A run of `source` (as read, before reforms; its decoded scenario after them) with these
    /// settings, written to `directory` (made absolute against the working directory).
    public init(
        kind: Kind, source: ScenarioSource, seed: UInt64, paths: Int, threads: Int, stratified: Bool = false, directory: String,
        cofundVersion: String, at time: Date
    ) {
        let s = source.scenario
        id = nil
        self.kind = kind
        recordedAt = time.formatted(.iso8601)
        self.cofundVersion = cofundVersion
        scenarioID = s.id
        scenarioTitle = s.title
        scenarioFile = source.file
        scenarioSHA256 = source.sha256
        scenarioText = source.text
        unit = s.unit.rawValue
        firstYear = s.years.lowerBound
        lastYear = s.years.upperBound
        self.seed = String(seed)
        self.paths = paths
        self.threads = threads
        self.stratified = stratified
        runDirectory = URL(fileURLWithPath: directory).standardizedFileURL.path
    }
}

/// A reform as given on the command line: a reform file (its path and text), a `--set` assignment,
/// or a swept grid (`PATH=V1,V2,...`).
public struct ReformInput: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "reform"

    public enum Kind: String, Codable, Sendable, DatabaseValueConvertible {
        case file, set, sweep
    }

    public var runID: Int64 = 0
    public var position: Int = 0
    public var kind: Kind
    public var path: String?
    public var text: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case position, kind, path, text
    }

    public init(kind: Kind, path: String? = nil, text: String) {
        self.kind = kind
        self.path = path
        self.text = text
    }

    /// Reform files (read again for their text; empty when unreadable) and assignments, in the
    /// order they apply.
    public static func given(files: [String], assignments: [String], sweeps: [String] = []) -> [ReformInput] {
        files.map { f in ReformInput(kind: .file, path: f, text: (try? String(contentsOfFile: f, encoding: .utf8)) ?? "") }
            + assignments.map { ReformInput(kind: .set, text: $0) } + sweeps.map { ReformInput(kind: .sweep, text: $0) }
    }

    /// How the command line gave it.
    public var label: String {
        switch kind {
        case .file: "--reform \(path ?? "")"
        case .set: "--set \(text)"
        case .sweep: "sweep --set \(text)"
        }
    }
}

/// An override a reform applied, as `path: before → after`.
public struct AppliedChange: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "applied_change"

    public var runID: Int64 = 0
    public var position: Int = 0
    public var description: String

    enum CodingKeys: String, CodingKey {
        case runID = "run_id"
        case position, description
    }

    public init(_ description: String) { self.description = description }
}

/// Everything recorded of one command: the run, its reforms and overrides, its summary rows.
public struct RunRecord: Sendable, Equatable {
    public var run: RecordedRun
    public var reforms: [ReformInput]
    public var changes: [AppliedChange]
    public var summary: [SummaryRow]

    public init(run: RecordedRun, reforms: [ReformInput] = [], changes: [String] = [], summary: [SummaryRow] = []) {
        self.run = run
        self.reforms = reforms
        self.changes = changes.map(AppliedChange.init)
        self.summary = summary
    }

    /// The year slots of `rows` in reading order: the years, then `total`, then `after`.
    public static func yearOrder(_ rows: [SummaryRow]) -> [String] {
        var seen = Set<String>()
        let slots = rows.map(\.year).filter { seen.insert($0).inserted }
        let rank = { (y: String) in y == "total" ? 1 : y == "after" ? 2 : 0 }
        return slots.enumerated().sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
    }

    /// The arms in the order recorded.
    public var arms: [String] {
        var seen = Set<String>()
        return summary.map(\.arm).filter { seen.insert($0).inserted }
    }

    /// The text a run of `arm` read: the second file's for the reform of `compare A.yaml B.yaml`.
    public func scenarioText(arm: String) -> String {
        arm == SummaryRow.reformArm ? run.comparedText ?? run.scenarioText : run.scenarioText
    }

    /// The scenario file a run of `arm` read.
    public func scenarioFile(arm: String) -> String {
        arm == SummaryRow.reformArm ? run.comparedFile ?? run.scenarioFile : run.scenarioFile
    }
}
