import CoFundEngine
import CoFundModel
import CoFundTestSupport
import XCTest

@testable import CoFundReport

/// `partial.cofund` of shards that keep block summaries and sketches, written and read in process
/// (a CLI test cannot afford the paths such a run needs): read back as written, and every altered
/// count or value refused with a reason, even behind a recomputed checksum, never a trap.
final class PartialFileTests: XCTestCase {
    /// A run of 1,000,010 paths keeps block summaries; in blocks of 64 cut in 10,000 shards, its
    /// last shard has 74 paths: a whole block and one of 10.
    static let paths = 1_000_010

    private struct Made {
        var file: PartialFile
        var plan: SimulationPlan
        var bytes: [UInt8]
    }

    private func shard(blockSize: Int = 64, count: Int = 10_000, index: Int = 9_999) async throws -> Made {
        let text = ReportTest.yaml()
        let scenario = try ScenarioDecoder.decode(text, file: "report-test.yaml")
        let plan = SimulationPlan(scenario)
        XCTAssertFalse(SimulationLimits.keepsPathValues(plan, paths: Self.paths))
        let options = SimulationOptions(paths: Self.paths, seed: 7, threads: 1, blockSize: blockSize)
        let shard = Shard(index: index, count: count)
        let range = shard.paths(of: Self.paths, blockSize: blockSize)
        let values = try await Simulation.runShard(plan, options: options, shard: shard)
        guard case let .sketches(a) = values else { throw XCTSkip("the run keeps every path") }
        let header = PartialFile.Header(
            cofundVersion: "test", scenarioID: scenario.id, scenarioFile: "report-test.yaml", scenarioSHA256: SHA256.hex(Array(text.utf8)),
            scenarioText: text, reforms: [], seed: 7, paths: Self.paths, blockSize: blockSize, shardIndex: index, shardCount: count,
            firstPath: range.lowerBound, endPath: range.upperBound, mode: "aggregate", series: plan.valueCount,
            budgetCells: plan.budgetCells.count, budgetGroups: plan.budgetGroups.count, blocks: a.blocks.count)
        let file = PartialFile(header: header, values: values)
        return Made(file: file, plan: plan, bytes: file.bytes)
    }

    private static let bodyStart = PartialFile.bodyStart

    /// The byte offset of payload word `k`.
    private static func payloadOffset(_ bytes: [UInt8], word k: Int) -> Int {
        let length = Int(truncatingIfNeeded: LittleEndian.word(bytes, at: bodyStart))
        return bodyStart + 8 + length + 8 * k
    }

    private static func word(_ bytes: [UInt8], _ k: Int) -> UInt64 {
        LittleEndian.word(bytes, at: payloadOffset(bytes, word: k))
    }

    /// `bytes` with payload word `k` set to `w` (the checksum left as it was).
    private static func setting(_ bytes: [UInt8], word k: Int, to w: UInt64) -> [UInt8] {
        var b = bytes
        LittleEndian.set(&b, at: payloadOffset(bytes, word: k), to: w)
        return b
    }

    /// The payload word at which the sketch of series `s` starts (its length).
    private static func sketchStart(_ made: Made, series s: Int) -> Int {
        var k = made.file.header.blocks * made.file.header.wordsPerBlock
        for _ in 0..<s { k += 1 + Int(word(made.bytes, k)) }
        return k
    }

    /// Reads `bytes` past the checksum, as `PartialFile.read` does once the checksum matches: what
    /// a file altered and given a recomputed checksum meets (computing SHA-256 for each case would
    /// make the test slow in a debug build; one test goes through `read` with the checksum).
    private static func readPastChecksum(_ bytes: [UInt8]) throws(PartialFile.FormatError) -> PartialFile {
        try PartialFile.readBody(bytes, from: bodyStart, file: "shard/partial.cofund")
    }

