import CoFundEngine
import CoFundModel
import Foundation

/// `partial.cofund`: one shard's values, to be merged with the other shards' by `cofund merge`.
///
/// The file is, in order:
/// 1. the magic line `COFUND-PARTIAL-3\n`;
/// 2. a checksum line: the SHA-256 of everything after it, as 64 lowercase hex digits and `\n`;
/// 3. the length of the JSON header as a little-endian 64-bit word, then the header
///    (`PartialFile.Header`);
/// 4. the payload, little-endian 64-bit words: every path's values (`SimulationPlan.valueCount`
///    of them: the layout's series, then the budget rows; value-major) for a shard that keeps them,
///    or per block the moments and budget counts, then each value's sketch (its length in words,
///    then its words).
///
/// Shards travel between machines and are merged by another process, so the reader trusts
/// nothing: the checksum catches damage, and every count is checked against the others and
/// against the file's size before anything is allocated (see `PartialFile+Validation.swift`).
public struct PartialFile {
    public static let name = "partial.cofund"
    static let magic = Array("COFUND-PARTIAL-3\n".utf8)
    /// The magic lines of earlier formats (the first without a checksum, the second with budget
    /// demand per program): named so that their files get advice rather than "not a shard file".
    static let earlierMagics = [Array("COFUND-PARTIAL-1\n".utf8), Array("COFUND-PARTIAL-2\n".utf8)]
    /// 64 hex digits and a newline.
    static let checksumLineLength = 65
    /// Where the checksummed part (header length, header, payload) starts.
    static let bodyStart = magic.count + checksumLineLength

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
            case cofundVersion = "cofund_version"
            case scenarioID = "scenario_id"
            case scenarioFile = "scenario_file"
            case scenarioSHA256 = "scenario_sha256"
            case scenarioText = "scenario_text"
            case reforms, seed, paths
            case blockSize = "block_size"
            case shardIndex = "shard_index"
            case shardCount = "shard_count"
            case firstPath = "first_path"
            case endPath = "end_path"
            case mode, series
            case budgetCells = "budget_cells"
            case budgetGroups = "budget_groups"
            case blocks
        }

        public init(
            cofundVersion: String, scenarioID: String, scenarioFile: String, scenarioSHA256: String, scenarioText: String, reforms: [String],
            seed: UInt64, paths: Int, blockSize: Int, shardIndex: Int, shardCount: Int, firstPath: Int, endPath: Int, mode: String, series: Int,
            budgetCells: Int, budgetGroups: Int, blocks: Int
        ) {
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
    public var values: KeptValues

    public init(header: Header, values: KeptValues) {
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
        var body: [UInt8] = []
        Self.put(UInt64(json.count), &body)
        body += json
        var words: [UInt64] = []
        switch values {
        case let .paths(v):
            for s in v.series { words += s.map(\.bitPattern) }
        case let .sketches(a):
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
        body.reserveCapacity(body.count + 8 * words.count)
        for w in words { Self.put(w, &body) }
        return Self.sealed(body)
    }

    /// The magic line and the checksum line of `body`, then `body`.
    static func sealed(_ body: [UInt8]) -> [UInt8] {
        Self.magic + Array(SHA256.hex(body).utf8) + [UInt8(ascii: "\n")] + body
    }

    private static func put(_ w: UInt64, _ out: inout [UInt8]) {
        var v = w.littleEndian
        withUnsafeBytes(of: &v) { out += $0 }
    }
}
