import Foundation

/// Paths done, paths per second and time left, on one line of stderr, when stderr is a terminal.
final class ProgressLine: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var last = Date.distantPast
    /// What is counted: paths, points of a sweep, parameters of a sensitivity analysis.
    private let unit: String

    private init(unit: String) { self.unit = unit }

    /// A progress line, or nil when stderr is not a terminal (a pipe or a file gets no progress).
    static func make(counting unit: String = "paths") -> ProgressLine? {
        isatty(STDERR_FILENO) == 1 ? ProgressLine(unit: unit) : nil
    }

    func update(done: Int, planned: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(last) > 0.2 || done == planned else { return }
        last = now
        let elapsed = max(now.timeIntervalSince(start), 1e-3)
        let rate = Double(done) / elapsed
        let left = rate > 0 ? Double(planned - done) / rate : 0
        let width = 30
        let filled = planned > 0 ? width * done / planned : width
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        FileHandle.standardError.write(
            Data(String(format: "\r%@ %d/%d %@  %.1f %@/s  %.0f s left ", bar, done, planned, unit, rate, unit, left).utf8))
    }

    /// Erases the progress line, if one was shown.
    static func clear(_ quiet: Bool) {
        if !quiet, isatty(STDERR_FILENO) == 1 { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}
