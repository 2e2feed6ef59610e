extension Simulation {
    /// Simulates paths `range` of the plan again, each exactly as the run did (a path depends only
    /// on the seed and its index), collecting every path's `PathRecord` and its values at
    /// `indices` (into `SimulationPlan.valueCount`), in path order; `options.progress` hears of
    /// each block. Used by the stress test only: an ordinary run records nothing.
    public static func record(_ plan: SimulationPlan, paths range: Range<Int>, options: SimulationOptions, indices: [Int])
        async throws(NumericFailure) -> (records: [PathRecord], values: [[Double]])
    {
        let kept = try await replay(
            plan, paths: range, options: options, configure: { $0.recorder = PathRecorder(plan: plan) },
            keep: { sim, row in (sim.recorder!.record, indices.map { row[$0] }) })
        return (kept.map(\.0), kept.map(\.1))
    }
}
