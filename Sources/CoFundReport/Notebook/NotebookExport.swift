import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `cofund export-notebook`: the notebook of a run directory, written next to it or into it.
public enum NotebookExport {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// The files a run directory must hold for its notebook to run.
    public static let runFiles = ["summary.csv", "totals.csv", "budgets.csv", "assumptions.csv"]

    /// Reads `runDirectory`'s manifest and writes its notebook to `output` (default
    /// `RUN_DIR/cofund.ipynb`) under a temporary name, renamed into place when complete.
    ///
    /// An existing `output` is replaced only when it is a regular file holding a notebook cofund
    /// wrote, or, with `force`, any regular file; never a directory, a link or a device.
    /// Returns the path written. Nothing is written when the directory is not a whole cofund run.
    @discardableResult
    public static func export(runDirectory: String, to output: String? = nil, force: Bool = false) throws(Failure) -> String {
        let fm = FileManager.default
        let runURL = URL(fileURLWithPath: runDirectory).standardizedFileURL
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: runURL.path, isDirectory: &isDir), isDir.boolValue else {
            throw Failure(
                description: "\(runDirectory) is not a cofund run directory (no such directory): give the folder `cofund run --out DIR` wrote")
        }
        let manifestPath = runURL.appendingPathComponent("manifest.json").path
        guard let data = fm.contents(atPath: manifestPath) else {
            throw Failure(
                description: "\(runDirectory) is not a cofund run directory (no manifest.json): give the folder `cofund run --out DIR` wrote")
        }
        let manifest: Manifest
        do { manifest = try JSONDecoder().decode(Manifest.self, from: data) } catch {
            throw Failure(description: "\(runDirectory)/manifest.json is not a cofund manifest (\(describe(error)))")
        }
        if let shard = manifest.shard {
            throw Failure(
                description:
                    "\(runDirectory) is shard \(shard) of a run and holds no CSV files: merge the shards first (`cofund merge DIR_1 … DIR_N --out DIR`) and export the merged run"
            )
        }
        let missing = runFiles.filter { !fm.fileExists(atPath: runURL.appendingPathComponent($0).path) }
        guard missing.isEmpty else {
            throw Failure(
                description: "\(runDirectory) holds no \(missing.joined(separator: ", ")): rerun it with `cofund run --out \(runDirectory)`")
        }

        let outPath = output ?? runURL.appendingPathComponent("cofund.ipynb").path
        let outURL = URL(fileURLWithPath: outPath).standardizedFileURL
        switch FileSystemEntry.kind(of: outURL.path) {
        case .missing: break
        case .directory:
            throw Failure(description: "\(outPath) is a directory: give the notebook's file name, e.g. \(outPath)/\(manifest.scenarioID).ipynb")
        case .regularFile:
            guard force || RunDirectorySafety.isCofundNotebook(outURL) else {
                throw Failure(
                    description:
                        "\(outPath) exists and is not a notebook cofund wrote; nothing was written. Choose another -o, or add --force to replace it")
            }
        case .symbolicLink, .other:
            throw Failure(description: "\(outPath) exists and is not a regular file; nothing was written. Choose another -o")
        }
        let folder = outURL.deletingLastPathComponent()
        do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw Failure(description: "cannot create \(folder.path): \(describe(error))")
        }
        let reference = runDirectoryReference(runDirectory: runURL, notebookFolder: folder)
        let text = RunNotebook.build(manifest: manifest, runDirectory: reference).json

        let temp = folder.appendingPathComponent(".\(outURL.lastPathComponent).partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(text.utf8).write(to: temp)
        } catch {
            try? fm.removeItem(at: temp)
            throw Failure(description: "cannot write \(outPath): \(describe(error))")
        }
        guard rename(temp.path, outURL.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? fm.removeItem(at: temp)
            throw Failure(description: "cannot write \(outPath): \(reason)")
        }
        return outPath
    }

    /// How the notebook names the run directory: relative to the notebook's folder when the notebook
    /// is inside the run directory ("." or "..") or the run directory is inside the notebook's folder
    /// (its name, or a path down to it), else absolute.
    static func runDirectoryReference(runDirectory: URL, notebookFolder: URL) -> String {
        let run = components(runDirectory)
        let folder = components(notebookFolder)
        if run == folder { return "." }
        if folder.starts(with: run) { return Array(repeating: "..", count: folder.count - run.count).joined(separator: "/") }
        if run.starts(with: folder) { return run.dropFirst(folder.count).joined(separator: "/") }
        return runDirectory.standardizedFileURL.path
    }

    static func components(_ url: URL) -> [String] {
        url.standardizedFileURL.resolvingSymlinksInPath().path.split(separator: "/").map(String.init)
    }

    static func describe(_ error: Error) -> String {
        if let e = error as? DecodingError {
            switch e {
            case let .keyNotFound(key, _): return "no \(key.stringValue)"
            case let .typeMismatch(_, c), let .valueNotFound(_, c):
                return "\(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
            case let .dataCorrupted(c): return c.underlyingError.map { ($0 as NSError).localizedDescription } ?? c.debugDescription
            @unknown default: return "\(e)"
            }
        }
        return (error as NSError).localizedDescription
    }
}
