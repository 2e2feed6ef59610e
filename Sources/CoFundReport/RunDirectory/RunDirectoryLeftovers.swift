import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The temporary directories (`.NAME.partial-PID`, `.NAME.old-PID`) that a run killed while writing
/// `NAME` left beside it.
struct RunDirectoryLeftovers {
    let target: URL

    /// Deletes the leftovers of processes that no longer run. A leftover is deleted only through
    /// `removeRun`, which deletes nothing but the files cofund wrote.
    func remove() {
        let parent = target.deletingLastPathComponent()
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names {
            guard let pid = processID(inLeftoverName: name), !isRunning(pid) else { continue }
            let url = parent.appendingPathComponent(name)
            guard RunMarker.read(in: url) != nil else { continue }
            try? removeRun(at: url)
        }
    }

    func processID(inLeftoverName name: String) -> Int32? {
        let stem = ".\(target.lastPathComponent)."
        guard name.hasPrefix(stem) else { return nil }
        let rest = name.dropFirst(stem.count)
        for kind in ["partial-", "old-"] where rest.hasPrefix(kind) {
            return Int32(rest.dropFirst(kind.count))
        }
        return nil
    }

    private func isRunning(_ pid: Int32) -> Bool {
        if pid == ProcessInfo.processInfo.processIdentifier { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
