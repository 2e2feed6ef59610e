import CoFundEngine
import CoFundModel

/// `report.html` of a run: the headline numbers, the charts by year, the spread, the grand total's
/// distribution, the budgets at risk, the programs that make each funder's bad year, the programs with their assumptions, the parameters with
/// the clauses and years of their values, the self-check against the closed-form means, and the manifest.
public enum RunPage {
    /// The section headings, in order.
    public static let headings = [
        HeadlineSection.title, YearlySection.title, FanSection.title, DistributionSection.title,
        BudgetSection.title, ContributionSection.title, ProgramSection.title, ParameterSection.title, SelfCheckSection.title, ManifestSection.title,
    ]

    /// `importance`: `--importance`'s result, shown in the self-check section; `check`: the run's
    /// self-check when the caller has it already.
    public static func render(
        _ r: SimulationResult, manifest: Manifest, importance: ImportanceSampling? = nil, check: SelfCheck? = nil
    ) -> String {
        let s = r.scenario
        let ctx = ReportContext(s)
        return HTMLPage(
            kind: "run", title: s.title, kicker: "cofund · exposure report",
            meta: [PageIntro.meta(s, paths: r.paths, seed: r.options.seed)] + (r.options.stratified ? [ExposureTable.stratifiedNote] : []),
            intro: PageIntro.description(s) + PageIntro.reformFiles(manifest) + PageIntro.changes(manifest.reforms, title: "Reformed:"),
            sections: [
                HeadlineSection.render(r, ctx),
                YearlySection.render(r, ctx),
                FanSection.render(r, ctx),
                DistributionSection.render(r, ctx),
                BudgetSection.render(r, ctx),
                ContributionSection.render(r, ctx),
                ProgramSection.render(s, ctx),
                ParameterSection.render(s, ctx),
                SelfCheckSection.render(r, check ?? SelfCheck(r), importance: importance, ctx),
                ManifestSection.render(manifest),
            ]
        ).rendered
    }
}
