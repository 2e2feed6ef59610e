import CoFundEngine
import CoFundModel

extension Manifest {
    /// The manifest of `shard` of the run of `source` with `options`: it counts the shard's own
    /// paths and names the shard, so that a shard's directory is not taken for a whole run.
    public init(shard: Shard, of source: ScenarioSource, options: SimulationOptions) {
        self.init(
            scenario: source.scenario, options: options, scenarioFile: source.file, scenarioSHA256: source.sha256,
            reforms: source.changes.map(\.description))
        paths = shard.paths(of: options.paths, blockSize: options.blockSize).count
        self.shard = "\(shard.index + 1)/\(shard.count)"
    }
}
