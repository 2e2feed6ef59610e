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
            throw fail("the file is not UTF-8 text", hint: "save it as UTF-8")
        }
        return ScenarioFile(path: path, bytes: [UInt8](data), text: text)
    }
}
