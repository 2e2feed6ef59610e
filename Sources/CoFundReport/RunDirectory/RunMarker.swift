import Foundation

/// `.cofund-run`: the file that marks a directory as written by cofund, and lists what cofund wrote
/// there.
///
/// cofund replaces an existing `--out` only when it holds this marker and nothing but the files the
/// marker lists (and notebooks that `cofund export-notebook` wrote), so that a wrong `--out` can never
/// delete a file cofund did not write. The marker is the first file written into a new run, so a
/// half-written run left by a killed process is recognisable too.
public struct RunMarker: Equatable, Sendable {
    public static let fileName = ".cofund-run"
    static let firstLine = "cofund run directory, version 1"

    /// The files cofund wrote into the directory, the marker excluded.
    public var files: [String]

    public init(files: [String]) { self.files = files }

    public var text: String {
        ([Self.firstLine] + files).joined(separator: "\n") + "\n"
    }

    /// The marker of the directory at `url`, or nil when it has none (or one cofund did not write).
    public static func read(in url: URL) -> RunMarker? {
        let path = url.appendingPathComponent(fileName).path
        guard FileSystemEntry.kind(of: path) == .regularFile,
            let data = FileManager.default.contents(atPath: path), data.count <= 1 << 20,
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard lines.first == firstLine else { return nil }
        lines.removeFirst()
        return RunMarker(files: lines)
    }

    /// Files of runs written before the marker existed: a directory holding only these and a cofund
    /// manifest is taken as a cofund run.
    static let filesOfUnmarkedRuns: Set<String> = [
        "summary.csv", "totals.csv", "budgets.csv", "assumptions.csv", "manifest.json", "report.html", "delta.csv", "sweep.csv",
        "sensitivity.csv", "partial.cofund", "cofund.ipynb",
    ]
}
