import CoFundEngine
import CoFundModel

/// The files of a run directory.
public enum RunReport {
    public static func files(_ r: SimulationResult, scenarioFile: String, scenarioSHA256: String, reforms: [String] = [], excel: Bool = false) -> [(
        name: String, text: String
    )] {
        let manifest = Manifest(result: r, scenarioFile: scenarioFile, scenarioSHA256: scenarioSHA256, reforms: reforms)
        return texts(tables(r, excel: excel), r, manifest: manifest)
    }

    /// The files and report.xlsx, which shows the same tables.
    public static func directory(
        _ r: SimulationResult, scenarioFile: String, scenarioSHA256: String, reforms: [String] = [], excel: Bool = false
    ) throws(WorkbookError) -> (files: [(name: String, text: String)], binary: [(name: String, bytes: [UInt8])]) {
        let manifest = Manifest(result: r, scenarioFile: scenarioFile, scenarioSHA256: scenarioSHA256, reforms: reforms)
        let tables = tables(r, excel: excel)
        let workbook = try ReportWorkbook.file(r, tables: tables.map { WorkbookTable(file: $0.name, $0.table) }, manifest: manifest)
        return (texts(tables, r, manifest: manifest), [workbook])
    }

    static func tables(_ r: SimulationResult, excel: Bool) -> [(name: String, table: CSVWriter)] {
        [
            ("summary.csv", SummaryCSV.table(r, excel: excel)),
            ("totals.csv", TotalsCSV.table(r, excel: excel)),
            ("budgets.csv", BudgetsCSV.table(r, excel: excel)),
            ("contributions.csv", ContributionsCSV.table(r, excel: excel)),
            ("assumptions.csv", AssumptionsCSV.table(r.scenario, excel: excel)),
            ("parameters.csv", ParametersCSV.table(r.scenario, excel: excel)),
        ]
    }

    static func texts(_ tables: [(name: String, table: CSVWriter)], _ r: SimulationResult, manifest: Manifest) -> [(name: String, text: String)] {
        tables.map { ($0.name, $0.table.text) } + [
            ("manifest.json", manifest.json),
            ("report.html", RunPage.render(r, manifest: manifest)),
        ]
    }
}