    private func assertRefused(_ bytes: [UInt8], _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try Self.readPastChecksum(bytes)
            XCTFail("read although \(expected)", file: file, line: line)
        } catch {
            XCTAssertTrue(error.description.contains(expected), error.description, file: file, line: line)
            XCTAssertTrue(error.description.contains("shard/partial.cofund"), error.description, file: file, line: line)
            XCTAssertFalse(error.description.contains("\n"), error.description, file: file, line: line)
        }
    }

    func testAnAggregateShardOfAWholeBlockAndAPartOneIsReadBackAsWritten() async throws {
        let made = try await shard()
        XCTAssertEqual(made.file.header.blocks, 2)
        XCTAssertEqual(made.file.header.shardPaths, 74)
        let read = try PartialFile.read(Data(made.bytes), file: "shard/partial.cofund")
        XCTAssertEqual(read.header, made.file.header)
        XCTAssertEqual(read.bytes, made.bytes)
    }

    func testAnEmptyAggregateShardIsReadBackAsWritten() async throws {
        // 6 blocks of 200,000 paths over 10 shards: the first shard has none.
        let made = try await shard(blockSize: 200_000, count: 10, index: 0)
        XCTAssertEqual(made.file.header.shardPaths, 0)
        let read = try PartialFile.read(Data(made.bytes), file: "shard/partial.cofund")
        XCTAssertEqual(read.bytes, made.bytes)
    }

    func testAlteredBlockCountsAndValuesAreRefusedEvenBehindAValidChecksum() async throws {
        let made = try await shard()
        let h = made.file.header
        XCTAssertGreaterThan(h.budgetCells, 0)
        XCTAssertGreaterThan(h.budgetGroups, 0)
        let (s, c, g, block1) = (h.series, h.budgetCells, h.budgetGroups, h.wordsPerBlock)
        let cases: [(word: Int, value: UInt64, expected: String)] = [
            (0, 65.0.bitPattern, "block 0 counts 65.0 paths of series 0 instead of its 64"),
            (block1, 64.0.bitPattern, "block 1 counts 64.0 paths of series 0 instead of its 10"),
            (0, Double.nan.bitPattern, "block 0 counts nan paths"),
            (1, Double.nan.bitPattern, "not a finite amount"),
            (2, Double.infinity.bitPattern, "not a finite amount"),
            (3 * s, 65, "counts 65 paths over the budget of budget cell 0, more than its 64 paths"),
            (3 * s + c, Double.nan.bitPattern, "the excess over budget cell 0 in block 0 is nan, not a finite number"),
            (3 * s + 2 * c, UInt64.max, "over the budget of budget group 0"),
            (3 * s + 2 * c + g, 1e300.bitPattern, "the excess over budget group 0 in block 0 is 1e+300, beyond any amount"),
        ]
        for (k, value, expected) in cases { assertRefused(Self.setting(made.bytes, word: k, to: value), expected) }
        // Through `read`, with the checksum recomputed.
        let resealed = PartialFile.sealed(Array(Self.setting(made.bytes, word: 0, to: 65.0.bitPattern)[Self.bodyStart...]))
        XCTAssertThrowsError(try PartialFile.read(Data(resealed), file: "shard/partial.cofund")) { error in
            XCTAssertTrue("\(error)".contains("instead of its 64"), "\(error)")
        }
    }

    func testAlteredSketchesAreRefusedEvenBehindAValidChecksum() async throws {
        let made = try await shard()
        // A series with positive buckets: [length, count, zeros, min, max, offset, n, buckets…, offset, n, buckets…].
        let s = try XCTUnwrap((0..<made.file.header.series).first { Self.word(made.bytes, Self.sketchStart(made, series: $0) + 6) > 0 })
        let k = Self.sketchStart(made, series: s)
        let cases: [(word: Int, value: UInt64, expected: String)] = [
            (k, UInt64.max, "the sketch of series \(s) says it takes 18446744073709551615 words"),
            (k, 7, "says it takes 7 words"),
            (k + 1, 75, "counts 75 values, not the shard's 74 paths"),
            (k + 2, 75, "counts 75 zeros among 74 values"),
            (k + 3, Double.nan.bitPattern, "has a min or a max that is not a finite amount"),
            (k + 4, (-1e300).bitPattern, "has a min or a max that is not a finite amount"),
            (k + 5, UInt64(1) << 62, "beyond its min and max"),
            (k + 5, UInt64(bitPattern: Int64.min), "beyond its min and max"),
            (k + 5, UInt64(bitPattern: -1_000_000), "beyond its min and max"),
            (k + 6, UInt64(1) << 40, "is cut short"),
            (k + 7, UInt64.max, "has buckets counting more values than its 74"),
        ]
        for (w, value, expected) in cases { assertRefused(Self.setting(made.bytes, word: w, to: value), expected) }
    }

    func testFourHundredSeededFlipsBehindAValidChecksumAreRefusedOrMergeWithoutATrap() async throws {
        let made = try await shard()
        var rng = SeededGenerator(seed: 20_251_202)
        var refused = 0
        for _ in 0..<400 {
            var b = made.bytes
            let at = Self.bodyStart + Int(rng.next() % UInt64(b.count - Self.bodyStart))
            b[at] ^= 1 << UInt8(rng.next() % 8)
            let read: PartialFile
            do {
                read = try Self.readPastChecksum(b)
            } catch {
                refused += 1
                XCTAssertTrue(error.description.contains("partial.cofund"), error.description)
                XCTAssertFalse(error.description.contains("\n"), error.description)
                continue
            }
            // What is read must merge: the plan's check, then the statistics and the report.
            guard read.header.mismatch(with: made.plan) == nil else { refused += 1; continue }
            let options = SimulationOptions(paths: read.header.paths, seed: 7, blockSize: read.header.blockSize)
            let result = try XCTUnwrap(Simulation.merge(made.plan, options: options, shards: [read.values], wallSeconds: 0))
            XCTAssertEqual(RunReport.files(result, scenarioFile: "report-test.yaml", scenarioSHA256: read.header.scenarioSHA256).count, 9)
        }
        XCTAssertGreaterThan(refused, 100)
    }
}
