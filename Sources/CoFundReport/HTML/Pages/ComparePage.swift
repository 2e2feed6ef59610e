import CoFundEngine
import CoFundModel

/// `report.html` of `cofund compare`: each funder's change with its 95% interval, over the horizon
/// and by year, the programs that move it most, the budget lines' changes, and the manifest.
public enum ComparePage {
    public static let headings = [
        CompareSections.funderTitle, CompareSections.yearTitle, CompareSections.programTitle, CompareLinesSection.title, ManifestSection.title,
    ]

    public static func render(_ c: PairedComparison, changes: [String], manifest: Manifest) -> String {
        let s = c.base.scenario
        var merged = s
        merged.funders += c.reform.scenario.funders.filter { f in !s.funders.contains { $0.id == f.id } }
        let ctx = ReportContext(merged)
        let funders = CompareSections.funders(c)
        return HTMLPage(
            kind: "compare", title: s.title, kicker: "cofund · reform against baseline",
            meta: [PageIntro.meta(s, paths: c.base.paths, seed: c.base.options.seed) + " · common random numbers"],
            intro: PageIntro.reformFiles(manifest)
                + (changes.isEmpty ? "<p class=\"meta\">Changes: none (a null reform).</p>\n" : PageIntro.changes(changes, title: "Changes:")),
            sections: [
                CompareSections.byFunder(c, funders, ctx),
                CompareSections.byYear(c, funders, ctx),
                CompareSections.byProgram(c, funders, ctx),
                CompareLinesSection.render(c, ctx),
                ManifestSection.render(manifest),
            ]
        ).rendered
    }
}
