import CoFundEngine
import CoFundModel

/// `report.html` of `cofund sensitivity`: a tornado chart per funder and per budget line, the split
/// of each total's variance between the uncertain parameters and chance, the ranking table, and the
/// manifest.
public enum SensitivityPage {
    public static let chartTitle = "Drivers of exposure"
    public static let lineTitle = "Drivers of each budget line"
    public static let splitTitle = "Parameters or chance"
    public static let tableTitle = "Sensitivity ranking"
    public static let headings = [chartTitle, lineTitle, splitTitle, tableTitle, ManifestSection.title]
    /// Drivers shown per tornado.
    static let maxBars = 12

    public static func render(
        _ swings: [SensitivityAnalysis.Swing], split: [VarianceSplit.Part] = [], scenario s: Scenario, paths: Int,
        fraction: Double = SensitivityAnalysis.defaultFraction,
        manifest: Manifest
    ) -> String {
        let ctx = ReportContext(s)
        let groups = SensitivityWords.groups(swings).map { $0.filter(SensitivityWords.moves) }.filter { !$0.isEmpty }
        let percent = Formatting.trimmed(fraction * 100)
        return HTMLPage(
            kind: "sensitivity", title: s.title, kicker: "cofund · sensitivity",
            meta: [
                PageIntro.meta(s, paths: paths, seed: manifest.seed)
                    + " · each uncertain parameter at its p10 and p90, each assumption at −\(percent)% and +\(percent)%"
            ],
            intro: PageIntro.reformFiles(manifest) + PageIntro.changes(manifest.reforms.filter { !$0.hasPrefix("sensitivity:") }, title: "Reformed:"),
            sections: [
                charts(groups.filter { $0[0].scope == .funder }, ctx, fraction: fraction),
                lineCharts(groups.filter { $0[0].scope == .line }, ctx),
                splitSection(split, ctx),
                table(groups, ctx),
                ManifestSection.render(manifest),
            ]
        ).rendered
    }
}
