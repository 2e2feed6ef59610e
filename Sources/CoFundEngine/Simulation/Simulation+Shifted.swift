extension Simulation {
    /// What a pass of importance sampling keeps of each path: the values at the requested indices,
    /// the log likelihood ratio of its shifted inputs, and (a pilot pass) the inputs' normal scores.
    struct ShiftedPaths {
        var values: [[Double]]
        var logWeights: [Double]
        var scores: [[(input: PathInput, score: Double)]]
    }

    /// Simulates paths `range` with the per-path inputs' normal scores shifted by `shift` (an empty
    /// shift draws what a run draws), keeping the values at `indices` (into
    /// `SimulationPlan.valueCount`) and each path's log weight, in path order, on any number of
    /// threads with the same result; `recordScores` also keeps every input's score.
    static func shifted(
        _ plan: SimulationPlan, paths range: Range<Int>, options: SimulationOptions, shift: [PathInput: Double], recordScores: Bool,
        indices: [Int]
    ) async throws(NumericFailure) -> ShiftedPaths {
        let kept = try await replay(
            plan, paths: range, options: options,
            configure: { sim in
                sim.inputShift = shift
                if recordScores { sim.scores = [] }
            },
            keep: { sim, row in (indices.map { row[$0] }, sim.logWeight, sim.scores ?? []) })
        return ShiftedPaths(values: kept.map(\.0), logWeights: kept.map(\.1), scores: recordScores ? kept.map(\.2) : [])
    }
}
