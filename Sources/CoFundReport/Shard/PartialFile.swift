import CoFundEngine
import Foundation

/// `partial.cofund`: one shard's values, to be merged with the other shards' by `cofund merge`.
///
/// The file is a magic line, the length of a JSON header, the header (`PartialFile.Header`), then
/// little-endian 64-bit words: every path's values (series-major, then budget demand) for a shard
/// that keeps them, or per block the moments and budget counts, then each series' sketch.
public struct PartialFile {
    public static let name = "partial.cofund"
    static let magic = Array("COFUND-PARTIAL-1\n".utf8)

    public struct Header: Codable, Sendable, Equatable {
        public var cofundVersion: String
        public var scenarioID: String
        public var scenarioFile: String
        public var scenarioSHA256: String
        /// The scenario's text and the overrides applied to it (`PATH=VALUE`), so that the merge
        /// rebuilds exactly the scenario the shards ran.
        public var scenarioText: String
        public var reforms: [String]
        public var seed: UInt64
        public var paths: Int
        public var blockSize: Int
        public var shardIndex: Int
        public var shardCount: Int
        public var firstPath: Int
        public var endPath: Int
        /// `paths` or `aggregate`.
        public var mode: String
        public var series: Int
        public var budgetCells: Int
        public var budgetGroups: Int
        public var blocks: Int

        enum CodingKeys: String, CodingKey {
            case cofundVersion = "cofund_version", scenarioID = "scenario_id", scenarioFile = "scenario_file"
            case scenarioSHA256 = "scenario_sha256", scenarioText = "scenario_text", reforms, seed, paths
            case blockSize = "block_size", shardIndex = "shard_index", shardCount = "shard_count", firstPath = "first_path"
            case endPath = "end_path", mode, series, budgetCells = "budget_cells", budgetGroups = "budget_groups", blocks
        }

        public init(cofundVersion: String, scenarioID: String, scenarioFile: String, scenarioSHA256: String, scenarioText: String, reforms: [String], seed: UInt64, paths: Int, blockSize: Int, shardIndex: Int, shardCount: Int, firstPath: Int, endPath: Int, mode: String, series: Int, budgetCells: Int, budgetGroups: Int, blocks: Int) {
            self.cofundVersion = cofundVersion
            self.scenarioID = scenarioID
            self.scenarioFile = scenarioFile
            self.scenarioSHA256 = scenarioSHA256
            self.scenarioText = scenarioText
            self.reforms = reforms
            self.seed = seed
            self.paths = paths
            self.blockSize = blockSize
            self.shardIndex = shardIndex
            self.shardCount = shardCount
            self.firstPath = firstPath
            self.endPath = endPath
            self.mode = mode
            self.series = series
            self.budgetCells = budgetCells
            self.budgetGroups = budgetGroups
            self.blocks = blocks
        }

        /// Whether two shards belong to the same run.
        public func sameRun(as o: Header) -> Bool {
            scenarioSHA256 == o.scenarioSHA256 && reforms == o.reforms && seed == o.seed && paths == o.paths && blockSize == o.blockSize
                && shardCount == o.shardCount && mode == o.mode && series == o.series && budgetCells == o.budgetCells
                && budgetGroups == o.budgetGroups
        }
    }

    public var header: Header
    public var values: ShardValues

    public init(header: Header, values: ShardValues) {
        self.header = header
        self.values = values
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    // MARK: - Writing

    public var bytes: [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = (try? encoder.encode(header)).map(Array.init) ?? []
        var out = Self.magic
        Self.put(UInt64(json.count), &out)
        out += json
        var words: [UInt64] = []
        switch values {
        case let .paths(v):
            for s in v.series { words += s.map(\.bitPattern) }
            for d in v.demand { words += d.map(\.bitPattern) }
        case let .aggregate(a):
            for b in a.blocks {
                for m in b.moments { words += [m.count.bitPattern, m.mean.bitPattern, m.m2.bitPattern] }
                words += b.over
                words += b.excess.map(\.bitPattern)
                words += b.anyOver
                words += b.anyExcess.map(\.bitPattern)
            }
            for s in a.sketches {
                let w = s.words
                words.append(UInt64(w.count))
                words += w
            }
        }
        out.reserveCapacity(out.count + 8 * words.count)
        for w in words { Self.put(w, &out) }
        return out
    }

    private static func put(_ w: UInt64, _ out: inout [UInt8]) {
        var v = w.littleEndian
        withUnsafeBytes(of: &v) { out += $0 }
    }

    // MARK: - Reading

    public static func read(_ data: Data, file: String) throws(FormatError) -> PartialFile {
        let bytes = [UInt8](data)
        func fail(_ why: String) -> FormatError { FormatError(description: "\(file): \(why)") }
        guard bytes.count >= magic.count + 8, Array(bytes[0..<magic.count]) == magic else { throw fail("not a cofund shard file") }
        var at = magic.count
        func word() -> UInt64? {
            guard at + 8 <= bytes.count else { return nil }
            defer { at += 8 }
            return (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[at + $1]) << (8 * UInt64($1)) }
        }
        guard let length = word(), length < UInt64(bytes.count), at + Int(length) <= bytes.count else { throw fail("truncated header") }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(bytes[at..<(at + Int(length))])) } catch { throw fail("unreadable header") }
        at += Int(length)
        guard (at..<bytes.count).count % 8 == 0 else { throw fail("truncated") }
        var words: [UInt64] = []
        words.reserveCapacity((bytes.count - at) / 8)
        while let w = word() { words.append(w) }
        var i = 0
        func take(_ n: Int) throws(FormatError) -> ArraySlice<UInt64> {
            guard n >= 0, i + n <= words.count else { throw fail("truncated data") }
            defer { i += n }
            return words[i..<(i + n)]
        }
        let n = header.endPath - header.firstPath
        guard n >= 0, header.series >= 0, header.budgetCells >= 0, header.budgetGroups >= 0 else { throw fail("inconsistent header") }
        if header.mode == "paths" {
            var series: [[Double]] = []
            for _ in 0..<header.series { series.append(try take(n).map { Double(bitPattern: $0) }) }
            var demand: [[Double]] = []
            for _ in 0..<header.budgetCells { demand.append(try take(n).map { Double(bitPattern: $0) }) }
            guard i == words.count else { throw fail("trailing data") }
            return PartialFile(header: header, values: .paths(PathValues(series: series, demand: demand)))
        }
        var a = Aggregate(series: header.series)
        for _ in 0..<header.blocks {
            var moments: [Moments] = []
            for _ in 0..<header.series {
                let m = try take(3).map { Double(bitPattern: $0) }
                moments.append(Moments(count: m[0], mean: m[1], m2: m[2]))
            }
            a.blocks.append(Aggregate.Block(
                moments: moments, over: Array(try take(header.budgetCells)), excess: try take(header.budgetCells).map { Double(bitPattern: $0) },
                anyOver: Array(try take(header.budgetGroups)), anyExcess: try take(header.budgetGroups).map { Double(bitPattern: $0) }))
        }
        for s in 0..<header.series {
            let count = Int(try take(1).first ?? 0)
            guard let sketch = QuantileSketch(words: try take(count)) else { throw fail("unreadable sketch") }
            a.sketches[s] = sketch
        }
        guard i == words.count else { throw fail("trailing data") }
        return PartialFile(header: header, values: .aggregate(a))
    }
}
