import CoFundEngine
import CoFundModel

/// The header's counts checked against each other and against the bytes present, before any of
/// them sizes an allocation: a shard file may come from another machine, damaged or altered.
extension PartialFile.Header {
    /// The most shards a run is cut into (as `cofund run --shard` accepts).
    static let maxShards = 10_000
    /// A bound on series, budget cells and budget groups far above any scenario's (a scenario is
    /// at most `ScenarioFile.maxBytes`), so that products of counts cannot overflow.
    static let maxCount = 1_000_000
    /// The words a sketch takes at least: its length, count, zeros, min, max, and the offset and
    /// length of each of its two bucket stores.
    static let minSketchWords = 9

    /// The paths of the shard.
    var shardPaths: Int { endPath - firstPath }

    /// Payload words per block: moments (3 per series), budget counts and excesses.
    var wordsPerBlock: Int { 3 * series + 2 * budgetCells + 2 * budgetGroups }

    /// The number of paths in block `k` of the shard.
    func pathsInBlock(_ k: Int) -> Int { Swift.min(blockSize, shardPaths - k * blockSize) }

    /// Throws why the header cannot describe a shard written by `cofund run --shard`, or why the
    /// payload it describes does not take `payloadBytes` bytes.
    func validate(payloadBytes: Int) throws(PartialFile.Refusal) {
        func within(_ value: Int, _ range: ClosedRange<Int>, _ key: String) throws(PartialFile.Refusal) {
            guard range.contains(value) else {
                throw PartialFile.Refusal("the header's \(key) is \(value); a shard's is \(range.lowerBound) to \(range.upperBound)")
            }
        }
        guard mode == "paths" || mode == "aggregate" else {
            throw PartialFile.Refusal("the header's mode is \"\(mode)\"; a shard's is paths or aggregate")
        }
        try within(paths, 1...SimulationLimits.maxPaths, "paths")
        try within(blockSize, 1...SimulationLimits.maxPaths, "block_size")
        try within(shardCount, 1...Self.maxShards, "shard_count")
        try within(shardIndex, 0...(shardCount - 1), "shard_index")
        try within(series, 0...Self.maxCount, "series")
        try within(budgetCells, 0...Self.maxCount, "budget_cells")
        try within(budgetGroups, 0...Self.maxCount, "budget_groups")
        let range = Shard(index: shardIndex, count: shardCount).paths(of: paths, blockSize: blockSize)
        guard firstPath == range.lowerBound, endPath == range.upperBound else {
            throw PartialFile.Refusal(
                "the header's paths \(firstPath)..<\(endPath) are not those of shard \(shardIndex + 1)/\(shardCount) of \(paths) paths in blocks of \(blockSize) (\(range.lowerBound)..<\(range.upperBound))"
            )
        }
        // The writer keeps every path's values exactly when a whole run would (SimulationLimits.keepsPathValues).
        guard let runValues = Self.product(paths, series) else {
            throw PartialFile.Refusal("the header's counts overflow")
        }
        let keepsPaths = runValues <= SimulationLimits.exactValueLimit
        guard keepsPaths == (mode == "paths") else {
            throw PartialFile.Refusal(
                "the header's mode is \(mode), but a run of \(paths) paths of \(series) values keeps \(keepsPaths ? "every path's values" : "block summaries"): the file was altered"
            )
        }
        let blocksExpected = keepsPaths ? 0 : (shardPaths + blockSize - 1) / blockSize
        guard blocks == blocksExpected else {
            throw PartialFile.Refusal(
                "the header's blocks is \(blocks); shard \(shardIndex + 1)/\(shardCount) of \(paths) paths \(keepsPaths ? "keeping every path has none" : "has \(blocksExpected) blocks of \(blockSize)")"
            )
        }
        guard payloadBytes % 8 == 0 else {
            throw PartialFile.Refusal(
                "the data after the header take \(payloadBytes) bytes, not whole 8-byte words: the file is truncated or altered")
        }
        let words = payloadBytes / 8
        if keepsPaths {
            guard let expected = Self.product(series, shardPaths), expected == words else {
                throw PartialFile.Refusal(
                    "the header describes \(shardPaths) paths of \(series) values (\(Self.bytes(Self.product(series, shardPaths)))) but \(payloadBytes) bytes follow it: the file is truncated or altered"
                )
            }
        } else {
            // The blocks take a fixed size; the sketches say their own lengths, checked as they are read.
            guard let fixed = Self.product(blocks, wordsPerBlock), let sketches = Self.product(series, Self.minSketchWords),
                let least = Self.sum(fixed, sketches), least <= words
            else {
                throw PartialFile.Refusal(
                    "the header describes \(blocks) blocks and \(series) sketches, more than the \(payloadBytes) bytes that follow it: the file is truncated or altered"
                )
            }
        }
    }

    /// Whether `scenarioSHA256` is the fingerprint of `scenarioText`, computed as the run computed
    /// it: SHA-256 of the scenario file's bytes (`ScenarioSource`). The text is those bytes decoded,
    /// which drops only a leading byte-order mark, so the text with one is tried too.
    var scenarioTextMatchesFingerprint: Bool {
        guard scenarioText.utf8.count <= ScenarioFile.maxBytes else { return false }
        let text = Array(scenarioText.utf8)
        return SHA256.hex(text) == scenarioSHA256 || SHA256.hex([0xEF, 0xBB, 0xBF] + text) == scenarioSHA256
    }

    /// Why the header's counts are not those of `plan` (the scenario it embeds, with its reforms),
    /// or nil when they are: the merge indexes the values by the plan's series and budget cells.
    public func mismatch(with plan: SimulationPlan) -> String? {
        let counts = [
            ("series", series, plan.valueCount), ("budget cells", budgetCells, plan.budgetCells.count),
            ("budget groups", budgetGroups, plan.budgetGroups.count),
        ]
        for (what, here, there) in counts where here != there {
            return "the header has \(here) \(what) but its scenario has \(there): the file was altered or written by another cofund version"
        }
        return nil
    }

    static func product(_ a: Int, _ b: Int) -> Int? {
        let (p, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : p
    }

    static func sum(_ a: Int, _ b: Int) -> Int? {
        let (s, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : s
    }

    private static func bytes(_ words: Int?) -> String {
        guard let words, let b = product(words, 8) else { return "more bytes than a file holds" }
        return "\(b) bytes"
    }
}
