import CoFundEngine
import CoFundModel

/// The files of a run directory.
public enum RunReport {
    public static func files(
        _ r: SimulationResult, scenarioFile: String, scenarioSHA256: String, reforms: [String] = [], reformFiles: [ReformCitation] = [],
        byteOrderMark: Bool = true
    ) -> [(name: String, text: String)] {
        var manifest = Manifest(result: r, scenarioFile: scenarioFile, scenarioSHA256: scenarioSHA256, reforms: reforms)
        manifest.reformFiles = reformFiles
        return texts(tables(r, byteOrderMark: byteOrderMark), r, manifest: manifest)
    }

    /// The files and report.xlsx, which shows the same tables; `importance`, `--importance`'s result,
    /// adds importance.csv.
    public static func directory(
        _ r: SimulationResult, scenarioFile: String, scenarioSHA256: String, reforms: [String] = [], reformFiles: [ReformCitation] = [],
        byteOrderMark: Bool = true, importance: ImportanceSampling? = nil
    ) throws(WorkbookError) -> (files: [(name: String, text: String)], binary: [(name: String, bytes: [UInt8])]) {
        var manifest = Manifest(result: r, scenarioFile: scenarioFile, scenarioSHA256: scenarioSHA256, reforms: reforms)
        manifest.reformFiles = reformFiles
        var tables = tables(r, byteOrderMark: byteOrderMark)
        if let importance { tables.append(("importance.csv", ImportanceCSV.table(r, importance, byteOrderMark: byteOrderMark))) }
        let workbook = try ReportWorkbook.file(r, tables: tables.map { WorkbookTable(file: $0.name, $0.table) }, manifest: manifest)
        return (texts(tables, r, manifest: manifest, importance: importance), [workbook])
    }

    static func tables(_ r: SimulationResult, byteOrderMark: Bool) -> [(name: String, table: CSVWriter)] {
        [
            ("summary.csv", SummaryCSV.table(r, byteOrderMark: byteOrderMark)),
            ("totals.csv", TotalsCSV.table(r, byteOrderMark: byteOrderMark)),
            ("budgets.csv", BudgetsCSV.table(r, byteOrderMark: byteOrderMark)),
            ("contributions.csv", ContributionsCSV.table(r, byteOrderMark: byteOrderMark)),
            ("assumptions.csv", AssumptionsCSV.table(r.scenario, byteOrderMark: byteOrderMark)),
            ("parameters.csv", ParametersCSV.table(r.scenario, byteOrderMark: byteOrderMark)),
            ("checks.csv", ChecksCSV.table(r, SelfCheck(r), byteOrderMark: byteOrderMark)),
        ]
    }

    static func texts(
        _ tables: [(name: String, table: CSVWriter)], _ r: SimulationResult, manifest: Manifest, importance: ImportanceSampling? = nil
    ) -> [(name: String, text: String)] {
        tables.map { ($0.name, $0.table.text) } + [
            ("manifest.json", manifest.json),
            ("report.html", RunPage.render(r, manifest: manifest, importance: importance)),
        ]
    }
}
