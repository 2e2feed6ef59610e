import CoFundTestSupport
import Foundation
import XCTest

/// `cofund merge` given damaged or altered shard files: every one is refused with exit status 1 and
/// one line naming the file and what is wrong, never a crash (a signal, a trap) and never a merge.
/// Altered files are tried as they are (the checksum refuses them) and with their checksum
/// recomputed (the checks of counts, sizes, values and the scenario's fingerprint refuse them).
final class TamperedShardTests: XCTestCase {
    var dir: TempDir!
    /// Shard 2/2 of 300 paths: 44 paths that keep every value.
    var shard: ShardFileSurgery!

    override func setUpWithError() throws {
        dir = try TempDir()
        let file = try dir.write("mixed.yaml", TestScenarios.mixed)
        for i in 1...2 {
            let r = try CofundCLI.run(
                ["run", file, "--paths", "300", "--seed", "3", "--shard", "\(i)/2", "--out", dir.path("s\(i)"), "--quiet"], in: dir.url)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        try FileManager.default.createDirectory(atPath: dir.path("t"), withIntermediateDirectories: true)
        shard = try ShardFileSurgery(path: dir.path("s2/partial.cofund"))
    }

    override func tearDown() { dir?.remove() }

    private var tamperedPath: String { dir.path("t/partial.cofund") }

    /// Merges `tampered` in place of shard 2, named first so that it is read first.
    private func merge(_ tampered: ShardFileSurgery, resealed: Bool = false) throws -> CLIResult {
        try? FileManager.default.removeItem(atPath: dir.path("merged"))
        var t = tampered
        if resealed { try t.reseal(scratch: dir.path("scratch")) }
        try t.write(to: tamperedPath)
        return try CofundCLI.run(["merge", dir.path("t"), dir.path("s1"), "--out", dir.path("merged")], in: dir.url)
    }

    /// Exit status 1, no crash, one line `Error: …` naming the tampered file and saying `expected`,
    /// and nothing written.
    private func assertRefused(_ r: CLIResult, _ expected: String? = nil, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(r.exitedCleanly, "\(what): crashed (\(r.reason), status \(r.status)): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.status, 1, "\(what): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.hasPrefix("Error: "), "\(what): \(r.stderr)", file: file, line: line)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(what): \(r.stderr)", file: file, line: line)
        XCTAssertTrue(r.stderr.contains(tamperedPath), "\(what): \(r.stderr)", file: file, line: line)
        if let expected { XCTAssertTrue(r.stderr.contains(expected), "\(what): \(r.stderr)", file: file, line: line) }
        XCTAssertFalse(dir.exists("merged"), "\(what): wrote a merge", file: file, line: line)
    }

    private static let checksum = "does not match its SHA-256 checksum"

    // MARK: - The checksum

    func testTheUntamperedShardsMerge() throws {
        let r = try merge(shard)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(dir.exists("merged/summary.csv"))
    }

    func testAFlippedPayloadByteIsRefusedByTheChecksum() throws {
        var t = shard!
        t.bytes[(t.payloadStart + t.bytes.count) / 2] ^= 0x10
        assertRefused(try merge(t), Self.checksum, "payload flip")
    }

    func testAFlippedHeaderByteIsRefusedByTheChecksum() throws {
        var t = shard!
        let json = String(decoding: t.bytes[t.headerRange], as: UTF8.self)
        let key = try XCTUnwrap(json.range(of: "\"series\":"))
        // The first digit of the number of series.
        t.bytes[t.headerRange.lowerBound + json.utf8.distance(from: json.startIndex, to: key.upperBound)] ^= 0x01
        assertRefused(try merge(t), Self.checksum, "header flip")
    }

    func testAnAlteredOrDamagedChecksumLineIsRefused() throws {
        var t = shard!
        t.bytes[ShardFileSurgery.magicLength] = t.bytes[ShardFileSurgery.magicLength] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        assertRefused(try merge(t), Self.checksum, "another digit")
        t.bytes[ShardFileSurgery.magicLength] = UInt8(ascii: "G")
        assertRefused(try merge(t), "the checksum line is damaged", "not a hex digit")
        t.bytes[ShardFileSurgery.bodyStart - 1] = UInt8(ascii: " ")
        assertRefused(try merge(t), "the checksum line is damaged", "no newline")
    }

    // MARK: - The scenario's fingerprint

    func testAnEditedScenarioTextIsRefusedByTheChecksumAndWithARecomputedChecksumByItsFingerprint() throws {
        var t = shard!
        var h = try t.header()
        let text = try XCTUnwrap(h["scenario_text"] as? String)
        XCTAssertTrue(text.contains("rate: 0.01"))
        h["scenario_text"] = text.replacingOccurrences(of: "rate: 0.01", with: "rate: 0.02")
        try t.setHeader(h)
        assertRefused(try merge(t), Self.checksum, "edited text")
        assertRefused(
            try merge(t, resealed: true), "the scenario text embedded in \(tamperedPath) does not match its fingerprint: the file was altered",
            "edited text, checksum recomputed")
    }

    // MARK: - The header's counts, with the checksum recomputed

    func testHeaderCountsOutOfRangeOrInconsistentAreRefusedEvenWithARecomputedChecksum() throws {
        let cases: [(key: String, value: Any, expected: String)] = [
            ("series", 1_000_000_000_000_000, "the header's series is 1000000000000000; a shard's is 0 to 1000000"),
            ("series", -1, "the header's series is -1"),
            ("series", 1_000_000, "the header's mode is paths, but a run of 300 paths of 1000000 values"),
            ("series", 3, "the header describes 44 paths of"),
            ("series", 1e30, "it is not valid JSON (or holds a number out of range)"),
            ("series", 2.5, "it is not valid JSON (or holds a number out of range)"),
            ("series", "many", "its \"series\" is not of the right type"),
            ("blocks", -1, "the header's blocks is -1"),
            ("blocks", 1, "the header's blocks is 1; shard 2/2 of 300 paths keeping every path has none"),
            ("block_size", 0, "the header's block_size is 0; a shard's is 1 to 100000000"),
            ("block_size", -256, "the header's block_size is -256"),
            ("block_size", 128, "are not those of shard 2/2 of 300 paths in blocks of 128"),
            ("paths", 0, "the header's paths is 0"),
            ("paths", 1_000_000_000_000_000, "the header's paths is 1000000000000000"),
            ("shard_count", 0, "the header's shard_count is 0"),
            ("shard_count", -2, "the header's shard_count is -2"),
            ("shard_index", 2, "the header's shard_index is 2; a shard's is 0 to 1"),
            ("shard_index", -1, "the header's shard_index is -1"),
            ("first_path", 0, "the header's paths 0..<300 are not those of shard 2/2"),
            ("end_path", 1_000_000_000_000_000, "are not those of shard 2/2"),
            ("end_path", -5, "are not those of shard 2/2"),
            ("budget_cells", -1, "the header's budget_cells is -1"),
            ("budget_groups", 1_000_000_000_000_000, "the header's budget_groups is 1000000000000000"),
            ("budget_groups", 1, "the header has 1 budget groups but its scenario has 0"),
            ("mode", "aggregate", "the header's mode is aggregate, but a run of 300 paths"),
            ("mode", "bogus", "the header's mode is \"bogus\""),
        ]
        for (key, value, expected) in cases {
            var t = shard!
            var h = try t.header()
            h[key] = value
            try t.setHeader(h)
            assertRefused(try merge(t, resealed: true), expected, "\(key) = \(value)")
        }
        var t = shard!
        var h = try t.header()
        h.removeValue(forKey: "blocks")
        try t.setHeader(h)
        assertRefused(try merge(t, resealed: true), "it lacks \"blocks\"", "no blocks")
    }

    /// One series fewer, and a row of values cut from the data: a consistent file, but not the
    /// scenario's.
    func testAConsistentlyAlteredShardThatDisagreesWithItsScenarioIsRefused() throws {
        var t = shard!
        var h = try t.header()
        let series = try XCTUnwrap(h["series"] as? Int)
        let paths = try XCTUnwrap(h["end_path"] as? Int) - (try XCTUnwrap(h["first_path"] as? Int))
        h["series"] = series - 1
        try t.setHeader(h)
        t.bytes.removeLast(8 * paths)
        assertRefused(try merge(t, resealed: true), "the header has \(series - 1) series but its scenario has \(series)", "a series fewer")
    }

    func testHeaderLengthsBeyondTheFileAreRefused() throws {
        var t = shard!
        t.setWord(at: ShardFileSurgery.bodyStart, 1 << 62)
        assertRefused(try merge(t), Self.checksum, "2^62")
        let lengths: [UInt64] = [
            1 << 62, .max, 1 << 32, UInt64(shard.bytes.count), UInt64(shard.bytes.count - shard.headerRange.lowerBound + 1), 0, 1,
        ]
        for length in lengths {
            var t = shard!
            t.setWord(at: ShardFileSurgery.bodyStart, length)
            assertRefused(try merge(t, resealed: true), "the header's length is \(length) bytes", "length \(length)")
        }
        for length in [shard.headerLength - 1, shard.headerLength + 1] {
            var t = shard!
            t.setWord(at: ShardFileSurgery.bodyStart, UInt64(length))
            // The JSON cut short, or followed by a byte of the data.
            assertRefused(try merge(t, resealed: true), "header", "length \(length)")
        }
    }

    // MARK: - Truncated, extended, other files

    func testTruncationsAtEachPartOfTheFileAreRefused() throws {
        let s = shard!
        let cuts = [
            0, 5, ShardFileSurgery.magicLength, ShardFileSurgery.magicLength + 30, ShardFileSurgery.bodyStart, ShardFileSurgery.bodyStart + 4,
            s.headerRange.lowerBound + 10, s.payloadStart, s.payloadStart + 12, s.bytes.count - 8, s.bytes.count - 1,
        ]
        for cut in cuts {
            assertRefused(try merge(ShardFileSurgery(Array(s.bytes[..<cut]))), nil, "cut at \(cut)")
        }
        // With the checksum recomputed, the sizes refuse them.
        let resealed: [(cut: Int, expected: String)] = [
            (ShardFileSurgery.bodyStart + 4, "truncated before the header's length"),
            (s.headerRange.lowerBound + 10, "only 10 bytes follow it: the file is truncated"),
            (s.payloadStart, "but 0 bytes follow it"),
            (s.payloadStart + 12, "not whole 8-byte words"),
            (s.bytes.count - 8, "bytes follow it: the file is truncated or altered"),
        ]
        for (cut, expected) in resealed {
            assertRefused(try merge(ShardFileSurgery(Array(s.bytes[..<cut])), resealed: true), expected, "cut at \(cut), checksum recomputed")
        }
    }

    func testAppendedBytesAreRefusedEvenWithARecomputedChecksum() throws {
        for (extra, expected) in [
            ([UInt8](repeating: 0, count: 1), "not whole 8-byte words"), ([UInt8](repeating: 0, count: 8), "bytes follow it"),
            (Array(shard.bytes[shard.payloadStart...]), "bytes follow it"),
        ] {
            let t = ShardFileSurgery(shard.bytes + extra)
            assertRefused(try merge(t), Self.checksum, "\(extra.count) bytes appended")
            assertRefused(try merge(t, resealed: true), expected, "\(extra.count) bytes appended, checksum recomputed")
        }
    }

    func testAVersion1ShardIsRefusedWithAdviceToReRunIt() throws {
        let version1 = Array("COFUND-PARTIAL-1\n".utf8) + shard.bytes[ShardFileSurgery.bodyStart...]
        assertRefused(try merge(ShardFileSurgery(version1)), "re-run the shard with this cofund", "version 1")
    }

    func testAFileThatIsNoShardIsRefused() throws {
        assertRefused(try merge(ShardFileSurgery(Array("scenario:\n  id: x\n".utf8))), "not a cofund shard file", "YAML")
        assertRefused(try merge(ShardFileSurgery([])), "truncated within its first line", "empty")
    }

    // MARK: - Values, with the checksum recomputed

    func testNonFiniteAndHugeValuesAreRefusedEvenWithARecomputedChecksum() throws {
        let cases: [(Double, String)] = [
            (.nan, "is nan, not a finite number"), (.infinity, "is inf, not a finite number"),
            (-.infinity, "is -inf, not a finite number"), (1e300, "is 1e+300, beyond any amount"),
        ]
        for (value, expected) in cases {
            var t = shard!
            t.setWord(at: t.payloadStart + 8 * 5, value.bitPattern)
            assertRefused(try merge(t, resealed: true), "the value of series 0 on path 261 " + expected, "\(value)")
        }
    }

    // MARK: - Seeded flips and cuts

    func testTwoHundredSeededSingleByteFlipsAreEachRefusedWithExitStatus1() throws {
        var rng = SeededGenerator(seed: 20_251_202)
        for _ in 0..<200 {
            var t = shard!
            let at = rng.next(in: 0..<t.bytes.count)
            let bit = UInt8(1) << UInt8(rng.next() % 8)
            t.bytes[at] ^= bit
            assertRefused(try merge(t), nil, "byte \(at) ^ \(bit)")
        }
    }

    func testFiftySeededTruncationsAreEachRefusedWithExitStatus1() throws {
        var rng = SeededGenerator(seed: 7_130_417)
        for _ in 0..<50 {
            let cut = rng.next(in: 0..<shard.bytes.count)
            assertRefused(try merge(ShardFileSurgery(Array(shard.bytes[..<cut]))), nil, "cut at \(cut)")
        }
    }

    /// With the checksum recomputed a flip may leave a valid file (a digit of a value, of the
    /// scenario's file name); every other one must be refused cleanly.
    func testSeededFlipsWithARecomputedChecksumNeverCrash() throws {
        var rng = SeededGenerator(seed: 42)
        var refused = 0
        for k in 0..<100 {
            var t = shard!
            // Half in the header's length and the header, half in the payload.
            let at = k % 2 == 0 ? rng.next(in: ShardFileSurgery.bodyStart..<t.payloadStart) : rng.next(in: t.payloadStart..<t.bytes.count)
            let bit = UInt8(1) << UInt8(rng.next() % 8)
            t.bytes[at] ^= bit
            let r = try merge(t, resealed: true)
            XCTAssertTrue(r.exitedCleanly, "byte \(at) ^ \(bit): crashed (\(r.reason), status \(r.status)): \(r.stderr)")
            XCTAssertTrue([0, 1].contains(r.status), "byte \(at) ^ \(bit): \(r.stderr)")
            if r.status == 1 {
                refused += 1
                XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "byte \(at) ^ \(bit): \(r.stderr)")
            }
        }
        XCTAssertGreaterThan(refused, 40)
    }
}
