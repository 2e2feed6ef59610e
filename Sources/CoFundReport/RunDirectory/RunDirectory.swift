import Foundation

/// Writes a run's files so that a reader never sees half a report: everything goes into a
/// temporary sibling directory, which replaces the target only when every file is complete.
public struct RunDirectory {
    public let path: String

    public init(path: String) { self.path = path }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes `files` (name → UTF-8 text) as the directory's whole content.
    ///
    /// An existing directory is replaced only if it is a cofund run directory (it holds a
    /// `manifest.json`), so that `--out` pointed at a wrong folder cannot delete anything else.
    public func write(_ files: [(name: String, text: String)], binary: [(name: String, bytes: [UInt8])] = []) throws(WriteError) {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isDir) {
            guard isDir.boolValue, fm.fileExists(atPath: target.appendingPathComponent("manifest.json").path) else {
                throw WriteError(description: "\(path) exists and is not a cofund run directory (no manifest.json); choose another --out")
            }
        }
        let temp = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            if fm.fileExists(atPath: temp.path) { try fm.removeItem(at: temp) }
            try fm.createDirectory(at: temp, withIntermediateDirectories: false)
            for f in files {
                try Data(f.text.utf8).write(to: temp.appendingPathComponent(f.name))
            }
            for f in binary {
                try Data(f.bytes).write(to: temp.appendingPathComponent(f.name))
            }
            if fm.fileExists(atPath: target.path) {
                let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
                try fm.moveItem(at: target, to: old)
                try fm.moveItem(at: temp, to: target)
                try fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: temp, to: target)
            }
        } catch {
            try? fm.removeItem(at: temp)
            throw WriteError(description: "cannot write \(path): \((error as NSError).localizedDescription)")
        }
    }
}
