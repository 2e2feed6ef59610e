import CoFundModel

/// The reform files of a run as the terminal shows them: each file's title and the clause it comes
/// from, so that a printed table says which policy it prices.
public enum ReformText {
    /// `Reform: TITLE (SOURCE) — FILE`, one line per reform file; nil without reform files.
    public static func cited(_ files: [ReformCitation]) -> String? {
        guard !files.isEmpty else { return nil }
        return files.map { "Reform: " + $0.description }.joined(separator: "\n")
    }
}
