import CoFundModel
import Foundation

/// How a run is made.
public struct SimulationOptions: Sendable {
    public var paths: Int
    public var seed: UInt64
    public var threads: Int
    /// Paths per block: the unit of work handed to a thread.
    public var blockSize: Int
    /// Keep adding paths until every reported mean's relative standard error is below this.
    public var targetRelativeSE: Double?
    public var maxPaths: Int
    /// Uncertain parameters held at a quantile instead of drawn (sensitivity analysis).
    public var heldParameters: [ParameterRef: Double]
    /// Draw the per-path inputs by Latin hypercube within each of the `paths` paths' batches
    /// (`LatinHypercube`), and give every mean's standard error by batch means.
    public var stratified: Bool
    /// Called after each block with (paths done, paths planned); from any thread.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(
        paths: Int, seed: UInt64, threads: Int = 1, blockSize: Int = 256, targetRelativeSE: Double? = nil,
        maxPaths: Int = 1_000_000, heldParameters: [ParameterRef: Double] = [:], stratified: Bool = false,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) {
        self.paths = paths
        self.seed = seed
        self.threads = threads
        self.blockSize = blockSize
        self.targetRelativeSE = targetRelativeSE
        self.maxPaths = maxPaths
        self.heldParameters = heldParameters
        self.stratified = stratified
        self.progress = progress
    }
}

/// The per-path values of every reported series and budget row (`SimulationPlan.valueCount`), in
/// path order.
public struct PathValues: Sendable {
    /// `series[s][i]`: value s on path i.
    public var series: [[Double]]
    public var paths: Int { series.first?.count ?? 0 }

    public init(series: [[Double]]) {
        self.series = series
    }

    /// Appends the next paths' values.
    public mutating func append(_ more: PathValues) {
        for i in series.indices { series[i] += more.series[i] }
    }

    func worstRelativeSE(series count: Int) -> Double { SeriesStatistics.worstRelativeSE(Array(series.prefix(count))) }
}

/// What a run accumulates over its paths: every path's values, or block summaries (`Aggregate`).
protocol RunValues: Sendable {
    var paths: Int { get }
    /// The largest se/|mean| of the first `count` values (the layout's series: a target standard
    /// error is set on amounts paid, not on budget rows).
    func worstRelativeSE(series count: Int) -> Double
    /// Appends the summaries of the following paths.
    mutating func append(_ more: Self)
}

extension PathValues: RunValues {}

/// Runs the Monte Carlo: paths cut into blocks, blocks spread over worker threads (awaited within
/// the call: no work outlives it), results put back in path order.
///
/// Every path draws only from streams keyed by (seed, path, program, year), so the values — and
/// every statistic computed from them in path order — are bit-identical for any thread count and
/// block size.
public enum Simulation {
    /// Simulates paths `range` of the plan.
    public static func simulate(_ plan: SimulationPlan, paths range: Range<Int>, options: SimulationOptions) async throws(NumericFailure)
        -> PathValues
    {
        let block = max(1, options.blockSize)
        let blocks = stride(from: range.lowerBound, to: range.upperBound, by: block).map { $0..<min($0 + block, range.upperBound) }
        let threads = max(1, min(options.threads, blocks.count))
        let progress = options.progress
        let done = ProgressCounter()
        let planned = range.count
        let queue = BlockQueue(count: blocks.count)
        let workers = await WorkerThreads.run(threads) { _ in
            let sim = PathSimulator(plan: plan, options: options)
            var out: [(Int, BlockValues)] = []
            while let b = queue.take() {
                out.append((b, sim.run(blocks[b], seed: options.seed)))
                if sim.failure != nil { break }
                progress?(done.add(blocks[b].count), planned)
            }
            return (out, sim.failure)
        }
        if let failure = NumericFailure.first(workers.map(\.1)) { throw failure }
        let results = workers.flatMap(\.0).sorted { $0.0 < $1.0 }.map(\.1)
        let s = plan.valueCount
        var series = (0..<s).map { _ in [Double]() }
        for i in 0..<s { series[i].reserveCapacity(planned) }
        for r in results {
            for i in 0..<s { series[i] += r.series[(i * r.paths)..<((i + 1) * r.paths)] }
        }
        return PathValues(series: series)
    }

    /// A whole run: the requested paths, then, with a target standard error, more paths (doubling)
    /// until every reported mean meets it or `maxPaths` is reached. Runs whose values fit under
    /// `SimulationLimits.exactValueLimit` keep every path (exact percentiles); larger runs keep
    /// block summaries and sketches, in memory independent of the number of paths.
    public static func run(_ plan: SimulationPlan, options: SimulationOptions) async throws(NumericFailure) -> SimulationResult {
        let start = Date()
        let ceiling = options.targetRelativeSE == nil ? options.paths : max(options.paths, options.maxPaths)
        if !SimulationLimits.keepsPathValues(plan, paths: ceiling) {
            let (a, converged) = try await converge(
                try await aggregate(plan, paths: 0..<options.paths, options: options), options, series: plan.layout.series.count
            ) {
                (r: Range<Int>) async throws(NumericFailure) -> Aggregate in
                try await aggregate(plan, paths: r, options: options)
            }
            return SimulationResult(plan: plan, options: options, aggregate: a, converged: converged, wallSeconds: Date().timeIntervalSince(start))
        }
        let (values, converged) = try await converge(
            try await simulate(plan, paths: 0..<options.paths, options: options), options, series: plan.layout.series.count
        ) {
            (r: Range<Int>) async throws(NumericFailure) -> PathValues in
            try await simulate(plan, paths: r, options: options)
        }
        return SimulationResult(plan: plan, options: options, values: values, converged: converged, wallSeconds: Date().timeIntervalSince(start))
    }

