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
        let block = max(1, options.blockSize)
        let blocks = stride(from: range.lowerBound, to: range.upperBound, by: block).map { $0..<min($0 + block, range.upperBound) }
        let threads = max(1, min(options.threads, blocks.count))
        let (seed, progress) = (options.seed, options.progress)
        let done = ProgressCounter()
        let queue = BlockQueue(count: blocks.count)
        let workers = await WorkerThreads.run(threads) { _ in
            let sim = PathSimulator(plan: plan)
            sim.inputShift = shift
            if recordScores { sim.scores = [] }
            var row = [Double](repeating: 0, count: plan.valueCount)
            var out: [(Int, ShiftedPaths)] = []
            while let b = queue.take() {
                var part = ShiftedPaths(values: [], logWeights: [], scores: [])
                for path in blocks[b] {
                    for k in row.indices { row[k] = 0 }
                    row.withUnsafeMutableBufferPointer { sim.simulate(path: path, seed: seed, into: $0.baseAddress!) }
                    row.withUnsafeBufferPointer { sim.checkRow($0.baseAddress!, path: path) }
                    if sim.failure != nil { break }
                    part.values.append(indices.map { row[$0] })
                    part.logWeights.append(sim.logWeight)
                    if let s = sim.scores { part.scores.append(s) }
                }
                out.append((b, part))
                if sim.failure != nil { break }
                progress?(done.add(blocks[b].count), range.count)
            }
            return (out, sim.failure)
        }
        if let failure = NumericFailure.first(workers.map(\.1)) { throw failure }
        let ordered = workers.flatMap(\.0).sorted { $0.0 < $1.0 }.map(\.1)
        return ShiftedPaths(
            values: ordered.flatMap(\.values), logWeights: ordered.flatMap(\.logWeights), scores: ordered.flatMap(\.scores))
    }
}
