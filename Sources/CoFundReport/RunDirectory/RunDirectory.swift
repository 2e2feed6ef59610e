import CPlatform
import Foundation

/// Writes a run's files so that a reader never sees half a report and nothing cofund did not write
/// is ever deleted or replaced.
///
/// Everything goes into a temporary sibling directory (`.NAME.partial-PID`), marked first with
/// `.cofund-run`, which then takes the target's place: by an atomic exchange of the two names where
/// the platform has one (`renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on macOS),
/// so that `--out` names a whole run at every instant, even if the process is killed; elsewhere by
/// two renames. The old run, now under the temporary name, is then deleted. Temporary directories
/// that killed runs left behind are deleted on the next write to the same target, and only when
/// they carry the marker and their process is gone.
public struct RunDirectory {
    public let path: String

    public init(path: String) { self.path = path }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    var target: URL { URL(fileURLWithPath: path).standardizedFileURL }

    /// Refuses, before any work, a target that cofund may not write: see `write`.
    public func preflight() throws(WriteError) {
        try RunDirectorySafety(target: target, shownAs: path).check()
    }

    /// Writes `files` (name → UTF-8 text) and `binary` files as the directory's whole content.
    ///
    /// An existing target is replaced only when it is a directory that cofund wrote and holds nothing
    /// else; the working directory, its ancestors and the home directory are never a target.
    /// - Returns: warnings that do not make the write fail (an old run that could not be deleted).
    @discardableResult
    public func write(_ files: [(name: String, text: String)], binary: [(name: String, bytes: [UInt8])] = []) throws(WriteError) -> [String] {
        try preflight()
        let fm = FileManager.default
        let target = self.target
        let parent = target.deletingLastPathComponent()
        let pid = ProcessInfo.processInfo.processIdentifier
        let temp = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(pid)")
        let contents = files.map { ($0.name, Data($0.text.utf8)) } + binary.map { ($0.name, Data($0.bytes)) }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            RunDirectoryLeftovers(target: target).remove()
            try fm.createDirectory(at: temp, withIntermediateDirectories: false)
            let marker = RunMarker(files: contents.map(\.0))
            try Data(marker.text.utf8).write(to: temp.appendingPathComponent(RunMarker.fileName))
            for (name, data) in contents { try data.write(to: temp.appendingPathComponent(name)) }
        } catch {
            try? removeRun(at: temp)
            throw WriteError(description: "cannot write \(path): \((error as NSError).localizedDescription)")
        }
        return try moveIntoPlace(temp)
    }

    /// Puts the complete temporary directory at the target, and deletes the run it replaces.
    private func moveIntoPlace(_ temp: URL) throws(WriteError) -> [String] {
        let target = self.target
        guard FileSystemEntry.kind(of: target.path) != .missing else {
            guard rename(temp.path, target.path) == 0 else { throw failure(errno, cleaning: temp) }
            return []
        }
        // Checked again just before the swap: the target may have changed while the run simulated.
        do { try preflight() } catch {
            try? removeRun(at: temp)
            throw error
        }
        var replaced = temp
        let exchanged = cplatform_exchange(temp.path, target.path)
        if exchanged != 0 {
            guard exchanged == ENOSYS || exchanged == EINVAL else { throw failure(exchanged, cleaning: temp) }
            replaced = temp.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
            guard rename(target.path, replaced.path) == 0 else { throw failure(errno, cleaning: temp) }
            guard rename(temp.path, target.path) == 0 else {
                let code = errno
                _ = rename(replaced.path, target.path)
                throw failure(code, cleaning: temp)
            }
        }
        do { try removeRun(at: replaced) } catch {
            return [
                "the new run is in \(path), but the run it replaced could not be deleted from \(replaced.path): \((error as NSError).localizedDescription)"
            ]
        }
        return []
    }

    private func failure(_ code: Int32, cleaning temp: URL) -> WriteError {
        try? removeRun(at: temp)
        return WriteError(description: "cannot write \(path): \(String(cString: strerror(code)))")
    }
}

/// Deletes a directory that cofund wrote: the files its marker lists, its notebooks and the marker,
/// then the directory itself. Anything else found there stops the deletion and stays.
func removeRun(at url: URL) throws {
    let fm = FileManager.default
    guard FileSystemEntry.kind(of: url.path) == .directory else { return }
    let listed = Set(RunMarker.read(in: url)?.files ?? []).union(RunMarker.filesOfUnmarkedRuns)
    for name in try fm.contentsOfDirectory(atPath: url.path) where name != RunMarker.fileName {
        let entry = url.appendingPathComponent(name)
        guard listed.contains(name) || RunDirectorySafety.isCofundNotebook(entry),
            FileSystemEntry.kind(of: entry.path) == .regularFile
        else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: entry.path]) }
        try fm.removeItem(at: entry)
    }
    if FileSystemEntry.kind(of: url.appendingPathComponent(RunMarker.fileName).path) == .regularFile {
        try fm.removeItem(at: url.appendingPathComponent(RunMarker.fileName))
    }
    guard rmdir(url.path) == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path]) }
}
