import CoFundEngine
import CoFundModel

/// `report.xlsx`: the run directory's tables as one Excel workbook — an Overview sheet and charts
/// when the command made a whole run, then one sheet per CSV file, then the manifest.
public enum ReportWorkbook {
    public static let fileName = "report.xlsx"

    /// The workbook of a run (`cofund run`, `merge`, `stress`): Overview, Charts, the tables, manifest.
    public static func file(_ r: SimulationResult, tables: [WorkbookTable], manifest: Manifest) throws(WorkbookError) -> (
        name: String, bytes: [UInt8]
    ) {
        let bytes = try Workbook.bytes { workbook throws(WorkbookError) in
            try workbook.setProperties(title: title(manifest), author: "cofund \(manifest.cofundVersion)")
            let styles = try WorkbookStyles(workbook, unit: r.scenario.unit)
            let layout = try OverviewSheet.write(r, to: workbook, styles: styles)
            try WorkbookCharts.write(r, layout: layout, to: workbook)
            try write(tables, manifest: manifest, to: workbook, styles: styles, unit: r.scenario.unit)
        }
        return (fileName, bytes)
    }

    /// The workbook of `compare`: Overview (the change by funder and year) and Charts, the tables,
    /// manifest.
    public static func file(_ c: PairedComparison, tables: [WorkbookTable], manifest: Manifest) throws(WorkbookError) -> (
        name: String, bytes: [UInt8]
    ) {
        let unit = c.base.scenario.unit
        let bytes = try Workbook.bytes { workbook throws(WorkbookError) in
            try workbook.setProperties(title: title(manifest), author: "cofund \(manifest.cofundVersion)")
            let styles = try WorkbookStyles(workbook, unit: unit)
            try CompareOverviewSheet.write(c, to: workbook, styles: styles)
            try write(tables, manifest: manifest, to: workbook, styles: styles, unit: unit)
        }
        return (fileName, bytes)
    }

    /// The workbook of a command without one run to summarise (`sweep`, `sensitivity`, `solve`): the
    /// tables and the manifest.
    public static func file(tables: [WorkbookTable], manifest: Manifest) throws(WorkbookError) -> (name: String, bytes: [UInt8]) {
        let unit = Scenario.Unit(rawValue: manifest.unit) ?? .wan
        let bytes = try Workbook.bytes { workbook throws(WorkbookError) in
            try workbook.setProperties(title: title(manifest), author: "cofund \(manifest.cofundVersion)")
            let styles = try WorkbookStyles(workbook, unit: unit)
            try write(tables, manifest: manifest, to: workbook, styles: styles, unit: unit)
        }
        return (fileName, bytes)
    }

    /// The scenario's title and id, guarded as a cell's text is.
    static func title(_ m: Manifest) -> String {
        CSVWriter.guarded("\(m.scenarioTitle) (\(m.scenarioID))")
    }

    private static func write(
        _ tables: [WorkbookTable], manifest: Manifest, to workbook: Workbook, styles: WorkbookStyles, unit: Scenario.Unit
    ) throws(WorkbookError) {
        for table in tables { try TableSheets.write(table, to: workbook, styles: styles, unit: unit) }
        try ManifestSheet.write(manifest, to: workbook, styles: styles)
    }
}
