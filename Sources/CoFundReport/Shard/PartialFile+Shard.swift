import CoFundEngine
import CoFundModel

extension PartialFile {
    /// The partial file of `shard` of the run of `source` with `options`, holding `values`.
    ///
    /// The header carries the scenario's text and its overrides as `PATH=VALUE` (the form
    /// `--set` takes), so that `ShardMerge` rebuilds the very scenario the shards ran, and the
    /// counts of `plan`, so that a shard of another scenario is refused before its values are read.
    public init(shard: Shard, of source: ScenarioSource, plan: SimulationPlan, options: SimulationOptions, values: KeptValues) {
        let range = shard.paths(of: options.paths, blockSize: options.blockSize)
        let mode: String, blocks: Int
        switch values {
        case .paths: (mode, blocks) = ("paths", 0)
        case let .sketches(a): (mode, blocks) = ("aggregate", a.blocks.count)
        }
        let header = Header(
            cofundVersion: CofundVersion.current, scenarioID: source.scenario.id, scenarioFile: source.file, scenarioSHA256: source.sha256,
            scenarioText: source.text, reforms: source.changes.map { "\($0.path)=\($0.after)" }, seed: options.seed, paths: options.paths,
            blockSize: options.blockSize, shardIndex: shard.index, shardCount: shard.count, firstPath: range.lowerBound,
            endPath: range.upperBound, mode: mode, series: plan.valueCount, budgetCells: plan.budgetCells.count,
            budgetGroups: plan.budgetGroups.count, blocks: blocks)
        self.init(header: header, values: values)
    }
}
