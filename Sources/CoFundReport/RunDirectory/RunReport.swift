import CoFundEngine
import CoFundModel

/// The files of a run directory.
public enum RunReport {
    public static func files(_ r: SimulationResult, scenarioFile: String, scenarioSHA256: String, reforms: [String] = [], excel: Bool = false) -> [(
        name: String, text: String
    )] {
        let manifest = Manifest(result: r, scenarioFile: scenarioFile, scenarioSHA256: scenarioSHA256, reforms: reforms)
        return [
            ("summary.csv", SummaryCSV.render(r, excel: excel)),
            ("totals.csv", TotalsCSV.render(r, excel: excel)),
            ("budgets.csv", BudgetsCSV.render(r, excel: excel)),
            ("contributions.csv", ContributionsCSV.render(r, excel: excel)),
            ("assumptions.csv", AssumptionsCSV.render(r.scenario, excel: excel)),
            ("parameters.csv", ParametersCSV.render(r.scenario, excel: excel)),
            ("manifest.json", manifest.json),
            ("report.html", RunPage.render(r, manifest: manifest)),
        ]
    }
}
