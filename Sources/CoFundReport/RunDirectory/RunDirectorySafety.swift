import Foundation

/// The checks that keep `--out` from touching anything cofund did not write.
struct RunDirectorySafety {
    let target: URL
    /// The path as the user wrote it, for messages.
    let shownAs: String

    func check() throws(RunDirectory.WriteError) {
        try refuseProtectedFolders()
        switch FileSystemEntry.kind(of: target.path) {
        case .missing: return
        case .directory: try refuseForeignContent()
        case .symbolicLink:
            throw refusal("is a symbolic link; cofund writes a run directory only in place of a run directory it wrote")
        case .regularFile, .other:
            throw refusal("exists and is not a directory")
        }
    }

    /// The working directory, its ancestors, the home directory and `/` are never replaced, even when
    /// they look like a run: replacing them would pull the ground from under the user.
    private func refuseProtectedFolders() throws(RunDirectory.WriteError) {
        let real = Self.realPath(target)
        let cwd = Self.realPath(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        // `$HOME` and the account's home directory (they differ under sudo or a changed HOME).
        var homes = [Self.realPath(FileManager.default.homeDirectoryForCurrentUser)]
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { homes.append(Self.realPath(URL(fileURLWithPath: home))) }
        if real == "/" { throw refusal("is the root directory") }
        if homes.contains(real) { throw refusal("is your home directory") }
        if real == cwd || cwd.hasPrefix(real.hasSuffix("/") ? real : real + "/") {
            throw refusal(real == cwd ? "is the current directory" : "contains the current directory")
        }
    }

    /// A directory is replaced only if it holds cofund's marker (or, for runs written before the
    /// marker, a cofund manifest) and nothing but the files cofund wrote there.
    private func refuseForeignContent() throws(RunDirectory.WriteError) {
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: target.path) } catch {
            throw refusal("cannot be read (\((error as NSError).localizedDescription))")
        }
        if names.isEmpty { return }
        let marker = RunMarker.read(in: target)
        let allowed: Set<String>
        if let marker {
            allowed = Set(marker.files).union([RunMarker.fileName])
        } else if isUnmarkedRun(names) {
            allowed = RunMarker.filesOfUnmarkedRuns
        } else {
            throw refusal("exists and is not a cofund run directory (it holds \(Self.sample(names)))")
        }
        let foreign = names.filter { name in
            let entry = target.appendingPathComponent(name)
            if Self.isCofundNotebook(entry) { return false }
            return !allowed.contains(name) || FileSystemEntry.kind(of: entry.path) != .regularFile
        }
        guard foreign.isEmpty else {
            throw refusal("is a cofund run directory but also holds \(Self.sample(foreign)), which cofund did not write")
        }
    }

    /// A run written before the marker existed: a cofund manifest and only cofund's file names.
    private func isUnmarkedRun(_ names: [String]) -> Bool {
        guard names.allSatisfy(RunMarker.filesOfUnmarkedRuns.contains),
            let data = FileManager.default.contents(atPath: target.appendingPathComponent("manifest.json").path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return false }
        return object["cofund_version"] is String && object["scenario_sha256"] is String
    }

    private func refusal(_ what: String) -> RunDirectory.WriteError {
        RunDirectory.WriteError(description: "\(shownAs) \(what); nothing was written. Choose another --out, or move or remove it yourself")
    }

    /// A regular file that `cofund export-notebook` wrote: a notebook with cofund's metadata.
    static func isCofundNotebook(_ url: URL) -> Bool {
        guard url.pathExtension == "ipynb", FileSystemEntry.kind(of: url.path) == .regularFile,
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, size <= 64 << 20,
            let data = FileManager.default.contents(atPath: url.path),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let metadata = object["metadata"] as? [String: Any]
        else { return false }
        return metadata["cofund"] is [String: Any]
    }

    static func realPath(_ url: URL) -> String {
        url.standardizedFileURL.resolvingSymlinksInPath().path
    }

    static func sample(_ names: [String]) -> String {
        let sorted = names.sorted()
        let shown = sorted.prefix(3).map { "`\($0)`" }.joined(separator: ", ")
        return sorted.count > 3 ? "\(shown) and \(sorted.count - 3) more" : shown
    }
}
