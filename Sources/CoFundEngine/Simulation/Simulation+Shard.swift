import Foundation

extension Simulation {
    /// Simulates one shard of a run of `options.paths` paths.
    public static func runShard(_ plan: SimulationPlan, options: SimulationOptions, shard: Shard) async throws(NumericFailure) -> KeptValues {
        let range = shard.paths(of: options.paths, blockSize: options.blockSize)
        if SimulationLimits.keepsPathValues(plan, paths: options.paths) {
            return .paths(try await simulate(plan, paths: range, options: options))
        }
        return .sketches(try await aggregate(plan, paths: range, options: options))
    }

    /// The result of all the shards of a run, in shard order: identical to one run of all the
    /// paths, since the same blocks are merged in the same order.
    public static func merge(_ plan: SimulationPlan, options: SimulationOptions, shards: [KeptValues], wallSeconds: Double) -> SimulationResult? {
        var values: PathValues?
        var aggregate: Aggregate?
        for s in shards {
            switch s {
            case let .paths(v):
                guard aggregate == nil else { return nil }
                if var all = values { all.append(v); values = all } else { values = v }
            case let .sketches(a):
                guard values == nil else { return nil }
                if var all = aggregate { all.append(a); aggregate = all } else { aggregate = a }
            }
        }
        if let values { return SimulationResult(plan: plan, options: options, values: values, converged: nil, wallSeconds: wallSeconds) }
        if let aggregate { return SimulationResult(plan: plan, options: options, aggregate: aggregate, converged: nil, wallSeconds: wallSeconds) }
        return nil
    }
}
