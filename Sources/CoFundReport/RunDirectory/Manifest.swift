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
    public var seed: UInt64
    public var paths: Int
    public var threads: Int
    public var blockSize: Int
    public var wallSeconds: Double
    public var targetRelativeSE: Double?
    public var converged: Bool?
    public var reforms: [String]

    enum CodingKeys: String, CodingKey {
        case cofundVersion = "cofund_version", scenarioID = "scenario_id", scenarioTitle = "scenario_title"
        case scenarioFile = "scenario_file", scenarioSHA256 = "scenario_sha256", unit, firstYear = "first_year"
        case lastYear = "last_year", seed, paths, threads, blockSize = "block_size", wallSeconds = "wall_seconds"
        case targetRelativeSE = "target_relative_se", converged, reforms
    }

    public init(result r: SimulationResult, scenarioFile: String, scenarioText: String, reforms: [String] = []) {
        cofundVersion = CofundVersion.current
        scenarioID = r.scenario.id
        scenarioTitle = r.scenario.title
        self.scenarioFile = scenarioFile
        scenarioSHA256 = SHA256.hex(Array(scenarioText.utf8))
        unit = r.scenario.unit.rawValue
        firstYear = r.scenario.years.lowerBound
        lastYear = r.scenario.years.upperBound
        seed = r.options.seed
        paths = r.paths
        threads = r.options.threads
        blockSize = r.options.blockSize
        wallSeconds = (r.wallSeconds * 1000).rounded() / 1000
        targetRelativeSE = r.options.targetRelativeSE
        converged = r.converged
        self.reforms = reforms
    }

    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

public enum CofundVersion {
    public static let current = "0.1.0"
}
