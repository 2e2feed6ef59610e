import CoFundEngine
import CoFundModel
import Foundation

/// `manifest.json`: what produced a run directory, so that anyone can reproduce it.
public struct Manifest: Codable, Sendable, Equatable {
    public var cofundVersion: String
    public var scenarioID: String
    public var scenarioTitle: String
    public var scenarioFile: String
    public var scenarioSHA256: String
    public var unit: String
    public var firstYear: Int
    public var lastYear: Int
    /// The first year in which claims were simulated (`Scenario.claimsFrom`); nil in a manifest
    /// written before it was recorded.
    public var historyFrom: Int?
    public var seed: UInt64
    public var paths: Int
    public var threads: Int
    public var blockSize: Int
    public var wallSeconds: Double
    public var targetRelativeSE: Double?
    public var converged: Bool?
    /// Whether the per-path inputs were drawn by Latin hypercube within each batch (`--stratify`);
    /// nil in a manifest written before it was recorded.
    public var stratified: Bool?
    public var reforms: [String]
    /// The reform files applied (`--reform`), in order, each with its `title:` and `source:`; nil in
    /// a manifest written before they were recorded.
    public var reformFiles: [ReformCitation]?
    /// `I/N` for a shard's partial result; nil for a whole run.
    public var shard: String?
    /// The second scenario file of `cofund compare A.yaml B.yaml` and the SHA-256 of its bytes
    /// (the first is `scenarioFile`); nil for every other run.
    public var comparedFile: String?
    public var comparedSHA256: String?

    enum CodingKeys: String, CodingKey {
        case cofundVersion = "cofund_version"
        case scenarioID = "scenario_id"
        case scenarioTitle = "scenario_title"
        case scenarioFile = "scenario_file"
        case scenarioSHA256 = "scenario_sha256"
        case unit
        case firstYear = "first_year"
        case lastYear = "last_year"
        case historyFrom = "history_from"
        case seed, paths, threads
        case blockSize = "block_size"
        case wallSeconds = "wall_seconds"
        case targetRelativeSE = "target_relative_se"
        case converged, stratified, reforms, shard
        case reformFiles = "reform_files"
        case comparedFile = "compared_file"
        case comparedSHA256 = "compared_sha256"
    }

    public init(result r: SimulationResult, scenarioFile: String, scenarioSHA256: String, reforms: [String] = []) {
        self.init(scenario: r.scenario, options: r.options, scenarioFile: scenarioFile, scenarioSHA256: scenarioSHA256, reforms: reforms)
        paths = r.paths
        wallSeconds = (r.wallSeconds * 1000).rounded() / 1000
        converged = r.converged
    }

    /// A manifest for work made of several runs of one scenario with these options.
    public init(scenario s: Scenario, options: SimulationOptions, scenarioFile: String, scenarioSHA256: String, reforms: [String] = []) {
        cofundVersion = CofundVersion.current
        scenarioID = s.id
        scenarioTitle = s.title
        self.scenarioFile = scenarioFile
        self.scenarioSHA256 = scenarioSHA256
        unit = s.unit.rawValue
        firstYear = s.years.lowerBound
        lastYear = s.years.upperBound
        historyFrom = s.claimsFrom
        seed = options.seed
        paths = options.paths
        threads = options.threads
        blockSize = options.blockSize
        wallSeconds = 0
        targetRelativeSE = options.targetRelativeSE
        converged = nil
        stratified = options.stratified
        self.reforms = reforms
    }

    /// Writes every key, absent values as null, so that scripts can rely on the keys.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cofundVersion, forKey: .cofundVersion)
        try c.encode(scenarioID, forKey: .scenarioID)
        try c.encode(scenarioTitle, forKey: .scenarioTitle)
        try c.encode(scenarioFile, forKey: .scenarioFile)
        try c.encode(scenarioSHA256, forKey: .scenarioSHA256)
        try c.encode(unit, forKey: .unit)
        try c.encode(firstYear, forKey: .firstYear)
        try c.encode(lastYear, forKey: .lastYear)
        try c.encode(historyFrom, forKey: .historyFrom)
        try c.encode(seed, forKey: .seed)
        try c.encode(paths, forKey: .paths)
        try c.encode(threads, forKey: .threads)
        try c.encode(blockSize, forKey: .blockSize)
        try c.encode(wallSeconds, forKey: .wallSeconds)
        try c.encode(targetRelativeSE, forKey: .targetRelativeSE)
        try c.encode(converged, forKey: .converged)
        try c.encode(stratified ?? false, forKey: .stratified)
        try c.encode(reforms, forKey: .reforms)
        try c.encode(reformFiles ?? [], forKey: .reformFiles)
        try c.encode(shard, forKey: .shard)
        try c.encode(comparedFile, forKey: .comparedFile)
        try c.encode(comparedSHA256, forKey: .comparedSHA256)
    }

    /// This manifest naming the reform files `files`.
    public func citing(_ files: [ReformCitation]) -> Manifest {
        var m = self
        m.reformFiles = files
        return m
    }

    public var json: String {
        JSONStyle.text(self) + "\n"
    }
}

public enum CofundVersion {
    public static let current = "0.1.0"
}
