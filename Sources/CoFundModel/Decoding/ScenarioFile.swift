import Foundation

/// The bytes and text of a scenario or reform file as read from disk.
///
/// The bytes are kept so that a run's manifest fingerprints exactly what is on disk (a byte-order
/// mark, which text decoding drops, included).
public struct ScenarioFile: Sendable {
    public var path: String
    public var bytes: [UInt8]
    public var text: String

    public init(path: String, bytes: [UInt8], text: String) {
        self.path = path
        self.bytes = bytes
        self.text = text
    }

    /// The largest file read: a scenario is a few hundred lines.
    public static let maxBytes = 8 << 20

    /// Reads `path`, or throws one issue saying why it cannot be read.
    public static func read(_ path: String) throws(ScenarioIssues) -> ScenarioFile {
        func fail(_ message: String, hint: String? = nil) -> ScenarioIssues {
            ScenarioIssues([ScenarioIssue(file: path, line: 0, column: 0, field: "", message: message, hint: hint)])
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw fail("cannot read the file: there is no such file")
        }
        guard !isDirectory.boolValue else { throw fail("cannot read the file: it is a directory", hint: "name a scenario file (.yaml)") }
        guard let data = FileManager.default.contents(atPath: path) else { throw fail("cannot read the file (permission denied?)") }
        guard data.count <= maxBytes else {
            throw fail("the file is \(data.count >> 20) MiB; a scenario is at most \(maxBytes >> 20) MiB")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let at = firstInvalidUTF8(in: [UInt8](data))
            throw ScenarioIssues([
                ScenarioIssue(
                    file: path, line: at.line, column: at.column, field: "",
                    message: "the file is not UTF-8 text: byte \(at.offset) is not part of a UTF-8 character",
                    hint: "save it as UTF-8")
            ])
        }
        return ScenarioFile(path: path, bytes: [UInt8](data), text: text)
    }

    /// The line and column (1-based, in characters) of the first byte that breaks UTF-8, and its offset.
    static func firstInvalidUTF8(in bytes: [UInt8]) -> (line: Int, column: Int, offset: Int) {
        var line = 1, column = 1, i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length = b < 0x80 ? 1 : b >> 5 == 0b110 ? 2 : b >> 4 == 0b1110 ? 3 : b >> 3 == 0b11110 ? 4 : 0
            guard length > 0, i + length <= bytes.count,
                String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil
            else { return (line, column, i) }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        return (line, column, i)
    }
}