    /// With a target standard error, adds paths (doubling) until every reported mean meets it or
    /// `maxPaths` is reached; returns whether it was met (nil without a target).
    private static func converge<V: RunValues>(
        _ first: V, _ options: SimulationOptions, series: Int, more: (Range<Int>) async throws(NumericFailure) -> V
    ) async throws(NumericFailure) -> (V, Bool?) {
        guard let target = options.targetRelativeSE else { return (first, nil) }
        var values = first
        while values.worstRelativeSE(series: series) > target {
            let have = values.paths
            guard have < options.maxPaths else { return (values, false) }
            values.append(try await more(have..<min(2 * have, options.maxPaths)))
        }
        return (values, true)
    }
}

extension Simulation {
    /// Simulates paths `range` keeping only block summaries and sketches (see `Aggregate`).
    public static func aggregate(_ plan: SimulationPlan, paths range: Range<Int>, options: SimulationOptions) async throws(NumericFailure)
        -> Aggregate
    {
        let block = max(1, options.blockSize)
        let blocks = stride(from: range.lowerBound, to: range.upperBound, by: block).map { $0..<min($0 + block, range.upperBound) }
        let threads = max(1, min(options.threads, blocks.count))
        let done = ProgressCounter()
        let planned = range.count
        let progress = options.progress
        let series = plan.valueCount
        let parts = await WorkerThreads.run(threads) { w in
            let sim = PathSimulator(plan: plan, options: options)
            var part = Aggregate(series: series)
            var order: [Int] = []
            for b in stride(from: w, to: blocks.count, by: threads) {
                part.blocks.append(sim.summarize(blocks[b], seed: options.seed, into: &part.sketches))
                order.append(b)
                if sim.failure != nil { break }
                progress?(done.add(blocks[b].count), planned)
            }
            return (part, order, sim.failure)
        }
        if let failure = NumericFailure.first(parts.map(\.2)) { throw failure }
        var result = Aggregate(series: series)
        var ordered = [Aggregate.Block?](repeating: nil, count: blocks.count)
        for (part, order, _) in parts {
            for (k, b) in order.enumerated() { ordered[b] = part.blocks[k] }
            for i in 0..<series { result.sketches[i].merge(part.sketches[i]) }
        }
        result.blocks = ordered.compactMap { $0 }
        return result
    }
}

/// One block's values, series-major: `series[s · paths + i]`.
struct BlockValues: Sendable {
    var paths: Int
    var series: [Double]
}

extension PathSimulator {
    /// Simulates a block, adding every path's values to `sketches` and returning the block's
    /// moments and budget counts.
    func summarize(_ range: Range<Int>, seed: UInt64, into sketches: inout [QuantileSketch]) -> Aggregate.Block {
        let s = plan.valueCount
        let cells = plan.budgetCells
        let groups = plan.budgetGroups
        let rows = plan.budgetRows
        var block = Aggregate.Block(
            moments: [Moments](repeating: Moments(), count: s),
            over: [UInt64](repeating: 0, count: cells.count), excess: [Double](repeating: 0, count: cells.count),
            anyOver: [UInt64](repeating: 0, count: groups.count), anyExcess: [Double](repeating: 0, count: groups.count))
        var row = [Double](repeating: 0, count: s)
        for path in range {
            for k in 0..<s { row[k] = 0 }
            row.withUnsafeMutableBufferPointer { simulate(path: path, seed: seed, into: $0.baseAddress!) }
            row.withUnsafeBufferPointer { checkRow($0.baseAddress!, path: path) }
            if failure != nil { break }
            for k in 0..<s {
                block.moments[k].add(row[k])
                sketches[k].add(row[k])
            }
            for (g, members) in groups.enumerated() {
                var any = false
                for c in members {
                    let d = row[rows.demand(cell: c)] - cells[c].amount
                    guard d > 0 else { continue }
                    any = true
                    block.over[c] += 1
                    block.excess[c] += d
                    block.anyExcess[g] += d
                }
                if any { block.anyOver[g] += 1 }
            }
        }
        return block
    }

    func run(_ range: Range<Int>, seed: UInt64) -> BlockValues {
        let s = plan.valueCount
        let n = range.count
        var series = [Double](repeating: 0, count: s * n)
        var row = [Double](repeating: 0, count: s)
        for (i, path) in range.enumerated() {
            for k in 0..<s { row[k] = 0 }
            row.withUnsafeMutableBufferPointer { simulate(path: path, seed: seed, into: $0.baseAddress!) }
            row.withUnsafeBufferPointer { checkRow($0.baseAddress!, path: path) }
            if failure != nil { break }
            for k in 0..<s { series[k * n + i] = row[k] }
        }
        return BlockValues(paths: n, series: series)
    }
}

/// Counts finished paths across threads.
final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    func add(_ n: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        done += n
        return done
    }
}
