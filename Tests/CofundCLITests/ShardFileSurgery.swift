import Foundation

/// A `partial.cofund` taken apart for tampering, by the format's layout (`PartialFile`): the magic
/// line, the checksum line (64 hex digits), the header's length (a little-endian word), the JSON
/// header, then the payload's little-endian words.
struct ShardFileSurgery {
    static let magicLength = Array("COFUND-PARTIAL-2\n".utf8).count
    static let bodyStart = magicLength + 65

    var bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    init(path: String) throws { bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path))) }

    func write(to path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

    var headerLength: Int { Int(truncatingIfNeeded: word(at: Self.bodyStart)) }
    var headerRange: Range<Int> { (Self.bodyStart + 8)..<(Self.bodyStart + 8 + headerLength) }
    var payloadStart: Int { headerRange.upperBound }

    func word(at offset: Int) -> UInt64 {
        (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[offset + $1]) << (8 * UInt64($1)) }
    }

    mutating func setWord(at offset: Int, _ w: UInt64) {
        for i in 0..<8 { bytes[offset + i] = UInt8(truncatingIfNeeded: w >> (8 * UInt64(i))) }
    }

    static func littleEndian(_ w: UInt64) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: w >> (8 * UInt64($0))) } }

    /// The header as a JSON object.
    func header() throws -> [String: Any] {
        guard let h = try JSONSerialization.jsonObject(with: Data(bytes[headerRange])) as? [String: Any] else {
            throw CocoaError(.propertyListReadCorrupt)
        }
        return h
    }

    /// Replaces the header, and its length, with `h` (keys sorted, as the writer writes them).
    mutating func setHeader(_ h: [String: Any]) throws {
        let json = Array(try JSONSerialization.data(withJSONObject: h, options: [.sortedKeys]))
        bytes = Array(bytes[..<Self.bodyStart]) + Self.littleEndian(UInt64(json.count)) + json + Array(bytes[payloadStart...])
    }

    /// Recomputes the checksum line over the rest of the file, as someone altering the file would,
    /// with coreutils' `sha256sum` (independent of the writer's SHA-256); `scratch` is a file to use.
    mutating func reseal(scratch: String) throws {
        try Data(bytes[min(Self.bodyStart, bytes.count)...]).write(to: URL(fileURLWithPath: scratch))
        let hex = Array(try sha256sum(of: scratch).utf8)
        guard hex.count == 64, bytes.count >= Self.bodyStart else { throw CocoaError(.fileReadCorruptFile) }
        bytes.replaceSubrange(Self.magicLength..<(Self.magicLength + 64), with: hex)
    }
}

/// A fixed-seed generator (SplitMix64; Steele, Lea & Flood 2014), so that every run tampers with
/// the same bytes.
struct SeededPositions {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A position in `range`.
    mutating func next(in range: Range<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
}
