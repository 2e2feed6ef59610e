import CoFundEngine
import CoFundModel

/// `report.html` of `cofund sensitivity`: a tornado chart per funder, the ranking table, and the
/// manifest.
public enum SensitivityPage {
    public static let chartTitle = "Drivers of exposure"
    public static let tableTitle = "Sensitivity ranking"
    public static let headings = [chartTitle, tableTitle, ManifestSection.title]
    /// Parameters shown per tornado.
    static let maxBars = 12

    public static func render(_ swings: [SensitivityAnalysis.Swing], scenario s: Scenario, paths: Int, manifest: Manifest) -> String {
        let ctx = ReportContext(s)
        let groups = (s.funders.map(\.id) + ["all"]).compactMap { f -> (String, [SensitivityAnalysis.Swing])? in
            let rows = swings.filter { $0.funder == f && ($0.meanSwing != 0 || $0.p95Swing != 0) }
            return rows.isEmpty ? nil : (f, rows)
        }
        return HTMLPage(
            kind: "sensitivity", title: s.title, kicker: "cofund · sensitivity",
            meta: [PageIntro.meta(s, paths: paths, seed: manifest.seed) + " · each uncertain parameter at its p10 and p90"],
            intro: PageIntro.changes(manifest.reforms.filter { !$0.hasPrefix("sensitivity:") }, title: "Reformed:"),
            sections: [charts(groups, ctx), table(groups, ctx), ManifestSection.render(manifest)]
        ).rendered
    }
}
