extension Simulation {
    /// Simulates paths `range` again, block by block over the worker threads, and keeps `keep` of
    /// each path (its simulator, its values), in path order; `configure` prepares each worker's
    /// simulator (held parameters and stratification are set from `options`). A path depends only on the seed, its index
    /// and the configuration, so the result is the same on any number of threads. Stops at the first
    /// value that is not a finite number. The passes after a run use it: the stress test's record,
    /// importance sampling's pilot and shifted pass.
    static func replay<T: Sendable>(
        _ plan: SimulationPlan, paths range: Range<Int>, options: SimulationOptions, configure: @escaping @Sendable (PathSimulator) -> Void,
        keep: @escaping @Sendable (PathSimulator, UnsafePointer<Double>) -> T
    ) async throws(NumericFailure) -> [T] {
        let block = max(1, options.blockSize)
        let blocks = stride(from: range.lowerBound, to: range.upperBound, by: block).map { $0..<min($0 + block, range.upperBound) }
        let threads = max(1, min(options.threads, blocks.count))
        let (seed, progress) = (options.seed, options.progress)
        let done = ProgressCounter()
        let queue = BlockQueue(count: blocks.count)
        let workers = await WorkerThreads.run(threads) { _ in
            let sim = PathSimulator(plan: plan, options: options)
            configure(sim)
            var row = [Double](repeating: 0, count: plan.valueCount)
            var out: [(Int, [T])] = []
            while let b = queue.take() {
                var kept: [T] = []
                for path in blocks[b] {
                    for k in row.indices { row[k] = 0 }
                    row.withUnsafeMutableBufferPointer { sim.simulate(path: path, seed: seed, into: $0.baseAddress!) }
                    row.withUnsafeBufferPointer { sim.checkRow($0.baseAddress!, path: path) }
                    if sim.failure != nil { break }
                    kept.append(row.withUnsafeBufferPointer { keep(sim, $0.baseAddress!) })
                }
                out.append((b, kept))
                if sim.failure != nil { break }
                progress?(done.add(blocks[b].count), range.count)
            }
            return (out, sim.failure)
        }
        if let failure = NumericFailure.first(workers.map(\.1)) { throw failure }
        return workers.flatMap(\.0).sorted { $0.0 < $1.0 }.flatMap(\.1)
    }
}
