extension Simulation {
    /// Simulates paths `range` of the plan again, each exactly as the run did (a path depends only
    /// on the seed and its index), collecting every path's `PathRecord` and its values at
    /// `indices` (into `SimulationPlan.valueCount`), in path order; `options.progress` hears of
    /// each block. Used by the stress test only: an ordinary run records nothing.
    public static func record(_ plan: SimulationPlan, paths range: Range<Int>, options: SimulationOptions, indices: [Int])
        async throws(NumericFailure) -> (records: [PathRecord], values: [[Double]])
    {
        let block = max(1, options.blockSize)
        let blocks = stride(from: range.lowerBound, to: range.upperBound, by: block).map { $0..<min($0 + block, range.upperBound) }
        let threads = max(1, min(options.threads, blocks.count))
        let (held, seed, progress) = (options.heldParameters, options.seed, options.progress)
        let done = ProgressCounter()
        let queue = BlockQueue(count: blocks.count)
        let workers = await WorkerThreads.run(threads) { _ in
            let sim = PathSimulator(plan: plan)
            sim.heldParameters = held
            let recorder = PathRecorder(plan: plan)
            sim.recorder = recorder
            var row = [Double](repeating: 0, count: plan.valueCount)
            var out: [(Int, [PathRecord], [[Double]])] = []
            while let b = queue.take() {
                var records: [PathRecord] = []
                var values: [[Double]] = []
                for path in blocks[b] {
                    for k in row.indices { row[k] = 0 }
                    row.withUnsafeMutableBufferPointer { sim.simulate(path: path, seed: seed, into: $0.baseAddress!) }
                    row.withUnsafeBufferPointer { sim.checkRow($0.baseAddress!, path: path) }
                    if sim.failure != nil { break }
                    records.append(recorder.record)
                    values.append(indices.map { row[$0] })
                }
                out.append((b, records, values))
                if sim.failure != nil { break }
                progress?(done.add(blocks[b].count), range.count)
            }
            return (out, sim.failure)
        }
        if let failure = NumericFailure.first(workers.map(\.1)) { throw failure }
        let ordered = workers.flatMap(\.0).sorted { $0.0 < $1.0 }
        return (ordered.flatMap(\.1), ordered.flatMap(\.2))
    }
}
