import CoFundModel
import Foundation

extension PartialFile {
    /// Why a shard file is refused, without the file's name (which `read` adds).
    struct Refusal: Error {
        var why: String
        init(_ why: String) { self.why = why }
    }

    /// The largest JSON header read: the scenario text (at most `ScenarioFile.maxBytes`), which
    /// JSON escaping can make at most six times longer (`\u001f`), and a few short fields.
    static let maxHeaderBytes = 6 * ScenarioFile.maxBytes + (1 << 16)

    /// Reads a shard file, or throws one line naming `file` and what is wrong with it.
    ///
    /// In order: the format's magic line, the checksum over the rest of the file, the header's
    /// length, the header, every count of the header against the others and against the bytes
    /// present, the scenario text against its fingerprint, then the payload, every value checked as
    /// it is read. Nothing is allocated from a count before the count is known to fit the file.
    public static func read(_ data: Data, file: String) throws(FormatError) -> PartialFile {
        let bytes = [UInt8](data)
        let bodyStart: Int
        do throws(Refusal) {
            bodyStart = try verifiedBodyStart(bytes)
        } catch {
            throw FormatError(description: "\(file): \(error.why)")
        }
        return try readBody(bytes, from: bodyStart, file: file)
    }

    /// Reads the file from `start` (after the checksum line) on, whether or not its checksum
    /// matched: a file can be altered and its checksum recomputed, so every count and value is
    /// checked all the same.
    static func readBody(_ bytes: [UInt8], from start: Int, file: String) throws(FormatError) -> PartialFile {
        var reader = WordReader(bytes, at: start)
        let header: Header
        do throws(Refusal) {
            header = try readHeader(&reader)
            try header.validate(payloadBytes: reader.bytesLeft)
        } catch {
            throw FormatError(description: "\(file): \(error.why)")
        }
        guard header.scenarioTextMatchesFingerprint else {
            throw FormatError(description: "the scenario text embedded in \(file) does not match its fingerprint: the file was altered")
        }
        do throws(Refusal) {
            let values = try readPayload(&reader, header)
            guard reader.bytesLeft == 0 else { throw Refusal("\(reader.bytesLeft) bytes follow the data the header describes: the file was altered") }
            return PartialFile(header: header, values: values)
        } catch {
            throw FormatError(description: "\(file): \(error.why)")
        }
    }

    /// Checks the magic line and the checksum; returns where the checksummed body starts.
    static func verifiedBodyStart(_ bytes: [UInt8]) throws(Refusal) -> Int {
        if let earlier = earlierMagics.first(where: { bytes.starts(with: $0) }) {
            let name = String(decoding: earlier.dropLast(), as: UTF8.self)
            throw Refusal(
                "the file was written by an earlier cofund (format \(name)), which merge no longer reads: re-run the shard with this cofund (`cofund run --shard I/N`)"
            )
        }
        guard bytes.starts(with: magic) else {
            if bytes.count < magic.count, magic.starts(with: bytes) { throw Refusal("the file is truncated within its first line") }
            throw Refusal("not a cofund shard file: it does not start with COFUND-PARTIAL-3")
        }
        guard bytes.count >= bodyStart else { throw Refusal("the file is truncated within its checksum line") }
        let digits = bytes[magic.count..<(bodyStart - 1)]
        let isHex = digits.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
        guard isHex, bytes[bodyStart - 1] == UInt8(ascii: "\n") else {
            throw Refusal("the checksum line is damaged (it should be 64 hex digits): the file was altered")
        }
        guard SHA256.hex(bytes[bodyStart...]).utf8.elementsEqual(digits) else {
            throw Refusal(
                "the content does not match its SHA-256 checksum: the file was altered or damaged after the shard was written; copy it again or re-run the shard"
            )
        }
        return bodyStart
    }

    /// The header's length, bounded by the bytes left and by `maxHeaderBytes`, then the header.
    static func readHeader(_ reader: inout WordReader) throws(Refusal) -> Header {
        guard let length = reader.word() else { throw Refusal("the file is truncated before the header's length") }
        guard length >= 2, length <= UInt64(maxHeaderBytes) else {
            throw Refusal("the header's length is \(length) bytes; a shard's header has 2 to \(maxHeaderBytes) bytes")
        }
        guard let json = reader.bytes(Int(length)) else {
            throw Refusal("the header's length is \(length) bytes but only \(reader.bytesLeft) bytes follow it: the file is truncated")
        }
        do {
            return try JSONDecoder().decode(Header.self, from: Data(json))
        } catch {
            throw Refusal("the header is not a shard's: \(describe(error))")
        }
    }

    /// One line saying what a JSON decoding error is about (its own description spans lines).
    private static func describe(_ error: any Error) -> String {
        func field(_ path: [any CodingKey]) -> String { "\"" + path.map(\.stringValue).joined(separator: ".") + "\"" }
        switch error as? DecodingError {
        case let .keyNotFound(key, _)?: return "it lacks \(field([key]))"
        case let .typeMismatch(_, c)?, let .valueNotFound(_, c)?: return "its \(field(c.codingPath)) is not of the right type"
        case let .dataCorrupted(c)? where !c.codingPath.isEmpty: return "its \(field(c.codingPath)) cannot be read (a number out of range?)"
        default: return "it is not valid JSON (or holds a number out of range)"
        }
    }
}
