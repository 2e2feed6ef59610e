import CoFundTestSupport
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

    var headerLength: Int { Int(truncatingIfNeeded: LittleEndian.word(bytes, at: Self.bodyStart)) }
    var headerRange: Range<Int> { (Self.bodyStart + 8)..<(Self.bodyStart + 8 + headerLength) }
    var payloadStart: Int { headerRange.upperBound }

    mutating func setWord(at offset: Int, _ w: UInt64) { LittleEndian.set(&bytes, at: offset, to: w) }

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
        bytes = Array(bytes[..<Self.bodyStart]) + LittleEndian.bytes(UInt64(json.count)) + json + Array(bytes[payloadStart...])
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
