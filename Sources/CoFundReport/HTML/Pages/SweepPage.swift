import CoFundEngine
import CoFundModel

/// `report.html` of `cofund sweep`: each funder's horizon total, mean and p95, against the swept
/// value, the table of every point, the government's p95 and the budget lines' chances at every
/// point with their intervals, and the manifest.
public enum SweepPage {
    public static let chartTitle = "Exposure against the swept values"
    public static let tableTitle = "Sweep results"
    public static let headings = [chartTitle, tableTitle, SweepRiskSection.title, ManifestSection.title]

    public static func render(parameters: [String], points: [SweepCSV.Point], manifest: Manifest) -> String {
        guard let first = points.first?.result else { return "" }
        let s = first.scenario
        let ctx = ReportContext(s)
        return HTMLPage(
            kind: "sweep", title: s.title, kicker: "cofund · sweep of " + parameters.joined(separator: " × "),
            meta: [PageIntro.meta(s, paths: first.paths, seed: first.options.seed) + " · \(points.count) points on common random numbers"],
            intro: PageIntro.reformFiles(manifest)
                + PageIntro.changes(manifest.reforms.filter { !$0.hasPrefix("sweep ") }, title: "Reformed before the sweep:"),
            sections: [
                charts(parameters, points, first, ctx), table(parameters, points, first, ctx),
                SweepRiskSection.render(parameters, points, first, ctx), ManifestSection.render(manifest),
            ]
        ).rendered
    }
}
