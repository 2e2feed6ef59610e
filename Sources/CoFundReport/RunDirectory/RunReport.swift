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
        let check = SelfCheck(r)
        return texts(tables(r, check, byteOrderMark: byteOrderMark), r, check, manifest: manifest)
    }

    /// The files and report.xlsx, which shows the same tables; `importance`, `--importance`'s result,
    /// adds importance.csv. `check`: the run's self-check when the caller has it already.
    public static func directory(
        _ r: SimulationResult, scenarioFile: String, scenarioSHA256: String, reforms: [String] = [], reformFiles: [ReformCitation] = [],
        byteOrderMark: Bool = true, importance: ImportanceSampling? = nil, check: SelfCheck? = nil
    ) throws(WorkbookError) -> (files: [(name: String, text: String)], binary: [(name: String, bytes: [UInt8])]) {
        var manifest = Manifest(result: r, scenarioFile: scenarioFile, scenarioSHA256: scenarioSHA256, reforms: reforms)
        manifest.reformFiles = reformFiles
        let check = check ?? SelfCheck(r)
        var tables = tables(r, check, byteOrderMark: byteOrderMark)
        if let importance { tables.append(("importance.csv", ImportanceCSV.table(r, importance, byteOrderMark: byteOrderMark))) }
        let workbook = try ReportWorkbook.file(r, tables: tables.map { WorkbookTable(file: $0.name, $0.table) }, manifest: manifest)
        return (texts(tables, r, check, manifest: manifest, importance: importance), [workbook])
    }

    static func tables(_ r: SimulationResult, _ check: SelfCheck, byteOrderMark: Bool) -> [(name: String, table: CSVWriter)] {
        [
            ("summary.csv", SummaryCSV.table(r, byteOrderMark: byteOrderMark)),
            ("totals.csv", TotalsCSV.table(r, byteOrderMark: byteOrderMark)),
            ("budgets.csv", BudgetsCSV.table(r, means: check.means, byteOrderMark: byteOrderMark)),
            ("contributions.csv", ContributionsCSV.table(r, byteOrderMark: byteOrderMark)),
            ("assumptions.csv", AssumptionsCSV.table(r.scenario, byteOrderMark: byteOrderMark)),
            ("parameters.csv", ParametersCSV.table(r.scenario, byteOrderMark: byteOrderMark)),
            ("checks.csv", ChecksCSV.table(r, check, byteOrderMark: byteOrderMark)),
        ]
    }

    static func texts(
        _ tables: [(name: String, table: CSVWriter)], _ r: SimulationResult, _ check: SelfCheck, manifest: Manifest,
        importance: ImportanceSampling? = nil
    ) -> [(name: String, text: String)] {
        tables.map { ($0.name, $0.table.text) } + [
            ("manifest.json", manifest.json),
            ("report.html", RunPage.render(r, manifest: manifest, importance: importance, check: check)),
        ]
    }
}
